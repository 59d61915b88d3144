/**
 * What one data row of a line-item file becomes (a line or a rejection with its place), shared by the
 * streaming reader and the reader of a file part that a worker thread computes.
 */
import type { LineItem, Rejection } from './line-item.js';
import { rowToItem, type RowContext } from './row-to-item.js';
import { MAX_RECORD_LENGTH, type RecordProblem } from './record-end.js';

export const ENCODED_REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);

const NOT_UTF8 = 'the row contains bytes that are not UTF-8 text (the file may be Latin-1 or Windows-1252): save it as UTF-8';

export type RowEvent = { kind: 'line'; item: LineItem } | { kind: 'rejected'; rejection: Rejection };

/**
 * Whether the decoder replaced bytes of a file that are not UTF-8 (its U+FFFD), chunk by chunk as they are
 * decoded; not when the file spells a replacement character out in valid UTF-8 (EF BF BD), also when those
 * three bytes fall in two chunks (the decoder gives the character with the second).
 */
export class InvalidBytesWatch {
  seen = false;
  /** The last two bytes of the chunk before: where a character this chunk ends may have begun. */
  private carry: Buffer = Buffer.alloc(0);

  /** `text` is what the decoder gave for `bytes`. */
  chunk(text: string, bytes: Uint8Array): void {
    const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (!this.seen && text.includes('\uFFFD') && !Buffer.concat([this.carry, b]).includes(ENCODED_REPLACEMENT)) this.seen = true;
    this.carry = Buffer.from(b.subarray(Math.max(0, b.length - 2)));
  }

  /** What the decoder gave at the end: bytes of a character the file never finished. */
  end(tail: string): void {
    if (tail.includes('\uFFFD')) this.seen = true;
  }
}

export function rejectedRow(file: string, sourceLine: number, fields: string[], reason: string, column?: string, value?: string): RowEvent {
  return { kind: 'rejected', rejection: { file, sourceLine, ...(column ? { column } : {}), ...(value !== undefined ? { value } : {}), reason, raw: fields } };
}

/** Why a row cannot be read against the header at all (bad bytes, a wrong number of fields), if so. */
export function unreadableRow(fields: string[], headerWidth: number, sawInvalidBytes: boolean): string | undefined {
  if (sawInvalidBytes && fields.some((f) => f.includes('\uFFFD'))) return NOT_UTF8;
  if (fields.length !== headerWidth) return `the row has ${fields.length} fields but the header has ${headerWidth}; a delimiter or quote is probably missing or extra`;
  return undefined;
}

/** A data row of the canonical layout as a line, or its first problem as a rejection. */
export function lineRowEvent(fields: string[], sourceLine: number, recordNumber: number, ctx: RowContext, file: string, sawInvalidBytes: boolean): RowEvent {
  const unreadable = unreadableRow(fields, ctx.header.raw.length, sawInvalidBytes);
  if (unreadable) return rejectedRow(file, sourceLine, fields, unreadable);
  const result = rowToItem(fields, sourceLine, recordNumber, ctx);
  if ('reason' in result) return rejectedRow(file, sourceLine, fields, result.reason, result.column, result.value);
  return { kind: 'line', item: result };
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
