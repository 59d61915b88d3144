/**
 * The rejected rows a reader sees: the first few (fifty on a terminal), each as `file:line: column "value":
 * reason`, and how many more there were (the --rejects file keeps every one).
 */
import type { Rejection, RowKey } from '../model/line-item.js';
import { shown } from './terminal-text.js';

/** A rejection as JSON output shows it: its bytes (for the --rejects file) left out. */
export function shownRejection(r: Rejection): Omit<Rejection, 'rawBytes' | 'key'> {
  const { rawBytes: _, key: __, ...rest } = r;
  return rest;
}

/** The same, saying first which line it is, as a computed line does (estimate and compare JSON). */
export function keyedRejection(r: Rejection): Omit<Rejection, 'rawBytes' | 'key'> & Partial<RowKey> {
  return { ...r.key, ...shownRejection(r) };
}

/**
 * Column and offending text before the reason, only what the reason does not already say: `value "12x" is
 * not a number` needs neither, `must be FOB or CIF` needs both. Raw text: callers escape it for their output.
 */
function rejectionWhere(r: Rejection): { column?: string; value?: string } {
  if (!r.column) return {};
  const reason = r.reason.toLowerCase();
  const saysColumn = reason.includes(r.column.toLowerCase()) || reason.includes(r.column.replace(/_/g, ' ').toLowerCase());
  const saysValue = r.value === undefined || r.value.trim() === '' || reason.includes(r.value.trim().toLowerCase());
  return { ...(saysColumn ? {} : { column: r.column }), ...(saysValue ? {} : { value: r.value }) };
}

/** "column "value": reason", saying each once (see rejectionWhere). */
function rejectionSentence(r: Rejection, show: (s: string) => string = (s) => s): string {
  const { column, value } = rejectionWhere(r);
  const v = value !== undefined ? `"${show(value)}"` : '';
  const where = [column !== undefined ? show(column) : '', v].filter((x) => x !== '').join(' ');
  return where ? `${where}: ${show(r.reason)}` : show(r.reason);
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
      out.push(`  ${shown(r.file)}:${r.sourceLine}: ${rejectionSentence(r, shown)}`);
    }
    if (this.count > this.kept.length) out.push(`  … ${this.count - this.kept.length} more; use --rejects FILE to keep them all`);
    return out;
  }
}
