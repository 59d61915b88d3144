/**
 * The rejected rows a reader sees: the first few (fifty on a terminal), each as `file:line: column "value":
 * reason`, and how many more there were (the --rejects file keeps every one).
 */
import type { Rejection, RowKey } from '../model/line-item.js';
import { shown } from './terminal-text.js';

/** A rejection as JSON output shows it: its bytes (for the --rejects file) left out. */
export function shownRejection(r: Rejection): Omit<Rejection, 'rawBytes' | 'key' | 'field' | 'outside'> {
  const { rawBytes: _, key: __, field: ___, outside: ____, ...rest } = r;
  return rest;
}

/**
 * The status of a row not computed, as CSV and JSON write it: `outside_these_rules` for an origin the
 * schedule does not encode (not importable under these rules, not an error), else `rejected`.
 */
export function rejectionStatus(r: Rejection): 'outside_these_rules' | 'rejected' {
  return r.outside ? 'outside_these_rules' : 'rejected';
}

/** The same, saying first which line it is, as a computed line does (estimate and compare JSON). */
export function keyedRejection(r: Rejection): { type: string } & Omit<Rejection, 'rawBytes' | 'key' | 'field' | 'outside'> & Partial<RowKey> {
  return { type: rejectionStatus(r), ...r.key, ...shownRejection(r) };
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

/** The widest row shown under a rejection; a longer one is cut around the offending cell. */
const ROW_WIDTH = 120;

/** Which of the row's cells is at fault: the one the reader named, else the one holding the offending text. */
function faultyField(r: Rejection): number {
  if (r.field !== undefined) return r.field;
  const value = r.value?.trim();
  if (!value) return -1;
  const exact = r.raw.findIndex((f) => f.trim() === value);
  if (exact >= 0) return exact;
  // An HTS code is said formatted (0101.21.00.10) and may be written otherwise (0101210010).
  const digits = value.replace(/\D/g, '');
  return digits.length >= 6 ? r.raw.findIndex((f) => f.replace(/\D/g, '') === digits) : -1;
}

/** A CSV cell as the row would be written with commas. */
function cell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The row as given, with a caret under the cell at fault (as hledger points at an error), for a terminal;
 * none when the row could not be read or the cell is not known.
 */
export function pointedRow(r: Rejection): string[] {
  const at = faultyField(r);
  if (r.raw.length === 0 || at < 0 || at >= r.raw.length) return [];
  const cells = r.raw.map((f) => shown(cell(f)));
  let row = cells.join(',');
  let start = cells.slice(0, at).reduce((n, c) => n + c.length + 1, 0);
  const width = Math.max(1, cells[at]!.length);
  if (row.length > ROW_WIDTH) {
    const from = Math.max(0, Math.min(start - 20, row.length - ROW_WIDTH));
    row = `${from > 0 ? '…' : ''}${row.slice(from, from + ROW_WIDTH)}${from + ROW_WIDTH < row.length ? '…' : ''}`;
    start = start - from + (from > 0 ? 1 : 0);
  }
  return [row, `${' '.repeat(start)}${'^'.repeat(Math.min(width, ROW_WIDTH))}`];
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
      out.push(...pointedRow(r).map((l) => `    ${l}`));
    }
    if (this.count > this.kept.length) out.push(`  … ${this.count - this.kept.length} more; use --rejects FILE to keep them all`);
    return out;
  }
}
