/**
 * What one data row of a line-item file becomes (a line or a rejection with its place), shared by the
 * streaming reader and the reader of a file part that a worker thread computes.
 */
import type { LineItem, Rejection } from './line-item.js';
import { rowToItem, type RowContext } from './row-to-item.js';

export const ENCODED_REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);

const NOT_UTF8 = 'the row contains bytes that are not UTF-8 text (the file may be Latin-1 or Windows-1252): save it as UTF-8';

export type RowEvent = { kind: 'line'; item: LineItem } | { kind: 'rejected'; rejection: Rejection };

/**
 * True when the decoder replaced bytes of `bytes` that are not UTF-8 (its U+FFFD), not when the file spells
 * a replacement character out in valid UTF-8 (EF BF BD).
 */
export function hasInvalidBytes(text: string, bytes: Uint8Array): boolean {
  return text.includes('\uFFFD') && !Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCODED_REPLACEMENT);
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
