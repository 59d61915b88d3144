/**
 * Maps the header row of a file to canonical columns (aliases, --map, --column), or says precisely why it
 * cannot be used.
 */
import { canonicalColumns, canonicalFor, normalizeHeader, type CanonicalColumn } from './columns.js';
import { currencyInHeader, MONEY_COLUMNS } from './header-currency.js';

export interface HeaderReport {
  /** The header fields exactly as read. */
  raw: string[];
  /** Canonical column -> field index. */
  index: Partial<Record<CanonicalColumn, number>>;
  /** Headers this tool does not read. */
  ignored: string[];
  /** The currency the money columns' headers name ("Value (CAD)"), and the first header naming it. */
  currency?: { code: string; header: string };
}

export type HeaderResult = { ok: true; header: HeaderReport } | { ok: false; reason: string };

export function resolveHeader(raw: string[], columnMap: Record<string, string> = {}, hasDefaultDate = false): HeaderResult {
  const index: Partial<Record<CanonicalColumn, number>> = {};
  const ignored: string[] = [];
  const mappedHeader = new Map<string, CanonicalColumn>();
  for (const [canonical, header] of Object.entries(columnMap)) mappedHeader.set(normalizeHeader(header), canonical as CanonicalColumn);
  const seen = new Map<string, number>();
  let currency: { code: string; header: string } | undefined;
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
    const named = canonical === undefined || MONEY_COLUMNS.has(canonical) ? currencyInHeader(text) : undefined;
    if (canonical === undefined && named !== undefined && 'code' in named) {
      // "Value (CAD)", "freight_usd": the name of a money column with the currency it is in.
      const base = canonicalFor(named.rest);
      if (base !== undefined && MONEY_COLUMNS.has(base) && columnMap[base] === undefined) canonical = base;
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
    if (named === undefined || !MONEY_COLUMNS.has(canonical)) continue;
    if (!('code' in named)) return { ok: false, reason: `the header "${text}" names two currencies, ${named.ambiguous[0]} and ${named.ambiguous[1]}; a column is in one` };
    if (currency !== undefined && currency.code !== named.code) {
      return { ok: false, reason: `columns "${currency.header}" and "${text}" name different currencies (${currency.code} and ${named.code}); a line has one currency: give its amounts in one` };
    }
    currency ??= { code: named.code, header: text };
  }
  for (const c of canonicalColumns) {
    if (!c.required || index[c.name] !== undefined) continue;
    if (c.name === 'entry_date' && hasDefaultDate) continue;
    const hint = c.name === 'entry_date' ? ' (or give --date YYYY-MM-DD)' : ` (accepted names: ${[c.name, ...c.aliases].join(', ')}; or --column ${c.name}=<header>)`;
    return { ok: false, reason: `the file has no ${c.name} column${hint}; its header is: ${raw.join(', ')}` };
  }
  return { ok: true, header: { raw, index, ignored, ...(currency ? { currency } : {}) } };
}
