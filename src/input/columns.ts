/**
 * The canonical columns of the line-item CSV, their aliases and meaning, as the reader, `--help` and the README
 * use them: made from the line facts (src/model/line-facts.ts), where each is declared.
 */
import { CANONICAL_COLUMN_NAMES, LINE_FACTS, type CanonicalColumn } from '../model/line-facts.js';

export { CANONICAL_COLUMN_NAMES, type CanonicalColumn };

export interface ColumnSpec {
  name: CanonicalColumn;
  required: boolean;
  aliases: readonly string[];
  description: string;
}

export const canonicalColumns: readonly ColumnSpec[] = LINE_FACTS.map((f) => ({ name: f.name, required: f.required, aliases: f.aliases, description: f.help }));

/** Header text as compared: lower case, spaces and hyphens as underscores. */
export function normalizeHeader(text: string): string {
  return text.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

const ALIASES = new Map<string, CanonicalColumn>();
for (const c of canonicalColumns) {
  ALIASES.set(c.name, c.name);
  for (const a of c.aliases) ALIASES.set(a, c.name);
}

export function canonicalFor(header: string): CanonicalColumn | undefined {
  return ALIASES.get(normalizeHeader(header));
}
