/**
 * Cuts a line-item file into parts of about `partBytes` at places where the entry changes, so each part
 * can be computed on its own (entry fees need an entry's contiguous lines together): the header first,
 * then parts with the physical line and data-row number they start at. Only a few records near each cut are
 * tokenized, to read their entry; the rest is a byte scan.
 */
import { CsvTokenizer } from './csv-tokenizer.js';
import { detectDelimiter } from './delimiter.js';
import type { FilePart } from './chunk-reader.js';
import { RecordMarks, scanRecords } from './record-scanner.js';

export interface NumberedPart extends FilePart {
  /** Cut where the entry does not change: one entry ran longer than the part could grow. */
  insideEntry?: boolean;
}

/** How far a part may grow past `partBytes` looking for an entry change before it is cut anyway. */
const MAX_GROWTH = 16;

export class FileParts {
  private readonly source: AsyncIterator<Buffer>;
  private pending: Buffer = Buffer.alloc(0);
  private ended = false;
  private readonly marks = new RecordMarks();
  private nextLine = 1;
  private rowsBefore = 0;
  private delimiterByte = 44;

  constructor(
    input: AsyncIterable<Buffer>,
    private readonly partBytes: number,
  ) {
    this.source = input[Symbol.asyncIterator]();
  }

  private async more(): Promise<boolean> {
    if (this.ended) return false;
    const r = await this.source.next();
    if (r.done) {
      this.ended = true;
      return false;
    }
    this.pending = this.pending.length === 0 ? r.value : Buffer.concat([this.pending, r.value]);
    return true;
  }

  /**
   * The bytes of the header record (with its line break) and the delimiter, detected on it unless given;
   * undefined when the file ends before a header line is complete.
   */
  async header(delimiter?: string): Promise<{ bytes: Buffer; delimiter: string } | undefined> {
    for (;;) {
      const found = this.firstRecord(delimiter);
      if (found) return found;
      if (!(await this.more())) return undefined;
    }
  }

  private firstRecord(given?: string): { bytes: Buffer; delimiter: string } | undefined {
    const firstLineEnd = this.pending.indexOf(10);
    if (firstLineEnd < 0) return undefined;
    const delimiter = given ?? detectDelimiter(this.pending.subarray(0, firstLineEnd).toString('utf8').replace(/^\uFEFF/, '').replace(/\r$/, ''));
    this.delimiterByte = delimiter.charCodeAt(0);
    scanRecords(this.pending, this.delimiterByte, this.marks);
    if (this.marks.count === 0) return undefined;
    const end = this.marks.ends[0]!;
    const bytes = this.pending.subarray(0, end);
    this.nextLine += this.marks.lines[0]!;
    this.pending = this.pending.subarray(end);
    return { bytes, delimiter };
  }

  /** The data parts, after `header()`; `entryOf` reads the entry of a record's fields. */
  async *parts(entryOf: (fields: string[]) => string): AsyncGenerator<NumberedPart> {
    const tokenizer = (): CsvTokenizer => new CsvTokenizer(String.fromCharCode(this.delimiterByte), 1, false);
    // Undefined for a blank line: not a row, so it belongs to no entry and is no place to cut.
    const entryAt = (i: number): string | undefined => {
      let fields: string[] | undefined;
      const t = tokenizer();
      t.push(this.pending.toString('utf8', this.marks.start(i), this.marks.ends[i]), (f) => (fields = f));
      t.end((f) => (fields = f));
      return fields && entryOf(fields);
    };
    for (;;) {
      while (this.pending.length < this.partBytes && (await this.more()));
      if (this.ended) break;
      scanRecords(this.pending, this.delimiterByte, this.marks);
      const cut = this.entryBoundary(entryAt);
      if (cut === undefined && (this.pending.length < this.partBytes * MAX_GROWTH || this.marks.count === 0)) {
        if (await this.more()) continue;
        break;
      }
      yield cut === undefined ? { ...this.take(this.marks.count - 1), insideEntry: true } : this.take(cut);
    }
    if (this.pending.length > 0) {
      const bytes = this.pending;
      this.pending = Buffer.alloc(0);
      // The last part may end without a line break, or in a quote never closed: the reader of the part says so.
      yield { bytes, firstLine: this.nextLine, rowsBefore: this.rowsBefore };
    }
  }

  /** The last record after which the entry changes, among the complete records scanned. */
  private entryBoundary(entryAt: (i: number) => string | undefined): number | undefined {
    let next: string | undefined;
    for (let i = this.marks.count - 1; i >= 0; i--) {
      const entry = entryAt(i);
      if (entry === undefined) continue;
      if (next !== undefined && entry !== next) return i;
      next = entry;
    }
    return undefined;
  }

  /** The part up to and including record `i`; the rest stays pending. */
  private take(i: number): NumberedPart {
    const end = this.marks.ends[i]!;
    const part: NumberedPart = { bytes: this.pending.subarray(0, end), firstLine: this.nextLine, rowsBefore: this.rowsBefore };
    this.nextLine += this.marks.lines[i]!;
    this.rowsBefore += this.marks.rows[i]!;
    this.pending = this.pending.subarray(end);
    return part;
  }
}
