/**
 * The date columns of a line-item file, read by the first pass over its bytes (scattered-entries) only in
 * the records that hold a slash: a file of YYYY-MM-DD dates costs one byte search per read window.
 */
import type { SlashDateEvidence } from '../input/date-order.js';
import type { HeaderReport } from '../input/header.js';

const SLASH = 47;
const QUOTE = 34;
const LF = 10;
const CR = 13;

export interface DateColumn {
  index: number;
  name: string;
}

/** The scan of the header's date columns, or none when it has none. */
export function slashDateScanOf(header: HeaderReport, delimiter: number, evidence: SlashDateEvidence): SlashDateScan | undefined {
  const columns: DateColumn[] = [];
  for (const name of ['entry_date', 'export_date'] as const) {
    const index = header.index[name];
    if (index !== undefined) columns.push({ index, name });
  }
  return columns.length > 0 ? new SlashDateScan(columns, delimiter, evidence) : undefined;
}

export class SlashDateScan {
  /** Offset of the next slash in the window being scanned, at or after the last record asked about. */
  private nextSlash = -1;
  private readonly last: number;

  constructor(
    private readonly columns: readonly DateColumn[],
    private readonly delimiter: number,
    private readonly evidence: SlashDateEvidence,
  ) {
    this.last = Math.max(...columns.map((c) => c.index));
  }

  /** The window's bytes moved or changed: the slash found before is no longer where it was. */
  newWindow(): void {
    this.nextSlash = -1;
  }

  /**
   * A record bytes[start, stop) starting on line `sourceLine`; `fields` reads it with the tokenizer (a quote
   * in it). Returns without a look at the record's fields when it holds no slash.
   */
  record(bytes: Buffer, start: number, stop: number, sourceLine: number, fields: () => string[] | undefined): void {
    if (this.nextSlash < start) {
      this.nextSlash = bytes.indexOf(SLASH, start);
      if (this.nextSlash < 0) this.nextSlash = Number.MAX_SAFE_INTEGER;
    }
    if (this.nextSlash >= stop) return;
    this.nextSlash = -1;
    let k = 0;
    let fieldStart = start;
    for (let i = start; i <= stop; i++) {
      const c = i < stop ? bytes[i]! : LF;
      if (c === QUOTE) {
        const f = fields();
        if (f) this.fieldsRead(f, sourceLine);
        return;
      }
      if (c === this.delimiter || c === LF || c === CR) {
        this.field(k, bytes, fieldStart, i, sourceLine);
        if (k === this.last || c !== this.delimiter) return;
        k += 1;
        fieldStart = i + 1;
      }
    }
  }

  /** A record the tokenizer read. */
  fieldsRead(fields: readonly string[], sourceLine: number): void {
    for (const c of this.columns) this.evidence.see(c.name, fields[c.index] ?? '', sourceLine);
  }

  private field(k: number, bytes: Buffer, start: number, end: number, sourceLine: number): void {
    for (const c of this.columns) {
      if (c.index === k) this.evidence.see(c.name, bytes.toString('utf8', start, end), sourceLine);
    }
  }
}
