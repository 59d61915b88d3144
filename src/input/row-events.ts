/**
 * What one data row of a line-item file becomes (a line or a rejection with its place), shared by the
 * streaming reader and the reader of a file part that a worker thread computes.
 */
import { hasKeptBytes, keptBytes, shownText } from './kept-bytes.js';
import type { LineItem, Rejection, RowKey } from '../model/line-item.js';
import { rowToItem, type RowContext } from './row-to-item.js';
import type { CanonicalColumn } from './columns.js';
import { MAX_RECORD_LENGTH, type RecordProblem } from './record-end.js';

const NOT_UTF8 = 'the row contains bytes that are not UTF-8 text (the file may be Latin-1 or Windows-1252): save it as UTF-8';

export type RowEvent = { kind: 'line'; item: LineItem } | { kind: 'rejected'; rejection: Rejection };

/** A row the reading cannot go past (see RowProblem.stops). */
export type StopEvent = { kind: 'stop'; reason: string };

/**
 * Why input read once stops at a slash date given no --date-format: it cannot be read a first time to prove
 * the order. `afterLines`: rows before it were already read and written.
 */
export function readOnceDateReason(reason: string, afterLines: boolean): string {
  const written = afterLines ? '; the lines before it were already written, so that output is incomplete' : '';
  return `${reason}, and input read once (standard input, a pipe) cannot be checked first for the order of its dates: give --date-format MDY (US), DMY (day first) or YMD, or read from a file${written}`;
}

export function rejectedRow(file: string, sourceLine: number, fields: string[], reason: string, column?: string, value?: string): RowEvent {
  return { kind: 'rejected', rejection: { file, sourceLine, ...(column ? { column } : {}), ...(value !== undefined ? { value } : {}), reason, raw: fields } };
}

/**
 * A row with bytes that are not UTF-8 (decoded as kept bytes, see kept-bytes): rejected, shown with
 * replacement characters, and its own bytes kept for the --rejects file.
 */
function notUtf8Row(file: string, sourceLine: number, fields: string[]): RowEvent {
  return { kind: 'rejected', rejection: { file, sourceLine, reason: NOT_UTF8, raw: fields.map(shownText), rawBytes: fields.map(keptBytes) } };
}

/**
 * Why a row cannot be read against the header at all (bad bytes, a wrong number of fields), as its
 * rejection, if so. `sawInvalidBytes`: the decoder has met bytes that are not UTF-8 (rows are searched for
 * them only then).
 */
export function unreadableRow(file: string, sourceLine: number, fields: string[], headerWidth: number, sawInvalidBytes: boolean): RowEvent | undefined {
  if (sawInvalidBytes && fields.some(hasKeptBytes)) return notUtf8Row(file, sourceLine, fields);
  if (fields.length !== headerWidth) return rejectedRow(file, sourceLine, fields, `the row has ${fields.length} fields but the header has ${headerWidth}; a delimiter or quote is probably missing or extra`);
  return undefined;
}

/** A data row of the canonical layout as a line, or its first problem as a rejection. */
export function lineRowEvent(fields: string[], sourceLine: number, recordNumber: number, ctx: RowContext, file: string, sawInvalidBytes: boolean): RowEvent | StopEvent {
  const unreadable = unreadableRow(file, sourceLine, fields, ctx.header.raw.length, sawInvalidBytes);
  if (unreadable) return keyed(unreadable, recordNumber, ctx);
  const result = rowToItem(fields, sourceLine, recordNumber, ctx);
  if ('reason' in result && result.stops) return { kind: 'stop', reason: result.reason };
  if ('reason' in result) return keyed(rejectedRow(file, sourceLine, fields, result.reason, result.column, result.value), recordNumber, ctx);
  return { kind: 'line', item: result };
}

/** The row's entry, line, HTS and description as it gives them (its header's columns), with the defaults a computed line gets. */
function rowKey(fields: readonly string[], recordNumber: number, ctx: RowContext): RowKey {
  const c = ctx.cols;
  const get = (i: number): string => (i >= 0 ? (fields[i] ?? '').trim() : '');
  return { entry: get(c.entry) || ctx.defaultEntry, line: get(c.line) || String(recordNumber), hts: get(c.hts), description: get(c.description) };
}

/** The rejection with its row's key, read from its shown fields (a row that is not UTF-8 shows replacement characters). */
function keyed(ev: RowEvent, recordNumber: number, ctx: RowContext): RowEvent {
  if (ev.kind !== 'rejected') return ev;
  const r = ev.rejection;
  r.key = rowKey(r.raw, recordNumber, ctx);
  const field = r.column === undefined ? -1 : (ctx.cols[r.column as CanonicalColumn] ?? -1);
  if (field >= 0) r.field = field;
  return ev;
}

/** Why a record could not be read as CSV at all (see RecordProblem), said of the row it starts. */
export function problemReason(p: RecordProblem): string {
  if (p.kind === 'unclosed-quote') {
    return `a quote opened on this row (line ${p.startLine}) is never closed, so this row and everything after it could not be read as CSV; close the quote and run again for those rows`;
  }
  const span = p.lines > 1 ? ` (lines ${p.startLine} to ${p.startLine + p.lines - 1})` : '';
  return `the row is longer than ${MAX_RECORD_LENGTH >> 20} MB${span}, far more than any line item, so it was not read; a quote opened on it and closed much later, or a file that is not CSV, makes such a row`;
}

export function unreadableRecord(file: string, p: RecordProblem): RowEvent {
  return rejectedRow(file, p.startLine, [], problemReason(p));
}
