/**
 * The rejected rows a terminal reader sees: the first fifty, each as `file:line: column "value": reason`, and
 * how many more there were (the --rejects file keeps every one).
 */
import type { Rejection } from '../input/line-item.js';

const SHOWN = 50;

export class RejectionList {
  count = 0;
  private readonly shown: string[] = [];

  add(r: Rejection): void {
    this.count += 1;
    if (this.shown.length >= SHOWN) return;
    const where = r.column ? ` ${r.column}${r.value !== undefined ? ` "${r.value}"` : ''}:` : '';
    this.shown.push(`${r.file}:${r.sourceLine}:${where} ${r.reason}`);
  }

  /** Heading and indented lines; empty when nothing was rejected. */
  lines(heading: (count: number) => string = (n) => `Rejected lines (${n}):`): string[] {
    if (this.count === 0) return [];
    const out = [heading(this.count), ...this.shown.map((s) => `  ${s}`)];
    if (this.count > this.shown.length) out.push(`  … ${this.count - this.shown.length} more; use --rejects FILE to keep them all`);
    return out;
  }
}
