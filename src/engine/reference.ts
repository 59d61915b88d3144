/**
 * One line by the law, measure by measure, as a broker would work it on paper: no plan, no cache, nothing
 * shared with other lines. Read this first; the fast path (line-plan's plans, kept by plan key in
 * compile.ts, shared step lists, compute-line's arithmetic) is a memoiser around the same rules and must
 * give exactly what this gives for every line (test/engine/plan-sharing.test.ts). `explain` and `lookup`,
 * which show one line, take this path.
 */
import type { LineItem } from '../model/line-item.js';
import { formatPercent, mulDivRound, onBase, RATE_SCALE, wholeDollars } from '../money/decimal.js';
import type { HtsRecord } from '../rules/hts/types.js';
import { column1Amount, column1Rate } from './column1.js';
import type { CompiledMeasure } from './compiled-measure.js';
import type { CompiledSchedule, Segment } from './compile.js';
import { component } from './component.js';
import { describeCondition, evaluateAll } from './conditions.js';
import { afterAsOfWarning, BaseKind, baseRule, gapOrOrder, notApplied, prohibitionOf } from './line-plan.js';
import type { Component, LineResult, LineWarning, NotApplied } from './types.js';

/** What a measure that applied sets aside of a later one: all of it, or the part of the value it charged. */
interface SetAside {
  by: CompiledMeasure[];
  reason: string;
  /** For a part: the bases the measures `by` charged, in cents. */
  cents: number;
}

/**
 * The line on its entry date's rules (`seg`) and HTS record: duty and line fees, each with the law behind it,
 * the measures set aside and why, and what the line is warned of. `explain` also lists every measure that
 * reached the code and did not apply.
 */
export function computeLineByTheLaw(item: LineItem, record: HtsRecord, compiled: CompiledSchedule, seg: Segment, explain = false): LineResult {
  const warnings: LineWarning[] = (item.inputNotes ?? []).map((message): LineWarning => ({ code: 'input-note', message }));
  const skipped: NotApplied[] = [];
  const components: Component[] = [];
  const entryFeeBase: Record<string, number> = {};
  const excluded = new Map<number, SetAside>();
  const carved = new Map<number, SetAside>();
  const assumptions: string[] = [];
  let incomplete = false;
  let assumed = false;
  // 0. The rules' as-of date: a line entered after it is computed as if no later measure existed.
  const afterAsOf = afterAsOfWarning(seg);
  if (afterAsOf) {
    warnings.push(afterAsOf);
    assumed = true;
  }
  let column1Cents = 0;
  let dutyCents = 0;
  let feeCents = 0;

  // 1. Scope: the measures whose HTS scope reaches the code, in stacking order (every excluder before what it excludes).
  for (const cm of compiled.candidatesFor(seg, item.hts)) {
    // 2. Origin.
    if (!cm.origins.has(item.origin)) {
      if (explain) skipped.push(notApplied(cm, `applies to goods of ${[...cm.origins].join(', ')}; this line's origin is ${item.origin}`));
      continue;
    }
    // 3. Conditions (a missing fact is assumed, and the assumption reported, unless the measure is set aside anyway).
    const failed = cm.when.length === 0 ? undefined : evaluateAll(cm.when, item, record, assumptions);
    // 4. Exclusions: an earlier measure that applied sets this one aside whole.
    const exclusion = excluded.get(cm.stackIndex);
    if (exclusion) {
      assumptions.length = 0;
      if (explain || !failed) skipped.push(notApplied(cm, exclusion.reason, exclusion.by[0]));
      continue;
    }
    for (const a of assumptions) warnings.push({ code: 'assumed-condition', message: `${cm.title}: ${a}` });
    assumptions.length = 0;
    if (failed) {
      if (explain) skipped.push(notApplied(cm, `condition not met: ${describeCondition(failed)}`));
      continue;
    }

    // 5. What kind of measure: a gap in the rules, an AD/CVD order, a ban.
    const kind = gapOrOrder(cm, item, warnings, skipped);
    if (kind === 'gap') {
      incomplete = true;
      continue;
    }
    if (kind === 'own-rate') continue;
    if (kind === 'assumed') assumed = true;
    if (cm.category === 'prohibition') {
      return {
        item, status: 'prohibited', components: [], notApplied: skipped, warnings, dutyCents: 0, feeCents: 0, feeShares: [], totalCents: 0,
        incomplete: false, assumed: false, entryFeeBase: {}, brokerageCents: 0, landedCostCents: 0, landedCostPerUnitCents: undefined, prohibition: prohibitionOf(cm),
      };
    }

    // 6. The base: the full value, a content value, or the non-US content (never below a minimum share of the value).
    const rule = baseRule(cm, item, warnings);
    if (typeof rule === 'string') {
      if (explain) skipped.push(notApplied(cm, rule));
      continue;
    }
    let base = item.valueCents;
    let basis = rule.basis;
    // An import tax (GST): on the value for tax, the value plus the duties charged before it.
    if (rule.baseKind === BaseKind.ValuePlusDuties) base = item.valueCents + dutyCents;
    else if (rule.baseKind === BaseKind.Content) base = item.contentCents[rule.column!]!;
    else if (rule.baseKind === BaseKind.NonUsContent) {
      base = item.valueCents - item.contentCents.us_content_value!;
      if (rule.minimumNanos !== undefined) {
        const minimum = mulDivRound(item.valueCents, rule.minimumNanos, RATE_SCALE);
        if (minimum > base) {
          base = minimum;
          basis = rule.minimumBasis!;
        }
      }
    }
    // 7. Less what earlier measures charged of the value; a measure left nothing is set aside.
    const carve = carved.get(cm.stackIndex);
    if (carve && carve.cents > 0) {
      const names = carve.by.map((b) => b.title).join(', ');
      base = Math.max(0, base - carve.cents);
      basis = `${rule.basis} less the part charged under ${names}`;
      if (base === 0) {
        skipped.push({ ...notApplied(cm, `the whole value is charged under ${names}: ${carve.reason}`), by: carve.by[0]!.id });
        continue;
      }
    }

    // 8. An entry fee (MPF) only takes the line's base into the entry's; it is charged when the entry closes.
    if (cm.level === 'entry') {
      entryFeeBase[cm.id] = wholeDollars(base);
      continue;
    }

    // 9. The arithmetic: the rate on the base in whole dollars (19 CFR 159.3), or on its cents where the
    // schedule says (Canada's value for duty), rounded to the cent.
    let baseDollars: number | undefined = compiled.centsBase ? undefined : wholeDollars(base);
    let rateText = cm.rateText;
    let amount = 0;
    switch (cm.rate.kind) {
      case 'column1': {
        const rate = column1Rate(item, record, warnings);
        incomplete ||= rate.incomplete;
        const c1 = column1Amount(rate, item, compiled.centsBase);
        amount = c1.amountCents;
        rateText = rate.rateText;
        basis = c1.basis;
        baseDollars = c1.baseDollars;
        column1Cents = amount;
        break;
      }
      case 'percent':
        amount = onBase(base, baseDollars, cm.rate.nanos);
        break;
      case 'floor':
        // An all-in rate: what column 1 charged counts toward it.
        amount = Math.max(0, onBase(base, baseDollars, cm.rate.nanos) - column1Cents);
        break;
      case 'line_rate':
        amount = onBase(base, baseDollars, item.adcvdRateNanos ?? 0);
        rateText = `${formatPercent(item.adcvdRateNanos ?? 0)} (line's adcvd_rate)`;
        break;
      case 'none':
        break;
    }
    components.push(component(cm, basis, base, rateText, amount, baseDollars));
    if (cm.category === 'fee' || cm.category === 'tax') feeCents += amount;
    else dutyCents += amount;

    // 10. What this measure sets aside of later ones: the first exclusion of a measure wins; the parts charged add up.
    for (const x of cm.excludes) {
      if (x.portion === 'whole') {
        if (!excluded.has(x.target)) excluded.set(x.target, { by: [cm], reason: x.reason, cents: 0 });
      } else {
        const known = carved.get(x.target);
        if (known) {
          known.by.push(cm);
          known.cents += base;
        } else carved.set(x.target, { by: [cm], reason: x.reason, cents: base });
      }
    }
  }
  return {
    item, status: 'computed', components, notApplied: skipped, warnings, dutyCents, feeCents, feeShares: [], totalCents: dutyCents + feeCents,
    incomplete, assumed, entryFeeBase, brokerageCents: 0, landedCostCents: 0, landedCostPerUnitCents: undefined, prohibition: undefined,
  };
}
