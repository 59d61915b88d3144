/**
 * --rejects FILE: the rejected rows as read, plus a reason column, so they can be fixed and re-run. Only a
 * cell a spreadsheet would run as a formula is changed (a leading apostrophe), so the file is safe to open.
 */
import type { Rejection } from '../input/line-item.js';
import { csvRow, neutralizeFormula } from './csv-cell.js';
import type { OutputSink } from './output-sink.js';

export class RejectsWriter {
  private header: string[] | undefined;
  private wroteHeader = false;

  constructor(private readonly sink: OutputSink) {}

  setHeader(raw: readonly string[]): void {
    this.header = [...raw];
  }

  async add(r: Rejection): Promise<void> {
    if (!this.wroteHeader) {
      this.wroteHeader = true;
      await this.sink.write(csvRow([...(this.header ?? r.raw.map((_, i) => `column_${i + 1}`)), 'reject_reason']));
    }
    const where = `line ${r.sourceLine}${r.column ? `, ${r.column}` : ''}`;
    await this.sink.write(csvRow([...r.raw.map(neutralizeFormula), `${where}: ${r.reason}`]));
  }

  async close(): Promise<void> {
    await this.sink.close();
  }
}
