import type { HtsRecord, HtsTable, ParsedRate } from '../../src/rules/hts/types.js';

/** A tiny HTS table for engine tests: code8 -> general rate (and USMCA rate when listed). */
export function fakeHts(records: Record<string, { general: ParsedRate; generalText: string; usmca?: ParsedRate }>): HtsTable {
  const table = new Map<string, HtsRecord>();
  for (const [code8, r] of Object.entries(records)) {
    table.set(code8, { code8, description: `test ${code8}`, generalText: r.generalText, general: r.general, specialText: r.usmca ? 'Free (S)' : '', usmca: r.usmca, units: ['kg'] });
  }
  return {
    meta: { revision: 'test HTS', sourceSha256: '0', sourceFile: 'none', importedRecords: table.size },
    contentSha256: 'fake',
    lookup: (code) => table.get(code.slice(0, 8)),
    suggest: () => [],
    subheadings: () => [],
    search: () => [],
  };
}

export const FREE: ParsedRate = { kind: 'free' };
export const pct = (nanos: number): ParsedRate => ({ kind: 'ad_valorem', rateNanos: nanos });
