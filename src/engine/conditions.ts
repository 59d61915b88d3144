/**
 * Evaluates a measure's conditions on a line. A condition on data the line does not give is decided by
 * the rule's own `if_missing`, and the assumption is reported, never made silently.
 */
import { FLAG_FACTS, flagCondition, type FlagFact } from '../model/line-facts.js';
import type { LineItem } from '../model/line-item.js';
import type { HtsRecord } from '../rules/hts/types.js';
import type { Condition } from '../rules/schedule-schema.js';

/**
 * A line can take USMCA when its Special column lists S/S+, or when its General rate is already Free
 * (the Special column is then empty, yet CBP accepts the USMCA claim, which is what exempts the goods
 * from IEEPA, Section 122 and Section 301).
 */
function usmcaAvailable(hts: HtsRecord): boolean {
  return hts.usmca !== undefined || hts.general.kind === 'free';
}

function usmcaHolds(kind: 'claimed' | 'not_claimed' | 'free' | 'eligible', item: LineItem, hts: HtsRecord): boolean {
  switch (kind) {
    case 'claimed':
      return item.usmcaClaimed;
    case 'not_claimed':
      return !item.usmcaClaimed;
    case 'eligible':
      return usmcaAvailable(hts);
    case 'free':
      return item.usmcaClaimed && (hts.usmca === undefined ? hts.general.kind === 'free' : hts.usmca.kind === 'free');
  }
}

export function evaluate(c: Condition, item: LineItem, hts: HtsRecord, assumptions: string[]): boolean {
  if ('usmca' in c) return usmcaHolds(c.usmca, item, hts);
  if ('transport' in c) return item.transport !== undefined && c.transport.includes(item.transport);
  if ('metal_weight_pct' in c) {
    const pct = item.metalWeightPct;
    const { below, at_least } = c.metal_weight_pct;
    if (pct === undefined) {
      const test = below !== undefined ? `below ${below}%` : `at least ${at_least}%`;
      assumptions.push(`metal_weight_pct not given: metal share by weight taken as ${c.if_missing ? '' : 'not '}${test}`);
      return c.if_missing;
    }
    return (below === undefined || pct < below) && (at_least === undefined || pct >= at_least);
  }
  if ('has_value' in c) return item.contentCents[c.has_value] !== undefined;
  if ('line_rate_present' in c) return item.adcvdRateNanos !== undefined && item.adcvdRateNanos > 0;
  if ('not' in c) return !evaluate(c.not, item, hts, assumptions);
  if ('any' in c) return c.any.some((inner) => evaluate(inner, item, hts, assumptions));
  return flagHolds(c, item, assumptions);
}

type FlagConditions = Exclude<Condition, { usmca: unknown } | { transport: unknown } | { metal_weight_pct: unknown } | { has_value: unknown } | { line_rate_present: unknown } | { not: unknown } | { any: unknown }>;

/** The line fact a flag condition is on. */
function flagOf(c: FlagConditions): { name: FlagFact; wanted: boolean; ifMissing: boolean } {
  const fields = c as Partial<Record<FlagFact | 'if_missing', boolean>>;
  const name = FLAG_FACTS.find((f) => fields[f] !== undefined)!;
  return { name, wanted: fields[name]!, ifMissing: fields.if_missing ?? false };
}

/** A line that does not give the flag: N, or what the condition's if_missing says (with the assumption in words, when worth one). */
function flagHolds(c: FlagConditions, item: LineItem, assumptions: string[]): boolean {
  const { name, wanted, ifMissing } = flagOf(c);
  const given = item.flags[name];
  if (given !== undefined) return given === wanted;
  const rule = flagCondition(name);
  if (rule.absentMeans === false) return !wanted;
  const assumption = rule.assumption?.(wanted, ifMissing);
  if (assumption !== undefined) assumptions.push(assumption);
  return ifMissing;
}

function describeFlag(c: FlagConditions, negated: boolean): string {
  const { name, wanted } = flagOf(c);
  const rule = flagCondition(name);
  return wanted !== negated ? rule.yes : rule.no;
}

/** All conditions hold; the first one that fails is returned for the explanation. */
export function evaluateAll(conditions: readonly Condition[], item: LineItem, hts: HtsRecord, assumptions: string[]): Condition | undefined {
  for (const c of conditions) {
    if (!evaluate(c, item, hts, assumptions)) return c;
  }
  return undefined;
}

export function describeCondition(c: Condition): string {
  if ('usmca' in c) {
    return {
      claimed: 'USMCA preference is claimed',
      not_claimed: 'USMCA preference is not claimed',
      free: 'the goods enter free of duty under USMCA (claimed, and the USMCA rate of the HTS line is Free)',
      eligible: 'the HTS line takes USMCA (S/S+ in its Special column, or a Free General rate)',
    }[c.usmca];
  }
  if ('transport' in c) return `transport is ${c.transport.join(' or ')}`;
  if ('metal_weight_pct' in c) {
    const parts = [];
    if (c.metal_weight_pct.at_least !== undefined) parts.push(`at least ${c.metal_weight_pct.at_least}%`);
    if (c.metal_weight_pct.below !== undefined) parts.push(`below ${c.metal_weight_pct.below}%`);
    return `metal is ${parts.join(' and ')} of the article's weight`;
  }
  if ('has_value' in c) return `the line gives ${c.has_value}`;
  if ('line_rate_present' in c) return 'the line gives an AD/CVD cash deposit rate';
  if ('not' in c) return describeNegation(c.not);
  if ('any' in c) return c.any.map(describeCondition).join(' or ');
  return describeFlag(c, false);
}

/** The condition that does not hold, said as a sentence of its own ("... is not claimed", not "not (... is claimed)"). */
function describeNegation(c: Condition): string {
  if ('usmca' in c) {
    return {
      claimed: 'USMCA preference is not claimed',
      not_claimed: 'USMCA preference is claimed',
      free: 'the goods do not enter free of duty under USMCA (not claimed, or the USMCA rate of the HTS line is not Free)',
      eligible: 'the HTS line does not take USMCA',
    }[c.usmca];
  }
  if ('transport' in c) return `transport is not ${c.transport.join(' or ')}`;
  if ('has_value' in c) return `the line does not give ${c.has_value}`;
  if ('line_rate_present' in c) return 'the line gives no AD/CVD cash deposit rate';
  if ('not' in c) return describeCondition(c.not);
  if ('any' in c) return c.any.map(describeNegation).join(' and ');
  if ('metal_weight_pct' in c) return `not (${describeCondition(c)})`;
  return describeFlag(c, true);
}
