/**
 * One line through the stacking order: each measure that reaches the line by scope is checked for origin,
 * precedence and conditions, given its base, charged, and allowed to exclude the measures after it.
 */
import type { LineItem } from '../input/line-item.js';
import { adValoremCents, formatPercent, mulDivRound, RATE_SCALE, parsePercent, wholeDollars } from '../money/decimal.js';
import type { HtsRecord } from '../rules/hts/types.js';
import { computeColumn1 } from './column1.js';
import type { CompiledMeasure } from './compiled-measure.js';
import type { CompiledSchedule, Segment } from './compile.js';
import { describeCondition, evaluateAll } from './conditions.js';
import { component } from './component.js';
import type { Component, LineResult, LineWarning, NotApplied } from './types.js';

export interface ComputeOptions {
  /** Record every measure that reached the line by scope and why it did not apply (for `explain`). */
  explain?: boolean;
  /** Evaluate every line as if entered on this date (overrides a scenario's own date). */
  asOf?: string;
  /** Brokerage per entry, in cents, for entries whose lines give none. */
  brokerageCents?: number;
}

const CONTENT_WORDS: Record<string, string> = {
  steel_value: 'steel content',
  aluminum_value: 'aluminum content',
  copper_value: 'copper content',
};

interface BaseOutcome {
  cents: number;
  basis: string;
}

/** The value a measure applies to, before any part taken by a measure that excluded it for the remainder. */
function baseFor(cm: CompiledMeasure, item: LineItem, warnings: LineWarning[]): BaseOutcome | string {
  const base = cm.measure.base;
  if (base === 'full_value') return { cents: item.valueCents, basis: 'full value' };
  if ('content' in base) {
    const cents = item.contentCents[base.content];
    if (cents !== undefined) return { cents, basis: CONTENT_WORDS[base.content] ?? base.content };
    if (base.if_missing === 'not_applied') return `the line gives no ${base.content}`;
    warnings.push({ code: 'content-missing', message: `${cm.title}: no ${base.content} on the line, so the duty is charged on the full value (CBP: one line when the metal value is unknown)` });
    return { cents: item.valueCents, basis: 'full value (content value not given)' };
  }
  const us = item.contentCents.us_content_value;
  if (us === undefined) {
    if (base.if_missing === 'not_applied') return 'the line gives no us_content_value';
    warnings.push({ code: 'content-missing', message: `${cm.title}: no us_content_value on the line, so the duty is charged on the full value` });
    return { cents: item.valueCents, basis: 'full value (US content not given)' };
  }
  let cents = item.valueCents - us;
  let basis = 'non-US content (value less US content)';
  if (base.minimum_share !== undefined) {
    const floor = mulDivRound(item.valueCents, parsePercent(base.minimum_share)!, RATE_SCALE);
    if (floor > cents) {
      cents = floor;
      basis = `${base.minimum_share} of value (minimum base; non-US content is less)`;
    }
  }
  return { cents, basis };
}

function notApplied(cm: CompiledMeasure, reason: string, by?: CompiledMeasure): NotApplied {
  return { measure: cm.id, title: cm.title, heading: cm.heading, reason, ...(by ? { by: by.id } : {}) };
}

export function computeLine(item: LineItem, record: HtsRecord, compiled: CompiledSchedule, seg: Segment, options: ComputeOptions = {}): LineResult {
  const candidates = compiled.candidatesFor(seg, item.hts);
  // Exclusions that fired on this line, by the excluded measure's order; a line meets only a few, so
  // small lists beat arrays sized to the whole schedule.
  let excluded: Array<{ target: number; by: CompiledMeasure; reason: string }> | undefined;
  let carves: Array<{ target: number; cents: number; by: CompiledMeasure[]; reason: string }> | undefined;
  const assumptions: string[] = [];
  const components: Component[] = [];
  const skipped: NotApplied[] = [];
  const warnings: LineWarning[] = [];
  const entryFeeBase: Record<string, number> = {};
  let column1Cents = 0;
  let incomplete = false;
  let dutyCents = 0;
  let feeCents = 0;

  for (const note of item.inputNotes ?? []) warnings.push({ code: 'input-note', message: note });

  for (const cm of candidates) {
    if (!cm.origins.has(item.origin)) {
      if (options.explain) skipped.push(notApplied(cm, `applies to goods of ${[...cm.origins].join(', ')}; this line's origin is ${item.origin}`));
      continue;
    }
    const exclusion = excluded?.find((x) => x.target === cm.order);
    if (exclusion) {
      skipped.push(notApplied(cm, exclusion.reason, exclusion.by));
      continue;
    }
    const failed = cm.when.length === 0 ? undefined : evaluateAll(cm.when, item, record, assumptions);
    // An assumption about missing data is reported whatever it decided.
    if (assumptions.length > 0) {
      for (const a of assumptions) warnings.push({ code: 'assumed-condition', message: `${cm.title}: ${a}` });
      assumptions.length = 0;
    }
    if (failed) {
      if (options.explain) skipped.push(notApplied(cm, `condition not met: ${describeCondition(failed)}`));
      continue;
    }

    if (cm.category === 'prohibition') {
      const p = notApplied(cm, cm.measure.note ?? `${cm.title}: the goods may not be entered`);
      return {
        item, status: 'prohibited', components: [], notApplied: skipped, warnings, dutyCents: 0, feeCents: 0, feeShares: [], totalCents: 0,
        incomplete: false, entryFeeBase: {}, brokerageCents: 0, landedCostCents: 0, prohibition: { ...p, instrument: cm.measure.instrument, citation: cm.measure.citation },
      };
    }

    const base = baseFor(cm, item, warnings);
    if (typeof base === 'string') {
      if (options.explain) skipped.push(notApplied(cm, base));
      continue;
    }
    let { cents, basis } = base;
    const carve = carves?.find((c) => c.target === cm.order);
    if (carve && carve.cents > 0) {
      cents = Math.max(0, cents - carve.cents);
      const names = carve.by.map((b) => b.title).join(', ');
      basis = `${basis} less the part charged under ${names}`;
      if (cents === 0) {
        skipped.push({ ...notApplied(cm, `the whole value is charged under ${names}: ${carve.reason}`), by: carve.by[0]!.id });
        continue;
      }
    }

    if (cm.level === 'entry') {
      entryFeeBase[cm.id] = wholeDollars(cents);
      continue;
    }

    let amount: number;
    let rateText = cm.rateText;
    let baseDollars: number | undefined = wholeDollars(cents);
    switch (cm.rate.kind) {
      case 'column1': {
        const c1 = computeColumn1(item, record);
        amount = c1.amountCents;
        rateText = c1.rateText;
        basis = c1.basis;
        baseDollars = c1.baseDollars;
        incomplete ||= c1.incomplete;
        warnings.push(...c1.warnings);
        column1Cents = amount;
        break;
      }
      case 'percent':
        amount = adValoremCents(baseDollars, cm.rate.nanos);
        break;
      case 'floor':
        amount = Math.max(0, adValoremCents(baseDollars, cm.rate.nanos) - column1Cents);
        break;
      case 'line_rate':
        amount = adValoremCents(baseDollars, item.adcvdRateNanos ?? 0);
        rateText = `${formatPercent(item.adcvdRateNanos ?? 0)} (line's adcvd_rate)`;
        break;
      case 'none':
        amount = 0;
        break;
    }
    components.push(component(cm, basis, cents, rateText, amount, baseDollars));
    if (cm.category === 'fee') feeCents += amount;
    else dutyCents += amount;

    for (const x of cm.excludes) {
      if (x.portion === 'whole') {
        if (!excluded?.some((e) => e.target === x.target)) (excluded ??= []).push({ target: x.target, by: cm, reason: x.reason });
      } else {
        const existing = carves?.find((c) => c.target === x.target);
        if (existing) {
          existing.cents += cents;
          existing.by.push(cm);
        } else (carves ??= []).push({ target: x.target, cents, by: [cm], reason: x.reason });
      }
    }
  }

  return {
    item, status: 'computed', components, notApplied: skipped, warnings, dutyCents, feeCents, feeShares: [], totalCents: dutyCents + feeCents,
    incomplete, entryFeeBase, brokerageCents: 0, landedCostCents: 0,
  };
}
