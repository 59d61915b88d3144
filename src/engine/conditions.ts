/**
 * Evaluates a measure's conditions on a line. A condition on data the line does not give is decided by
 * the rule's own `if_missing`, and the assumption is reported, never made silently.
 */
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
  if ('us_metal' in c) {
    if (item.usMetal === undefined) {
      // An empty flag column means "no", like usmca; only the opposite assumption is worth a word.
      if (c.if_missing) assumptions.push('us_metal not given: taken as meeting the US-metal condition');
      return c.if_missing;
    }
    return item.usMetal === c.us_metal;
  }
  if ('civil_aircraft' in c) return (item.civilAircraft ?? false) === c.civil_aircraft;
  if ('transshipment' in c) return (item.transshipped ?? false) === c.transshipment;
  if ('smelt_cast_unknown' in c) {
    if (item.smeltCastUnknown === undefined) {
      // Either way it is an assumption about the metal's origin the user should see (CBP charges 200% when it is unknown).
      assumptions.push(`smelt_cast_unknown not given: the aluminum's country of smelt and cast taken as ${c.if_missing === c.smelt_cast_unknown ? 'unknown' : 'known'}`);
      return c.if_missing;
    }
    return item.smeltCastUnknown === c.smelt_cast_unknown;
  }
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
  return c.any.some((inner) => evaluate(inner, item, hts, assumptions));
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
  if ('us_metal' in c) return c.us_metal ? 'the metal was melted/smelted in the United States' : 'the metal was not melted/smelted in the United States';
  if ('civil_aircraft' in c) return c.civil_aircraft ? 'the goods are civil aircraft, engines or parts entered under general note 6' : 'the goods are not entered as civil aircraft under general note 6';
  if ('smelt_cast_unknown' in c) return c.smelt_cast_unknown ? "the aluminum's country of smelt or cast is unknown (UN)" : "the aluminum's country of smelt and cast is known";
  if ('transshipment' in c) return c.transshipment ? 'CBP determined the goods were transshipped to evade duties' : 'the goods are not reported as transshipped to evade duties';
  if ('metal_weight_pct' in c) {
    const parts = [];
    if (c.metal_weight_pct.at_least !== undefined) parts.push(`at least ${c.metal_weight_pct.at_least}%`);
    if (c.metal_weight_pct.below !== undefined) parts.push(`below ${c.metal_weight_pct.below}%`);
    return `metal is ${parts.join(' and ')} of the article's weight`;
  }
  if ('has_value' in c) return `the line gives ${c.has_value}`;
  if ('line_rate_present' in c) return 'the line gives an AD/CVD cash deposit rate';
  if ('not' in c) return describeNegation(c.not);
  return c.any.map(describeCondition).join(' or ');
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
  if ('us_metal' in c) return c.us_metal ? 'the metal was not melted/smelted in the United States' : 'the metal was melted/smelted in the United States';
  if ('civil_aircraft' in c) return c.civil_aircraft ? 'the goods are not entered as civil aircraft under general note 6' : 'the goods are civil aircraft, engines or parts entered under general note 6';
  if ('has_value' in c) return `the line does not give ${c.has_value}`;
  if ('line_rate_present' in c) return 'the line gives no AD/CVD cash deposit rate';
  if ('not' in c) return describeCondition(c.not);
  if ('any' in c) return c.any.map(describeNegation).join(' and ');
  return `not (${describeCondition(c)})`;
}
