/**
 * Column 1 duty of a line from its HTS record: the USMCA special rate when claimed and listed, otherwise
 * the General rate; ad valorem on whole dollars, specific on quantity, compound as the sum.
 */
import type { LineItem } from '../input/line-item.js';
import { adValoremCents, formatPercent, formatScaled, specificCents, wholeDollars } from '../money/decimal.js';
import type { HtsRecord, ParsedRate } from '../rules/hts/types.js';
import type { LineWarning } from './types.js';

export interface Column1Outcome {
  amountCents: number;
  rateText: string;
  /** What the rate was applied to: the value, the quantity, or both. */
  basis: string;
  baseDollars?: number;
  incomplete: boolean;
  warnings: LineWarning[];
}

const UNIT_ALIASES: Record<string, string> = {
  kgs: 'kg', kilogram: 'kg', kilograms: 'kg', l: 'liter', liters: 'liter', litre: 'liter', litres: 'liter',
  no: 'each', 'no.': 'each', pcs: 'each', pc: 'each', unit: 'each', units: 'each', each: 'each',
  pair: 'pr.', pairs: 'pr.', pr: 'pr.', doz: 'doz.', dozen: 'doz.',
};

function normalUnit(u: string): string {
  const lower = u.trim().toLowerCase();
  return UNIT_ALIASES[lower] ?? lower;
}

type Part = Extract<ParsedRate, { kind: 'ad_valorem' } | { kind: 'specific' }>;

function partText(p: Part): string {
  if (p.kind === 'ad_valorem') return formatPercent(p.rateNanos);
  const dollars = formatScaled(p.amountNanoDollars, 9);
  return `$${dollars}/${p.per === 1 ? '' : `${p.per} `}${p.unit}`;
}

export function computeColumn1(item: LineItem, record: HtsRecord): Column1Outcome {
  const warnings: LineWarning[] = [];
  let rate: ParsedRate = record.general;
  let rawText = record.generalText;
  let column = 'General';
  if (item.usmcaClaimed) {
    if (record.usmca !== undefined) {
      rate = record.usmca;
      rawText = 'the USMCA rate of the Special column';
      column = 'USMCA Special';
    } else if (record.general.kind !== 'free') {
      warnings.push({
        code: 'usmca-not-available',
        message: `USMCA is claimed but HTS ${record.code8} does not list S or S+ in its Special column; the General rate (${record.generalText || 'none'}) is charged`,
      });
    }
  }
  if (rate.kind === 'free') return { amountCents: 0, rateText: `Free (${column})`, basis: 'full value', incomplete: false, warnings };
  if (rate.kind === 'unparsed') {
    warnings.push({
      code: 'rate-not-computable',
      message: `column 1 rate "${rawText}" cannot be computed (${rate.reason}); the column 1 duty is left at 0.00 and the line total is a lower bound`,
    });
    return { amountCents: 0, rateText: `${rawText} (${column}, not computable)`, basis: 'full value', incomplete: true, warnings };
  }
  const parts: Part[] = rate.kind === 'compound' ? rate.parts : [rate];
  const dollars = wholeDollars(item.valueCents);
  let amount = 0;
  let incomplete = false;
  let usedDollars: number | undefined;
  const bases: string[] = [];
  for (const part of parts) {
    if (part.kind === 'ad_valorem') {
      amount += adValoremCents(dollars, part.rateNanos);
      usedDollars = dollars;
      bases.push('full value');
      continue;
    }
    if (item.quantityMicros === undefined) {
      incomplete = true;
      warnings.push({
        code: 'quantity-missing',
        message: `column 1 rate ${rawText} needs a quantity in ${part.unit}; give quantity and unit on the line (this part is left at 0.00)`,
      });
      continue;
    }
    if (item.unit !== undefined && normalUnit(item.unit) !== normalUnit(part.unit)) {
      warnings.push({
        code: 'unit-mismatch',
        message: `quantity is in "${item.unit}" but the rate ${partText(part)} is per ${part.unit}; the quantity was used as if it were in ${part.unit}`,
      });
    }
    amount += specificCents(item.quantityMicros, part.amountNanoDollars, part.per);
    bases.push(`quantity ${formatScaled(item.quantityMicros, 6)} ${part.unit}`);
  }
  return { amountCents: amount, rateText: `${parts.map(partText).join(' + ')} (${column})`, basis: [...new Set(bases)].join(' and ') || 'full value', baseDollars: usedDollars, incomplete, warnings };
}
