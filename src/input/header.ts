/**
 * Maps the header row of a file to canonical columns (aliases, --map, --column), or says precisely why it
 * cannot be used.
 */
import { canonicalColumns, canonicalFor, normalizeHeader, type CanonicalColumn } from './columns.js';

export interface HeaderReport {
  /** The header fields exactly as read. */
  raw: string[];
  /** Canonical column -> field index. */
  index: Partial<Record<CanonicalColumn, number>>;
  /** Headers this tool does not read. */
  ignored: string[];
}

export type HeaderResult = { ok: true; header: HeaderReport } | { ok: false; reason: string };

export function resolveHeader(raw: string[], columnMap: Record<string, string> = {}, hasDefaultDate = false): HeaderResult {
  const index: Partial<Record<CanonicalColumn, number>> = {};
  const ignored: string[] = [];
  const mappedHeader = new Map<string, CanonicalColumn>();
  for (const [canonical, header] of Object.entries(columnMap)) mappedHeader.set(normalizeHeader(header), canonical as CanonicalColumn);
  const seen = new Map<string, number>();
  for (let i = 0; i < raw.length; i++) {
    const text = raw[i]!;
    const norm = normalizeHeader(text);
    if (norm === '') {
      ignored.push(`(column ${i + 1} has no name)`);
      continue;
    }
    const previous = seen.get(norm);
    if (previous !== undefined) return { ok: false, reason: `the header has "${text}" twice (columns ${previous + 1} and ${i + 1}); rename one` };
    seen.set(norm, i);
    let canonical = mappedHeader.get(norm);
    if (canonical === undefined) {
      const alias = canonicalFor(text);
      // A column the user mapped to another header is not also taken by its alias here.
      canonical = alias !== undefined && columnMap[alias] === undefined ? alias : undefined;
    }
    if (canonical === undefined) {
      ignored.push(text);
      continue;
    }
    const other = index[canonical];
    if (other !== undefined) {
      return { ok: false, reason: `columns "${raw[other]}" and "${text}" both mean ${canonical}; keep one, or map one with --column ${canonical}=<header>` };
    }
    index[canonical] = i;
  }
  for (const c of canonicalColumns) {
    if (!c.required || index[c.name] !== undefined) continue;
    if (c.name === 'entry_date' && hasDefaultDate) continue;
    const hint = c.name === 'entry_date' ? ' (or give --date YYYY-MM-DD)' : ` (accepted names: ${[c.name, ...c.aliases].join(', ')}; or --column ${c.name}=<header>)`;
    return { ok: false, reason: `the file has no ${c.name} column${hint}; its header is: ${raw.join(', ')}` };
  }
  return { ok: true, header: { raw, index, ignored } };
}
