/**
 * --rejects FILE: the rejected rows as read, plus a reason column, so they can be fixed and re-run. Only a
 * cell a spreadsheet would run as a formula is changed (a leading apostrophe), so the file is safe to open.
 * A row that is not UTF-8 text (a Latin-1 file) is written with its own bytes, not replacement characters.
 */
import { hasKeptBytes, keptBytes } from '../input/kept-bytes.js';
import type { Rejection } from '../model/line-item.js';
import { csvRow, neutralizeFormula } from '../report/csv-cell.js';
import type { OutputSink } from './output-sink.js';

/**
 * A row of cells given as bytes, as bytes: each cell seen as Latin-1 (one character a byte, so quoting and
 * the formula check, which look only at ASCII, work on any bytes) and encoded back the same way.
 */
function bytesRow(cells: readonly Uint8Array[], neutralize: readonly boolean[]): Buffer {
  const text = cells.map((c, i) => {
    const cell = Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString('latin1');
    return neutralize[i] ? neutralizeFormula(cell) : cell;
  });
  return Buffer.from(csvRow(text), 'latin1');
}

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

export class RejectsWriter {
  private header: string[] | undefined;
  private wroteHeader = false;

  constructor(private readonly sink: OutputSink) {}

  setHeader(raw: readonly string[]): void {
    this.header = [...raw];
  }

  private async writeHeader(columns: readonly string[]): Promise<void> {
    this.wroteHeader = true;
    const names = [...columns, 'reject_reason'];
    // A header with bytes that are not UTF-8 is given back as it was, too.
    if (names.some(hasKeptBytes)) await this.sink.writeBytes(bytesRow(names.map(keptBytes), []));
    else await this.sink.write(csvRow(names));
  }

  async add(r: Rejection): Promise<void> {
    if (!this.wroteHeader) await this.writeHeader(this.header ?? r.raw.map((_, i) => `column_${i + 1}`));
    const reason = `line ${r.sourceLine}${r.column ? `, ${r.column}` : ''}: ${r.reason}`;
    if (r.rawBytes) await this.sink.writeBytes(bytesRow([...r.rawBytes, utf8(reason)], r.rawBytes.map(() => true)));
    else await this.sink.write(csvRow([...r.raw.map(neutralizeFormula), reason]));
  }

  /** With no row rejected the file still has its header, so it reads as "none rejected", not as a broken file. */
  async close(): Promise<void> {
    if (!this.wroteHeader && this.header) await this.writeHeader(this.header);
    await this.sink.close();
  }
}
