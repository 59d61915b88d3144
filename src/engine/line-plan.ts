/**
 * The path of a line through the stacking order, without its amounts: which measures reach it, which of
 * them apply and on what base, which are set aside and why, and what the line is warned of. It depends only
 * on facts a plan key holds (date segment, HTS code, origin, USMCA claim, transport, flags, which content
 * values are given, ...), never on a value, so lines alike in those facts share one plan and only do the
 * arithmetic (compute-line). One thing on the way does depend on values: a measure charged on what other
 * measures left of the value is set aside when they left nothing; the plan for that case is made when a
 * line first needs it.
 */
import { contentWords, type ContentColumn } from '../model/line-facts.js';
import type { LineItem } from '../model/line-item.js';
import { parsePercent } from '../money/decimal.js';
import type { HtsRecord } from '../rules/hts/types.js';
import { column1Rate, type Column1Rate } from './column1.js';
import type { PlanWords } from './plan-cache.js';
import type { CompiledMeasure } from './compiled-measure.js';
import type { CompiledSchedule, Segment } from './compile.js';
import { evaluateAll } from './conditions.js';
import type { LineWarning, NotApplied } from './types.js';

/** Where a step's base comes from (numbers: the arithmetic tells them apart on every line). */
export const BaseKind = { Value: 0, Content: 1, NonUsContent: 2, ValuePlusDuties: 3 } as const;
export type BaseKind = (typeof BaseKind)[keyof typeof BaseKind];

/**
 * What a step charges: EntryFee adds the base to an entry fee's (MPF), charged when the entry closes;
 * Floor is an all-in rate less the column 1 duty; LineRate the line's own AD/CVD rate.
 */
export const Charge = { EntryFee: 0, Column1: 1, Percent: 2, Floor: 3, LineRate: 4, Nothing: 5 } as const;
export type Charge = (typeof Charge)[keyof typeof Charge];

/** Where a step's base comes from, with its words. */
export interface BaseRule {
  baseKind: BaseKind;
  /** The content column, for Content. */
  column: ContentColumn | undefined;
  basis: string;
  /** For NonUsContent: the base is never less than this share of the value, and its words when it binds. */
  minimumNanos: number | undefined;
  minimumBasis: string | undefined;
}

/**
 * One measure the line is charged, with all the arithmetic reads for every line in the step itself, in
 * one shape (every field set, unused ones undefined): a line's steps are read for every line of the plan.
 */
export interface PlanStep extends BaseRule {
  cm: CompiledMeasure;
  charge: Charge;
  /** The rate, for Percent and Floor. */
  nanos: number;
  /** A fee (summed apart from duty). */
  fee: boolean;
  /** Earlier steps (indices) whose bases come off this one's (exclusions of the remainder). */
  carvedBy: number[];
  /** Words for a carved base, and the reason a base carved to nothing is set aside. */
  carvedBasis: string | undefined;
  carvedAway: NotApplied | undefined;
  /** For the column 1 step. */
  column1: Column1Rate | undefined;
}

function rule(baseKind: BaseKind, basis: string, column?: ContentColumn, minimumNanos?: number, minimumBasis?: string): BaseRule {
  return { baseKind, column, basis, minimumNanos, minimumBasis };
}

function chargeOf(cm: CompiledMeasure): Charge {
  if (cm.level === 'entry') return Charge.EntryFee;
  switch (cm.rate.kind) {
    case 'column1':
      return Charge.Column1;
    case 'percent':
      return Charge.Percent;
    case 'floor':
      return Charge.Floor;
    case 'line_rate':
      return Charge.LineRate;
    case 'none':
      return Charge.Nothing;
  }
}

export interface LinePlan {
  status: 'computed' | 'prohibited';
  steps: PlanStep[];
  /** Frozen, shared by every line of the plan. */
  skipped: readonly NotApplied[];
  /** Frozen; the line's own input notes come before them. */
  warnings: readonly LineWarning[];
  incomplete: boolean;
  /** The figure rests on an assumption: an AD/CVD order's rate for want of the line's own, or an entry date after the rules' as-of date. */
  assumed: boolean;
  prohibition: (NotApplied & { heading: string | null; instrument: string; citation: string }) | undefined;
  /** Orders of the measures whose base was carved to nothing (see `carvedAway`). */
  zeroed: ReadonlySet<number>;
  /** The plan when step `i` is carved to nothing, made when first needed. */
  zeroedPlans: Map<number, LinePlan> | undefined;
}

const NONE_ZEROED: ReadonlySet<number> = new Set();

export function notApplied(cm: CompiledMeasure, reason: string, by?: CompiledMeasure): NotApplied {
  return { measure: cm.id, title: cm.title, heading: cm.heading, reason, ...(by ? { by: by.id } : {}) };
}

/**
 * What a gap in the rules or an AD/CVD order makes of a line the measure reaches: "gap", the line is a lower
 * bound (warned); "own-rate", the line's own AD/CVD rate is charged instead of the order's (noted); "assumed",
 * the order's rate for producers without their own is charged (warned); undefined for any other measure.
 */
export function gapOrOrder(cm: CompiledMeasure, item: LineItem, warnings: LineWarning[], skipped: NotApplied[]): 'gap' | 'own-rate' | 'assumed' | undefined {
  if (cm.category === 'coverage_gap') {
    warnings.push({ code: 'lower-bound', message: `lower bound: ${cm.title}: ${cm.measure.note}` });
    return 'gap';
  }
  const order = cm.measure.order;
  if (order === undefined) return undefined;
  // The producer's own rate (even 0) wins over the order's rate for producers without one.
  if (item.adcvdRateNanos !== undefined) {
    skipped.push(notApplied(cm, `the line gives the producer's own AD/CVD cash deposit rate (adcvd_rate), charged instead of the ${order.rate_for} rate of ${order.case}`));
    return 'own-rate';
  }
  warnings.push({ code: 'assumed-rate', message: `assumed: ${cm.rateText} is the ${order.case} cash deposit rate for ${order.rate_for} (${order.product}); give the producer's own rate in adcvd_rate` });
  return 'assumed';
}

/** The ban a prohibition puts on the goods, with the law behind it. */
export function prohibitionOf(cm: CompiledMeasure): NonNullable<LinePlan['prohibition']> {
  const p = notApplied(cm, cm.measure.note ?? `${cm.title}: the goods may not be entered`);
  return { ...p, instrument: cm.measure.instrument, citation: cm.measure.citation };
}

/** The base rule of a measure for the line, or why it does not apply (the line lacks the value it needs). */
export function baseRule(cm: CompiledMeasure, item: LineItem, warnings: LineWarning[]): BaseRule | string {
  const base = cm.measure.base;
  if (base === 'full_value') return rule(BaseKind.Value, 'full value');
  if ('value_plus_duties' in base) return rule(BaseKind.ValuePlusDuties, 'value plus duties (value for tax)');
  if ('content' in base) {
    if (item.contentCents[base.content] !== undefined) return rule(BaseKind.Content, contentWords(base.content), base.content);
    if (base.if_missing === 'not_applied') return `the line gives no ${base.content}`;
    warnings.push({ code: 'content-missing', message: `${cm.title}: no ${base.content} on the line, so the duty is charged on the full value${base.missing_note ? ` (${base.missing_note})` : ''}` });
    return rule(BaseKind.Value, 'full value (content value not given)');
  }
  if (item.contentCents.us_content_value === undefined) {
    if (base.if_missing === 'not_applied') return 'the line gives no us_content_value';
    warnings.push({ code: 'content-missing', message: `${cm.title}: no us_content_value on the line, so the duty is charged on the full value` });
    return rule(BaseKind.Value, 'full value (US content not given)');
  }
  const basis = 'non-US content (value less US content)';
  if (base.minimum_share === undefined) return rule(BaseKind.NonUsContent, basis);
  return rule(BaseKind.NonUsContent, basis, undefined, parsePercent(base.minimum_share)!, `${base.minimum_share} of value (minimum base; non-US content is less)`);
}

/** A line entered after the day the rules were last checked is computed on an assumption: no later measure. */
export function afterAsOfWarning(seg: Segment): LineWarning | undefined {
  if (seg.afterAsOf === undefined) return undefined;
  return { code: 'after-as-of', message: `assumed: entered after the rules' as-of date ${seg.afterAsOf}: later measures are not known to this data` };
}

/**
 * Plans a line, by the rules of reference.ts (which also lists, for `explain`, the measures that did not
 * apply for want of a condition); `zeroed` holds the orders of measures whose base other measures carved to nothing.
 */
export function planLine(item: LineItem, record: HtsRecord, compiled: CompiledSchedule, seg: Segment, zeroed: ReadonlySet<number> = NONE_ZEROED): LinePlan {
  const candidates = compiled.candidatesFor(seg, item.hts);
  // Exclusions that fired, by the excluded measure's order; a line meets only a few.
  let excluded: Array<{ target: number; by: CompiledMeasure; reason: string }> | undefined;
  let carves: Array<{ target: number; steps: number[]; by: CompiledMeasure[]; reason: string }> | undefined;
  const assumptions: string[] = [];
  const steps: PlanStep[] = [];
  const skipped: NotApplied[] = [];
  const warnings: LineWarning[] = [];
  let incomplete = false;
  let assumed = false;
  const afterAsOf = afterAsOfWarning(seg);
  if (afterAsOf) {
    warnings.push(afterAsOf);
    assumed = true;
  }

  for (const cm of candidates) {
    if (!cm.origins.has(item.origin)) continue;
    const failed = cm.when.length === 0 ? undefined : evaluateAll(cm.when, item, record, assumptions);
    const exclusion = excluded?.find((x) => x.target === cm.stackIndex);
    if (exclusion) {
      // An excluded measure assumes nothing about the line; one whose own conditions fail would not have
      // applied anyway, so its exclusion is news only to --explain (e.g. 9903.01.16 on a line not transshipped).
      assumptions.length = 0;
      if (!failed) skipped.push(notApplied(cm, exclusion.reason, exclusion.by));
      continue;
    }
    // An assumption about missing data is reported whatever it decided.
    if (assumptions.length > 0) {
      for (const a of assumptions) warnings.push({ code: 'assumed-condition', message: `${cm.title}: ${a}` });
      assumptions.length = 0;
    }
    if (failed) continue;

    const kind = gapOrOrder(cm, item, warnings, skipped);
    if (kind === 'gap') {
      incomplete = true;
      continue;
    }
    if (kind === 'own-rate') continue;
    if (kind === 'assumed') assumed = true;
    if (cm.category === 'prohibition') {
      return freeze({ status: 'prohibited', steps: [], skipped, warnings, incomplete: false, assumed: false, prohibition: prohibitionOf(cm), zeroed, zeroedPlans: undefined }, compiled.plans.words);
    }

    const base = baseRule(cm, item, warnings);
    if (typeof base === 'string') continue;
    const charge = chargeOf(cm);
    const nanos = cm.rate.kind === 'percent' || cm.rate.kind === 'floor' ? cm.rate.nanos : 0;
    const step: PlanStep = {
      baseKind: base.baseKind, column: base.column, basis: base.basis, minimumNanos: base.minimumNanos, minimumBasis: base.minimumBasis,
      cm, charge, nanos, fee: cm.category === 'fee' || cm.category === 'tax', carvedBy: [], carvedBasis: undefined, carvedAway: undefined, column1: undefined,
    };
    const carve = carves?.find((c) => c.target === cm.stackIndex);
    if (carve) {
      const names = carve.by.map((b) => b.title).join(', ');
      step.carvedBy = carve.steps;
      step.carvedBasis = `${base.basis} less the part charged under ${names}`;
      step.carvedAway = { ...notApplied(cm, `the whole value is charged under ${names}: ${carve.reason}`), by: carve.by[0]!.id };
      if (zeroed.has(cm.stackIndex)) {
        skipped.push(step.carvedAway);
        continue;
      }
    }
    const index = steps.length;
    steps.push(step);
    if (cm.level === 'entry') continue;
    if (cm.rate.kind === 'column1') {
      step.column1 = compiled.plans.words.share(column1Rate(item, record, warnings));
      incomplete ||= step.column1.incomplete;
    }

    for (const x of cm.excludes) {
      if (x.portion === 'whole') {
        if (!excluded?.some((e) => e.target === x.target)) (excluded ??= []).push({ target: x.target, by: cm, reason: x.reason });
      } else {
        const existing = carves?.find((c) => c.target === x.target);
        if (existing) {
          existing.steps.push(index);
          existing.by.push(cm);
        } else (carves ??= []).push({ target: x.target, steps: [index], by: [cm], reason: x.reason });
      }
    }
  }
  return freeze({ status: 'computed', steps: compiled.plans.shareSteps(seg, steps), skipped, warnings, incomplete, assumed, prohibition: undefined, zeroed, zeroedPlans: undefined }, compiled.plans.words);
}

/** The plan with its notes shared with other plans' and frozen (lines share them). */
function freeze(plan: LinePlan, words: PlanWords): LinePlan {
  plan.skipped = Object.freeze(plan.skipped.map((n) => words.share(n)));
  plan.warnings = Object.freeze(plan.warnings.map((w) => words.share(w)));
  return plan;
}
