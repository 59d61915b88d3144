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
import { MAX_RECORD_LENGTH, RecordEnd } from './record-end.js';

export interface NumberedPart extends FilePart {
  /** Where the part's bytes are in the file (they can be read again from there). */
  offset: number;
  /** Cut where the entry does not change: one entry ran longer than the part could grow. */
  insideEntry?: boolean;
  /**
   * One record too long to hold (see MAX_RECORD_LENGTH), or an open quote running to the end of the file:
   * `bytes` is empty and this many bytes at `offset` are to be read a slice at a time.
   */
  streamedLength?: number;
}

/** Reads into the caller's memory; 0 at the end. */
export interface ByteSource {
  read(into: Uint8Array, at: number, length: number): Promise<number>;
}

/** How far a part may grow past `partBytes` looking for an entry change before it is cut anyway. */
const MAX_GROWTH = 16;

/**
 * Bytes are read into one window, used again from part to part (reading each part into memory of its own
 * left the main thread holding tens of megabytes for the collector): a part's `bytes` are a view of it,
 * valid until the next part is asked for; its `offset` says where to read it again.
 */
export class FileParts {
  private window: Buffer;
  /** The unread bytes are window[start, end); window[0] is at `windowOffset` in the file. */
  private start = 0;
  private end = 0;
  private windowOffset = 0;
  private ended = false;
  private readonly marks = new RecordMarks();
  private nextLine = 1;
  private rowsBefore = 0;
  private delimiterByte = 44;

  constructor(
    private readonly source: ByteSource,
    private readonly partBytes: number,
  ) {
    this.window = Buffer.allocUnsafeSlow(2 * partBytes);
  }

  private get pending(): Buffer {
    return this.window.subarray(this.start, this.end);
  }

  /** Reads more bytes after the unread ones (moving them to the front, or into a larger window, first). */
  private async more(): Promise<boolean> {
    if (this.ended) return false;
    if (this.end === this.window.length) {
      const unread = this.end - this.start;
      const target = unread + this.partBytes > this.window.length ? Buffer.allocUnsafeSlow(2 * this.window.length) : this.window;
      this.window.copy(target, 0, this.start, this.end);
      this.window = target;
      this.windowOffset += this.start;
      this.start = 0;
      this.end = unread;
    }
    const n = await this.source.read(this.window, this.end, Math.min(this.partBytes, this.window.length - this.end));
    if (n === 0) {
      this.ended = true;
      return false;
    }
    this.end += n;
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
      // A header this long is no header: the one-thread reader says so.
      if (this.end - this.start > MAX_RECORD_LENGTH) return undefined;
      if (!(await this.more())) return undefined;
    }
  }

  private firstRecord(given?: string): { bytes: Buffer; delimiter: string } | undefined {
    const pending = this.pending;
    const firstLineEnd = pending.indexOf(10);
    if (firstLineEnd < 0) return undefined;
    const delimiter = given ?? detectDelimiter(pending.subarray(0, firstLineEnd).toString('utf8').replace(/^\uFEFF/, '').replace(/\r$/, ''));
    this.delimiterByte = delimiter.charCodeAt(0);
    scanRecords(pending, this.delimiterByte, this.marks);
    if (this.marks.count === 0) return undefined;
    const end = this.marks.ends[0]!;
    // The header is kept for the whole run: a copy, not a view of the window.
    const bytes = Buffer.from(pending.subarray(0, end));
    this.nextLine += this.marks.lines[0]!;
    this.start += end;
    return { bytes, delimiter };
  }

  /** The data parts, after `header()`; `entryOf` reads the entry of a record's fields. */
  async *parts(entryOf: (fields: string[]) => string): AsyncGenerator<NumberedPart> {
    const tokenizer = (): CsvTokenizer => new CsvTokenizer(String.fromCharCode(this.delimiterByte), 1, false);
    // Undefined for a blank line: not a row, so it belongs to no entry and is no place to cut.
    const entryAt = (i: number): string | undefined => {
      let fields: string[] | undefined;
      const t = tokenizer();
      t.push(this.window.toString('utf8', this.start + this.marks.start(i), this.start + this.marks.ends[i]!), (f) => (fields = f));
      t.end((f) => (fields = f));
      return fields && entryOf(fields);
    };
    for (;;) {
      while (this.end - this.start < this.partBytes && (await this.more()));
      if (this.ended) break;
      scanRecords(this.pending, this.delimiterByte, this.marks);
      if (this.marks.long) {
        if (this.marks.count > 0) yield this.take(this.marks.count - 1);
        yield await this.passLongRecord();
        continue;
      }
      const cut = this.entryBoundary(entryAt);
      if (cut === undefined && (this.end - this.start < this.partBytes * MAX_GROWTH || this.marks.count === 0)) {
        if (await this.more()) continue;
        break;
      }
      yield cut === undefined ? { ...this.take(this.marks.count - 1), insideEntry: true } : this.take(cut);
    }
    if (this.end > this.start) {
      const part = { bytes: this.pending, offset: this.windowOffset + this.start, firstLine: this.nextLine, rowsBefore: this.rowsBefore };
      this.start = this.end;
      // The last part may end without a line break, or in a quote never closed: the reader of the part says so.
      yield part;
    }
  }

  /** The record at the start of the unread bytes, too long to hold: found to its end and passed over. */
  private async passLongRecord(): Promise<NumberedPart> {
    const finder = new RecordEnd(this.delimiterByte);
    const offset = this.windowOffset + this.start;
    let length = 0;
    for (;;) {
      const w = this.window;
      const end = finder.find((i) => w[i]!, this.start, this.end);
      const found = end >= 0;
      const to = found ? end : this.end;
      length += to - this.start;
      this.start = to;
      if (found || !(await this.more())) break;
    }
    const part: NumberedPart = { bytes: this.window.subarray(0, 0), offset, firstLine: this.nextLine, rowsBefore: this.rowsBefore, streamedLength: length };
    this.nextLine += finder.lines;
    this.rowsBefore += 1;
    return part;
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
    const part: NumberedPart = { bytes: this.window.subarray(this.start, this.start + end), offset: this.windowOffset + this.start, firstLine: this.nextLine, rowsBefore: this.rowsBefore };
    this.nextLine += this.marks.lines[i]!;
    this.rowsBefore += this.marks.rows[i]!;
    this.start += end;
    return part;
  }
}
