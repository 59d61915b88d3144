/**
 * Column 1 duty of a line from its HTS record: the USMCA special rate when claimed and listed, otherwise
 * the General rate; ad valorem on whole dollars, specific on quantity, compound as the sum.
 *
 * In two steps: which rate applies and what it says of the line (`column1Rate`, the same for every line
 * with the same record, claim, unit and whether a quantity is given), then the amount (`column1Amount`).
 */
import type { LineItem } from '../model/line-item.js';
import { adValoremCents, formatPercent, formatScaled, mulDivRound, RATE_SCALE, specificCents, wholeDollars } from '../money/decimal.js';
import type { HtsRecord, ParsedRate } from '../rules/hts/types.js';
import type { LineWarning } from './types.js';

type Part = Extract<ParsedRate, { kind: 'ad_valorem' } | { kind: 'specific' }>;

/** A part of a rate as charged, in one shape for both kinds. */
interface ChargedPart {
  onQuantity: boolean;
  rateNanos: number;
  amountNanoDollars: number;
  per: number;
  unit: string;
}

function chargedPart(p: Part): ChargedPart {
  return p.kind === 'ad_valorem'
    ? { onQuantity: false, rateNanos: p.rateNanos, amountNanoDollars: 0, per: 1, unit: '' }
    : { onQuantity: true, rateNanos: 0, amountNanoDollars: p.amountNanoDollars, per: p.per, unit: p.unit };
}

export interface Column1Rate {
  /** The parts charged (specific parts only when the line gives a quantity); none when free or not computable. */
  parts: ChargedPart[];
  rateText: string;
  /** The base in words when no part is on quantity; undefined when the words name the line's quantity. */
  fixedBasis: string | undefined;
  /** A part could not be charged: the duty is a lower bound. */
  incomplete: boolean;
}

export interface Column1Amount {
  amountCents: number;
  /** What the rate was applied to: the value, the quantity, or both. */
  basis: string;
  /** Whole dollars an ad valorem part was applied to. */
  baseDollars: number | undefined;
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

function partText(p: Part): string {
  if (p.kind === 'ad_valorem') return formatPercent(p.rateNanos);
  const dollars = formatScaled(p.amountNanoDollars, 9);
  return `$${dollars}/${p.per === 1 ? '' : `${p.per} `}${p.unit}`;
}

/**
 * Reads of the line: the USMCA claim, whether a quantity is given, and its unit; never the value or the
 * quantity. What the line should be told (the claim cannot be honoured, a part cannot be charged) goes to `warnings`.
 */
export function column1Rate(item: LineItem, record: HtsRecord, warnings: LineWarning[]): Column1Rate {
  let rate: ParsedRate = record.general;
  let rawText = record.generalText;
  const labels = record.labels;
  let column = labels?.general ?? 'General';
  if (item.usmcaClaimed) {
    if (record.usmca !== undefined) {
      rate = record.usmca;
      rawText = labels ? `the ${labels.preference} rate` : 'the USMCA rate of the Special column';
      column = labels?.preference ?? 'USMCA Special';
    } else if (record.general.kind !== 'free') {
      warnings.push({
        code: 'usmca-not-available',
        message: labels
          ? `CUSMA is claimed but tariff item ${record.code8} has no ${labels.preference} rate ${record.notInTable ? 'known (it is not in the tariff table)' : 'in the tariff table'}; the ${labels.general} rate (${record.generalText || 'none'}) is charged`
          : `USMCA is claimed but HTS ${record.code8} does not list S or S+ in its Special column; the General rate (${record.generalText || 'none'}) is charged`,
      });
    }
  }
  if (record.notInTable && rate.kind !== 'unparsed') {
    warnings.push({ code: 'input-note', message: `tariff item ${record.code8} is not in the tariff table: the line's mfn_rate is charged as its ${column} rate` });
  }
  if (rate.kind === 'free') return { parts: [], rateText: `Free (${column})`, fixedBasis: 'full value', incomplete: false };
  if (rate.kind === 'unparsed') {
    warnings.push({
      code: 'rate-not-computable',
      message: `column 1 rate "${rawText}" cannot be computed (${rate.reason}); the column 1 duty is left at 0.00 and the line total is a lower bound`,
    });
    return { parts: [], rateText: `${rawText} (${column}, not computable)`, fixedBasis: 'full value', incomplete: true };
  }
  const all: Part[] = rate.kind === 'compound' ? rate.parts : [rate];
  const parts: ChargedPart[] = [];
  let incomplete = false;
  for (const part of all) {
    if (part.kind === 'specific') {
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
    }
    parts.push(chargedPart(part));
  }
  const onQuantity = parts.some((p) => p.onQuantity);
  return { parts, rateText: `${all.map(partText).join(' + ')} (${column})`, fixedBasis: onQuantity ? undefined : 'full value', incomplete };
}

/** `onCents`: the ad valorem part on the value's cents (Canada's value for duty), not on whole dollars (19 CFR 159.3). */
export function column1Amount(rate: Column1Rate, item: LineItem, onCents = false): Column1Amount {
  let amount = 0;
  let baseDollars: number | undefined;
  let bases: string[] | undefined;
  const parts = rate.parts;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (!part.onQuantity) {
      if (onCents) amount += mulDivRound(item.valueCents, part.rateNanos, RATE_SCALE);
      else {
        baseDollars = wholeDollars(item.valueCents);
        amount += adValoremCents(baseDollars, part.rateNanos);
      }
      if (rate.fixedBasis === undefined) (bases ??= []).push('full value');
      continue;
    }
    amount += specificCents(item.quantityMicros!, part.amountNanoDollars, part.per);
    (bases ??= []).push(`quantity ${formatScaled(item.quantityMicros!, 6)} ${part.unit}`);
  }
  return { amountCents: amount, basis: rate.fixedBasis ?? [...new Set(bases)].join(' and '), baseDollars };
}
