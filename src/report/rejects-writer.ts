/**
 * --rejects FILE: the rejected rows exactly as read, plus a reason column, so they can be fixed and re-run.
 */
import type { Rejection } from '../input/line-item.js';
import { csvRow } from './csv-cell.js';
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
    await this.sink.write(csvRow([...r.raw, `${where}: ${r.reason}`]));
  }

  async close(): Promise<void> {
    await this.sink.close();
  }
}
