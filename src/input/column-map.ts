/**
 * Mapping the user's headers to canonical columns: a --map JSON file (its format is a zod schema) and
 * --column name=header options.
 */
import { z } from 'zod';
import { CANONICAL_COLUMN_NAMES } from './columns.js';

/** --map file.json: { "<canonical column>": "<header in your file>" } */
export const columnMapSchema = z.partialRecord(z.enum(CANONICAL_COLUMN_NAMES), z.string().min(1));

export class ColumnMapError extends Error {}

export function loadColumnMap(jsonText: string): Record<string, string> {
  let data: unknown;
  try {
    // Windows editors save UTF-8 with a byte-order mark, which JSON.parse refuses.
    data = JSON.parse(jsonText.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ColumnMapError(`the column map is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = columnMapSchema.safeParse(data);
  if (!parsed.success) {
    throw new ColumnMapError(`the column map must map canonical column names (${CANONICAL_COLUMN_NAMES.join(', ')}) to header names of your file`);
  }
  return parsed.data as Record<string, string>;
}

/** --column hts="Tariff No" */
export function parseColumnOption(spec: string): [string, string] {
  const eq = spec.indexOf('=');
  const name = eq > 0 ? spec.slice(0, eq).trim() : '';
  const header = eq > 0 ? spec.slice(eq + 1).trim() : '';
  if (!name || !header) throw new ColumnMapError(`--column ${spec}: expected name=header, e.g. hts="Tariff No"`);
  if (!(CANONICAL_COLUMN_NAMES as readonly string[]).includes(name)) {
    throw new ColumnMapError(`--column ${spec}: "${name}" is not a column this tool reads; use one of ${CANONICAL_COLUMN_NAMES.join(', ')}`);
  }
  return [name, header];
}
