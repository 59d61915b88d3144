import { readFileSync } from 'node:fs';
import { rowsFromCsv } from '../../src/rules/hts/hts-import.js';
import { parseRateText } from '../../src/rules/hts/rate-text.js';
import { usmcaSpecial } from '../../src/rules/hts/special-text.js';

export interface RateCensus {
  distinctGeneral: number;
  generalByKind: Record<string, number>;
  distinctSpecialWithUsmca: number;
  usmcaByKind: Record<string, number>;
  unparsedGeneral: string[];
}

/** Every distinct rate text of chapters 1-98 in an export, by what the parser makes of it. */
export function rateCensus(exportPath: string): RateCensus {
  const rows = rowsFromCsv(readFileSync(exportPath, 'utf8')).filter((r) => !r.htsno.startsWith('99'));
  const general = new Set(rows.map((r) => r.general.replace(/\s+/g, ' ').trim()).filter((g) => g !== ''));
  const special = new Set(rows.map((r) => r.special.replace(/\s+/g, ' ').trim()).filter((g) => g !== ''));
  const census: RateCensus = { distinctGeneral: general.size, generalByKind: {}, distinctSpecialWithUsmca: 0, usmcaByKind: {}, unparsedGeneral: [] };
  for (const g of [...general].sort()) {
    const kind = parseRateText(g).kind;
    census.generalByKind[kind] = (census.generalByKind[kind] ?? 0) + 1;
    if (kind === 'unparsed') census.unparsedGeneral.push(g);
  }
  for (const s of special) {
    const u = usmcaSpecial(s);
    if (!u) continue;
    census.distinctSpecialWithUsmca += 1;
    census.usmcaByKind[u.rate.kind] = (census.usmcaByKind[u.rate.kind] ?? 0) + 1;
  }
  return census;
}
