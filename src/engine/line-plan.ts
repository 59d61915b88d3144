/**
 * The path of a line through the stacking order, without its amounts: which measures reach it, which of
 * them apply and on what base, which are set aside and why, and what the line is warned of. It depends only
 * on facts a plan key holds (date segment, HTS code, origin, USMCA claim, transport, flags, which content
 * values are given, ...), never on a value, so lines alike in those facts share one plan and only do the
 * arithmetic (compute-line). One thing on the way does depend on values: a measure charged on what other
 * measures left of the value is set aside when they left nothing; the plan for that case is made when a
 * line first needs it.
 */
import type { ContentColumn, LineItem } from '../input/line-item.js';
import { parsePercent } from '../money/decimal.js';
import type { HtsRecord } from '../rules/hts/types.js';
import { column1Rate, type Column1Rate } from './column1.js';
import type { CompiledMeasure } from './compiled-measure.js';
import type { CompiledSchedule, Segment } from './compile.js';
import { describeCondition, evaluateAll } from './conditions.js';
import type { LineWarning, NotApplied } from './types.js';

const CONTENT_WORDS: Record<string, string> = {
  steel_value: 'steel content',
  aluminum_value: 'aluminum content',
  copper_value: 'copper content',
};

/** Where a step's base comes from (numbers: the arithmetic tells them apart on every line). */
export const BaseKind = { Value: 0, Content: 1, NonUsContent: 2 } as const;
export type BaseKind = (typeof BaseKind)[keyof typeof BaseKind];

/**
 * What a step charges: EntryFee adds the base to an entry fee's (MPF), charged when the entry closes;
 * Floor is an all-in rate less the column 1 duty; LineRate the line's own AD/CVD rate.
 */
export const Charge = { EntryFee: 0, Column1: 1, Percent: 2, Floor: 3, LineRate: 4, Nothing: 5 } as const;
export type Charge = (typeof Charge)[keyof typeof Charge];

/** Where a step's base comes from, with its words. */
interface BaseRule {
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
  /** The measure ordinal of each component a line of the plan is charged, in order (steps but entry fees). */
  componentOrdinals: number[];
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

/**
 * One object for equal notes and equal column 1 readings of the plans of a schedule: plans are many (one
 * per kind of line, per segment), their words few.
 */
export class PlanWords {
  private readonly objects = new Map<string, object>();

  share<T extends object>(value: T): T {
    const key = JSON.stringify(value);
    const known = this.objects.get(key);
    if (known) return known as T;
    this.objects.set(key, value);
    return value;
  }
}

const NONE_ZEROED: ReadonlySet<number> = new Set();

function notApplied(cm: CompiledMeasure, reason: string, by?: CompiledMeasure): NotApplied {
  return { measure: cm.id, title: cm.title, heading: cm.heading, reason, ...(by ? { by: by.id } : {}) };
}

/** The base rule of a measure for the line, or why it does not apply (the line lacks the value it needs). */
function baseRule(cm: CompiledMeasure, item: LineItem, warnings: LineWarning[]): BaseRule | string {
  const base = cm.measure.base;
  if (base === 'full_value') return rule(BaseKind.Value, 'full value');
  if ('content' in base) {
    if (item.contentCents[base.content] !== undefined) return rule(BaseKind.Content, CONTENT_WORDS[base.content] ?? base.content, base.content);
    if (base.if_missing === 'not_applied') return `the line gives no ${base.content}`;
    warnings.push({ code: 'content-missing', message: `${cm.title}: no ${base.content} on the line, so the duty is charged on the full value (CBP: one line when the metal value is unknown)` });
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

/**
 * Plans a line; `zeroed` holds the orders of measures whose base other measures carved to nothing.
 * `explain` keeps every measure that reached the line by scope and why it did not apply.
 */
export function planLine(item: LineItem, record: HtsRecord, compiled: CompiledSchedule, seg: Segment, explain: boolean, zeroed: ReadonlySet<number> = NONE_ZEROED): LinePlan {
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
  if (seg.afterAsOf !== undefined) {
    warnings.push({ code: 'after-as-of', message: `assumed: entered after the rules' as-of date ${seg.afterAsOf}: later measures are not known to this data` });
    assumed = true;
  }

  for (const cm of candidates) {
    if (!cm.origins.has(item.origin)) {
      if (explain) skipped.push(notApplied(cm, `applies to goods of ${[...cm.origins].join(', ')}; this line's origin is ${item.origin}`));
      continue;
    }
    const failed = cm.when.length === 0 ? undefined : evaluateAll(cm.when, item, record, assumptions);
    const exclusion = excluded?.find((x) => x.target === cm.order);
    if (exclusion) {
      // An excluded measure assumes nothing about the line; one whose own conditions fail would not have
      // applied anyway, so its exclusion is news only to --explain (e.g. 9903.01.16 on a line not transshipped).
      assumptions.length = 0;
      if (explain || !failed) skipped.push(notApplied(cm, exclusion.reason, exclusion.by));
      continue;
    }
    // An assumption about missing data is reported whatever it decided.
    if (assumptions.length > 0) {
      for (const a of assumptions) warnings.push({ code: 'assumed-condition', message: `${cm.title}: ${a}` });
      assumptions.length = 0;
    }
    if (failed) {
      if (explain) skipped.push(notApplied(cm, `condition not met: ${describeCondition(failed)}`));
      continue;
    }

    if (cm.category === 'coverage_gap') {
      warnings.push({ code: 'lower-bound', message: `lower bound: ${cm.title}: ${cm.measure.note}` });
      incomplete = true;
      continue;
    }
    const order = cm.measure.order;
    if (order !== undefined) {
      // The producer's own rate (even 0) wins over the order's rate for producers without one.
      if (item.adcvdRateNanos !== undefined) {
        skipped.push(notApplied(cm, `the line gives the producer's own AD/CVD cash deposit rate (adcvd_rate), charged instead of the ${order.rate_for} rate of ${order.case}`));
        continue;
      }
      warnings.push({ code: 'assumed-rate', message: `assumed: ${cm.rateText} is the ${order.case} cash deposit rate for ${order.rate_for} (${order.product}); give the producer's own rate in adcvd_rate` });
      assumed = true;
    }

    if (cm.category === 'prohibition') {
      const p = notApplied(cm, cm.measure.note ?? `${cm.title}: the goods may not be entered`);
      return freeze({ status: 'prohibited', steps: [], componentOrdinals: [], skipped, warnings, incomplete: false, assumed: false, prohibition: { ...p, instrument: cm.measure.instrument, citation: cm.measure.citation }, zeroed, zeroedPlans: undefined }, compiled.words);
    }

    const base = baseRule(cm, item, warnings);
    if (typeof base === 'string') {
      if (explain) skipped.push(notApplied(cm, base));
      continue;
    }
    const charge = chargeOf(cm);
    const nanos = cm.rate.kind === 'percent' || cm.rate.kind === 'floor' ? cm.rate.nanos : 0;
    const step: PlanStep = {
      baseKind: base.baseKind, column: base.column, basis: base.basis, minimumNanos: base.minimumNanos, minimumBasis: base.minimumBasis,
      cm, charge, nanos, fee: cm.category === 'fee', carvedBy: [], carvedBasis: undefined, carvedAway: undefined, column1: undefined,
    };
    const carve = carves?.find((c) => c.target === cm.order);
    if (carve) {
      const names = carve.by.map((b) => b.title).join(', ');
      step.carvedBy = carve.steps;
      step.carvedBasis = `${base.basis} less the part charged under ${names}`;
      step.carvedAway = { ...notApplied(cm, `the whole value is charged under ${names}: ${carve.reason}`), by: carve.by[0]!.id };
      if (zeroed.has(cm.order)) {
        skipped.push(step.carvedAway);
        continue;
      }
    }
    const index = steps.length;
    steps.push(step);
    if (cm.level === 'entry') continue;
    if (cm.rate.kind === 'column1') {
      step.column1 = compiled.words.share(column1Rate(item, record, warnings));
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
  const shared = sharedSteps(seg, steps);
  return freeze({ status: 'computed', steps: shared.steps, componentOrdinals: shared.componentOrdinals, skipped, warnings, incomplete, assumed, prohibition: undefined, zeroed, zeroedPlans: undefined }, compiled.words);
}

/** What makes a step what it is, as text (a shared column 1 reading is the same object in every step that has it). */
function stepKey(st: PlanStep, column1s: Map<Column1Rate, number>): string {
  let c1 = '';
  if (st.column1) {
    if (!column1s.has(st.column1)) column1s.set(st.column1, column1s.size);
    c1 = String(column1s.get(st.column1));
  }
  return [st.cm.order, st.baseKind, st.column ?? '', st.basis, st.minimumNanos ?? '', st.minimumBasis ?? '', st.carvedBy.join(','), st.carvedBasis ?? '', st.carvedAway?.reason ?? '', c1].join('\u0001');
}

const COLUMN1_IDS = new WeakMap<Segment, Map<Column1Rate, number>>();

/**
 * The steps of a plan, shared with every plan of the segment that has the same: lines that differ only in
 * facts that set nothing aside and warn of nothing else (the transport of a line without a harbor fee, a
 * metal share no condition reads) are charged alike. The arithmetic reads the steps of every line, so
 * fewer of them stay in the processor's caches (measured: the step reads were a third of compare's line
 * arithmetic while each of several thousand plans had its own).
 */
function sharedSteps(seg: Segment, steps: PlanStep[]): { steps: PlanStep[]; componentOrdinals: number[] } {
  let column1s = COLUMN1_IDS.get(seg);
  if (!column1s) COLUMN1_IDS.set(seg, (column1s = new Map()));
  const key = steps.map((st) => stepKey(st, column1s)).join('\u0002');
  let shared = seg.stepLists.get(key);
  if (!shared) {
    shared = { steps, componentOrdinals: steps.filter((st) => st.charge !== Charge.EntryFee).map((st) => st.cm.ordinal) };
    seg.stepLists.set(key, shared);
  }
  return shared;
}

/** The plan with its notes shared with other plans' and frozen (lines share them). */
function freeze(plan: LinePlan, words: PlanWords): LinePlan {
  plan.skipped = Object.freeze(plan.skipped.map((n) => words.share(n)));
  plan.warnings = Object.freeze(plan.warnings.map((w) => words.share(w)));
  return plan;
}

/** The plan for a line of `plan` whose step `index` was carved to nothing. */
export function zeroedPlan(plan: LinePlan, index: number, item: LineItem, record: HtsRecord, compiled: CompiledSchedule, seg: Segment, explain: boolean): LinePlan {
  let next = plan.zeroedPlans?.get(index);
  if (!next) {
    next = planLine(item, record, compiled, seg, explain, new Set([...plan.zeroed, plan.steps[index]!.cm.order]));
    plan.zeroedPlans ??= new Map();
    plan.zeroedPlans.set(index, next);
  }
  return next;
}
