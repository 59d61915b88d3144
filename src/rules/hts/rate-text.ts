/**
 * Column 1 rate text of the HTS -> a computable rate, or an explicit "cannot compute" with the reason.
 * Forms: Free; ad valorem (6.5%); specific (4.9¢/kg, $1.035/kg, 0.9¢ each, 55.7¢/1000, 90¢/pr.);
 * compound (12.3¢/kg + 11.4%). Anything else (on content, on the case, sliding scales, see note...) is
 * 'unparsed': never a silent zero.
 */
import { parseScaled } from '../../money/decimal.js';
import type { ParsedRate } from './types.js';

type Part = Extract<ParsedRate, { kind: 'ad_valorem' } | { kind: 'specific' }>;

/** Units a line's quantity can be given in directly (the HTS unit of quantity). */
const SIMPLE_UNITS: Record<string, string> = {
  kg: 'kg', 'clean kg': 'clean kg', liter: 'liter', liters: 'liter', bbl: 'bbl', 'pr.': 'pr.', pr: 'pr.', 'doz.': 'doz.',
  doz: 'doz.', gross: 'gross', head: 'head', t: 't', m2: 'm2', m3: 'm3', 'pf.liter': 'pf.liter', 'pf. liter': 'pf.liter',
  'proof liter': 'pf.liter', each: 'each', 'no.': 'each', pcs: 'each',
};

const AD_VALOREM = /^(\d+(?:\.\d+)?)%$/;
const SPECIFIC = /^(\$|)(\d+(?:\.\d+)?)(¢|)\s*(?:(each)|\/\s*(.+))$/;

function unparsed(reason: string): ParsedRate {
  return { kind: 'unparsed', reason };
}

function parsePart(text: string): Part | string {
  const av = AD_VALOREM.exec(text);
  if (av) {
    const nanos = parseScaled(av[1]!, 7);
    return nanos === undefined ? `"${text}" has more decimals than this tool keeps` : { kind: 'ad_valorem', rateNanos: nanos };
  }
  const sp = SPECIFIC.exec(text);
  if (!sp) return `"${text}" is not an ad valorem or per-unit rate`;
  const [, dollarSign, number, centSign, each, unitText] = sp;
  if ((dollarSign === '$') === (centSign === '¢')) return `"${text}" gives no currency unit ($ or ¢)`;
  const amount = parseScaled(number!, dollarSign === '$' ? 9 : 7);
  if (amount === undefined) return `"${text}" has more decimals than this tool keeps`;
  if (each) return { kind: 'specific', amountNanoDollars: amount, per: 1, unit: 'each' };
  const unit = unitText!.trim().toLowerCase();
  if (/^\d+$/.test(unit)) return { kind: 'specific', amountNanoDollars: amount, per: Number(unit), unit: 'each' };
  const simple = SIMPLE_UNITS[unit];
  if (simple) return { kind: 'specific', amountNanoDollars: amount, per: 1, unit: simple };
  return `the rate is per "${unit}", a quantity basis (content, drained weight, case...) the line does not give`;
}

export function parseRateText(raw: string): ParsedRate {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text === '') return unparsed('the HTS gives no rate for this line');
  if (/^free$/i.test(text)) return { kind: 'free' };
  if (/^free\b/i.test(text)) return unparsed(`free only under conditions ("${text}")`);
  const pieces = text.split(/\s*\+\s*/);
  const parts: Part[] = [];
  for (const piece of pieces) {
    const p = parsePart(piece);
    if (typeof p === 'string') return unparsed(pieces.length > 1 ? `compound rate: ${p}` : p);
    parts.push(p);
  }
  if (parts.length === 1) return parts[0]!;
  return { kind: 'compound', parts };
}
