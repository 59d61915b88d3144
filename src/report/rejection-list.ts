/**
 * The rejected rows a reader sees: the first few (fifty on a terminal), each as `file:line: column "value":
 * reason`, and how many more there were (the --rejects file keeps every one).
 */
import type { Rejection } from '../input/line-item.js';
import { shown } from './terminal-text.js';

/** A rejection as JSON output shows it: its bytes (for the --rejects file) left out. */
export function shownRejection(r: Rejection): Omit<Rejection, 'rawBytes'> {
  const { rawBytes: _, ...shown } = r;
  return shown;
}

export class RejectionList {
  count = 0;
  /** The first rejections, as they came. */
  readonly kept: Rejection[] = [];

  constructor(private readonly limit = 50) {}

  add(r: Rejection): void {
    this.count += 1;
    if (this.kept.length < this.limit) this.kept.push(r);
  }

  /** Heading and indented lines; empty when nothing was rejected. */
  lines(heading: (count: number) => string = (n) => `Rejected lines (${n}):`): string[] {
    if (this.count === 0) return [];
    const out = [heading(this.count)];
    for (const r of this.kept) {
      const where = r.column ? ` ${shown(r.column)}${r.value !== undefined ? ` "${shown(r.value)}"` : ''}:` : '';
      out.push(`  ${shown(r.file)}:${r.sourceLine}:${where} ${shown(r.reason)}`);
    }
    if (this.count > this.kept.length) out.push(`  … ${this.count - this.kept.length} more; use --rejects FILE to keep them all`);
    return out;
  }
}
