/**
 * One line through the stacking order: its plan (line-plan: which measures apply, on what base, which are
 * set aside and why), shared with every line alike in the facts the plan depends on, then the arithmetic:
 * each base taken from the line's values less what earlier measures charged of them, rounded to whole
 * dollars, and charged at its rate.
 */
import type { LineItem } from '../model/line-item.js';
import { formatPercent, mulDivRound, onBase, RATE_SCALE, wholeDollars } from '../money/decimal.js';
import type { HtsRecord } from '../rules/hts/types.js';
import { column1Amount } from './column1.js';
import type { CompiledSchedule, Segment } from './compile.js';
import { component } from './component.js';
import { BaseKind, Charge, type LinePlan, type PlanStep } from './line-plan.js';
import { computeLineByTheLaw } from './reference.js';
import type { Component, LineResult, LineWarning } from './types.js';

export interface ComputeOptions {
  /** Record every measure that reached the line by scope and why it did not apply (for `explain`). */
  explain?: boolean;
  /** Evaluate every line as if entered on this date (overrides a scenario's own date). */
  asOf?: string;
  /** Brokerage per entry, in cents, for entries whose lines give none. */
  brokerageCents?: number;
}

/** The step's base in cents, before anything is carved off it (its words: baseWords); `dutyCents`: the duties charged before it. */
function baseCents(step: PlanStep, item: LineItem, dutyCents: number): number {
  switch (step.baseKind) {
    case BaseKind.Value:
      return item.valueCents;
    case BaseKind.ValuePlusDuties:
      return item.valueCents + dutyCents;
    case BaseKind.Content:
      return item.contentCents[step.column!]!;
    case BaseKind.NonUsContent: {
      const cents = item.valueCents - item.contentCents.us_content_value!;
      return step.minimumNanos !== undefined ? Math.max(cents, mulDivRound(item.valueCents, step.minimumNanos, RATE_SCALE)) : cents;
    }
  }
}

/** The words of a base of `cents`: the minimum base names itself when it was taken. */
function baseWords(step: PlanStep, item: LineItem, cents: number): string {
  if (step.minimumNanos !== undefined && cents !== item.valueCents - item.contentCents.us_content_value!) return step.minimumBasis!;
  return step.basis;
}

function lineWarnings(item: LineItem, plan: LinePlan): readonly LineWarning[] {
  const notes = item.inputNotes;
  if (notes === undefined || notes.length === 0) return plan.warnings;
  return [...notes.map((message): LineWarning => ({ code: 'input-note', message })), ...plan.warnings];
}

/**
 * The line computed by a plan made for it or for a line alike; when a carve leaves a step nothing, by the
 * plan for that case instead (`cents` holds each step's base after carving, for the steps after it).
 */
export function computeWithPlan(plan: LinePlan, item: LineItem, record: HtsRecord, compiled: CompiledSchedule, seg: Segment): LineResult {
  const warnings = lineWarnings(item, plan);
  if (plan.status === 'prohibited') {
    return {
      item, status: 'prohibited', components: [], notApplied: plan.skipped, warnings, dutyCents: 0, feeCents: 0, feeShares: [], totalCents: 0,
      incomplete: false, assumed: false, entryFeeBase: {}, brokerageCents: 0, landedCostCents: 0, landedCostPerUnitCents: undefined, prohibition: plan.prohibition,
    };
  }
  const steps = plan.steps;
  // Each step's base after carving, for the steps carved by it (only earlier steps are read).
  const cents = compiled.plans.carved;
  const components: Component[] = [];
  const entryFeeBase: Record<string, number> = {};
  let column1Cents = 0;
  let dutyCents = 0;
  let feeCents = 0;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const cm = step.cm;
    let base = baseCents(step, item, dutyCents);
    let basis = baseWords(step, item, base);
    if (step.carvedBy.length > 0) {
      let carved = 0;
      for (const k of step.carvedBy) carved += cents[k]!;
      if (carved > 0) {
        base = Math.max(0, base - carved);
        basis = step.carvedBasis!;
        if (base === 0) return computeWithPlan(compiled.plans.zeroedPlan(plan, i, item, record, seg), item, record, compiled, seg);
      }
    }
    cents[i] = base;
    if (step.charge === Charge.EntryFee) {
      entryFeeBase[cm.id] = wholeDollars(base);
      continue;
    }
    let amount: number;
    let rateText = cm.rateText;
    // Ad valorem on the base in whole dollars (19 CFR 159.3), or on the cents where the schedule says (Canada).
    let baseDollars: number | undefined = compiled.centsBase ? undefined : wholeDollars(base);
    switch (step.charge) {
      case Charge.Column1: {
        const c1 = column1Amount(step.column1!, item, compiled.centsBase);
        amount = c1.amountCents;
        rateText = step.column1!.rateText;
        basis = c1.basis;
        baseDollars = c1.baseDollars;
        column1Cents = amount;
        break;
      }
      case Charge.Percent:
        amount = onBase(base, baseDollars, step.nanos);
        break;
      case Charge.Floor:
        amount = Math.max(0, onBase(base, baseDollars, step.nanos) - column1Cents);
        break;
      case Charge.LineRate:
        amount = onBase(base, baseDollars, item.adcvdRateNanos ?? 0);
        rateText = `${formatPercent(item.adcvdRateNanos ?? 0)} (line's adcvd_rate)`;
        break;
      default:
        amount = 0;
        break;
    }
    components.push(component(cm, basis, base, rateText, amount, baseDollars));
    if (step.fee) feeCents += amount;
    else dutyCents += amount;
  }
  return {
    item, status: 'computed', components, notApplied: plan.skipped, warnings, dutyCents, feeCents, feeShares: [], totalCents: dutyCents + feeCents,
    incomplete: plan.incomplete, assumed: plan.assumed, entryFeeBase, brokerageCents: 0, landedCostCents: 0, landedCostPerUnitCents: undefined, prohibition: undefined,
  };
}

/** The line by its plan (shared with lines alike); a line to explain, by the law itself (reference.ts). */
export function computeLine(item: LineItem, record: HtsRecord, compiled: CompiledSchedule, seg: Segment, options: ComputeOptions = {}): LineResult {
  if (options.explain === true) return computeLineByTheLaw(item, record, compiled, seg, true);
  return computeWithPlan(compiled.plans.planFor(seg, item, record), item, record, compiled, seg);
}
