/**
 * Entry-level fees (e.g. MPF): rate on the sum of the entry's subject values, held between a minimum and
 * a maximum, then shared back to the lines so line totals add up to the entry total.
 *
 * An entry whose lines are not together in the file is charged on all its lines before any is written
 * when the file can be read twice (see EntryPlan): each line's share is then the one it has with the
 * entry's lines together. Otherwise (parts of a file stitched together by worker threads, which do not see
 * each other's lines) it is charged incrementally: each later group pays the fee on the combined base less
 * what earlier groups already paid (the fee only grows with its base), so line shares always add up to
 * what the entry owes. Only this small per-entry state is kept.
 */
import { CentsSum } from '../money/cents-sum.js';
import { component, entryFee } from './component.js';
import { GatheredEntry, feeOn, feeWeights, shareFee, type EntryPlan } from './entry-plan.js';
import { EntryStates, type EntryIndex, type EntryStateSnapshot } from './entry-states.js';
import { applyLandedCost, groupBrokerage, landWith } from './landed-cost.js';
import type { CompiledMeasure } from './compiled-measure.js';
import type { CompiledSchedule } from './compile.js';
import type { Component, EntryFee, EntryResult, LineResult } from './types.js';

function feeComponent(cm: CompiledMeasure, baseDollars: number, amountCents: number): Component {
  return component(cm, 'share of the entry fee, by value', baseDollars * 100, cm.rateText, amountCents, baseDollars);
}

export class EntryLedger {
  private readonly entries: EntryStates;
  /** Entries whose lines are being gathered (see gatherEntries), and the plans of those settled. */
  private gathering: Map<string, GatheredEntry> | undefined;
  private plans: Map<string, EntryPlan> | undefined;

  constructor(
    private readonly compiled: CompiledSchedule,
    /** Brokerage per entry for entries whose lines give none. */
    private readonly defaultBrokerageCents?: number,
    index?: EntryIndex,
  ) {
    this.entries = new EntryStates(index);
  }

  /** Number of entries seen (the only state that grows with the file). */
  get size(): number {
    return this.entries.size;
  }

  snapshot(entry: string): EntryStateSnapshot | undefined {
    return this.entries.snapshot(entry);
  }

  restore(entry: string, state: EntryStateSnapshot): void {
    this.entries.restore(entry, state);
  }

  /**
   * Gathers the lines of these entries instead of charging them (a first pass over a file whose entries'
   * lines are not together), until `settleGathered`.
   */
  gatherEntries(entries: Iterable<string>): void {
    this.gathering = new Map([...entries].map((e) => [e, new GatheredEntry()]));
  }

  /** Charges every gathered entry on all its lines: later groups of these entries take their shares from it. */
  settleGathered(): void {
    if (!this.gathering) return;
    this.plans = new Map([...this.gathering].map(([entry, g]) => [entry, g.settle(this.compiled, this.defaultBrokerageCents)]));
    this.gathering = undefined;
  }

  /** Whether lines of the entry were closed before (it is not together in the file if it comes again). */
  hasClosed(entry: string): boolean {
    const plan = this.plans?.get(entry);
    return plan ? plan.groups > 0 : this.entries.has(entry);
  }

  /** Closes a contiguous group of computed lines of one entry: charges entry fees and shares them to lines. */
  close(entry: string, lines: LineResult[]): EntryResult {
    const computed = lines.filter((l) => l.status === 'computed');
    if (this.gathering) {
      this.gathering.get(entry)?.add(lines);
      return result(entry, '', lines, computed, [], 0, false);
    }
    const plan = this.plans?.get(entry);
    if (plan) return this.closePlanned(entry, lines, computed, plan);
    const known = this.entries.size;
    const n = this.entries.open(entry, computed[0]?.item.entryDate ?? lines[0]?.item.entryDate ?? '');
    const entryDate = this.entries.dateOf(n);
    warnMixedDates(entry, computed, entryDate);
    const seg = this.compiled.segmentFor(entryDate);
    const fees: EntryFee[] = [];
    for (const cm of seg?.entryFees ?? []) {
      if (cm.rate.kind !== 'percent') continue;
      const w = feeWeights(cm, computed);
      if (w.subjectLines === 0) continue;
      const prior = this.entries.fee(n, cm.id);
      const priorCharged = prior.chargedCents;
      const baseDollars = prior.baseDollars + w.baseDollars;
      const { totalCents, uncappedCents } = feeOn(cm, cm.rate.nanos, baseDollars);
      const charge = totalCents - priorCharged;
      this.entries.setFee(n, cm.id, baseDollars, totalCents);
      const shares = shareFee(cm, charge, w, computed);
      for (let i = 0; i < computed.length; i++) {
        const l = computed[i]!;
        if (cm.id in l.entryFeeBase) addShare(l, cm, w.weights[i] ?? 0, shares[i] ?? 0);
      }
      fees.push(entryFee(cm, priorCharged > 0 ? 'entry value, less the fee charged with earlier rows of this entry' : 'entry value subject to the fee', baseDollars, charge, uncappedCents));
    }
    const brokerage = this.entries.brokerageCharged(n) ? 0 : groupBrokerage(computed, this.defaultBrokerageCents);
    if (computed.length > 0) this.entries.markBrokerageCharged(n);
    applyLandedCost(lines, brokerage);
    return result(entry, entryDate, lines, computed, fees, brokerage, this.entries.size === known);
  }

  /** A group of an entry charged before its lines were written (see EntryPlan): its lines take their shares. */
  private closePlanned(entry: string, lines: LineResult[], computed: LineResult[], plan: EntryPlan): EntryResult {
    const from = plan.next;
    if (from + computed.length > plan.lineCount) throw new Error(`entry ${entry} has more lines than when they were gathered: the file changed while it was read`);
    warnMixedDates(entry, computed, plan.date);
    const fees: EntryFee[] = [];
    for (const { cm, whole, shares } of plan.fees) {
      let baseDollars = 0;
      let charge = 0;
      let subject = false;
      for (let i = 0; i < computed.length; i++) {
        const l = computed[i]!;
        const base = l.entryFeeBase[cm.id];
        if (base === undefined) continue;
        const share = shares[from + i] ?? 0;
        addShare(l, cm, base, share);
        subject = true;
        baseDollars += base;
        charge += share;
      }
      if (subject) fees.push(entryFee(cm, PLANNED_BASIS, baseDollars, charge, charge, whole));
    }
    const brokerage = landWith(computed, plan.brokerage, from);
    plan.next += computed.length;
    plan.groups += 1;
    return result(entry, plan.date, lines, computed, fees, brokerage, plan.groups > 1);
  }
}

/** The basis of an entry fee shown with one group of an entry whose lines are not together in the file. */
const PLANNED_BASIS = "these rows' share of the fee on the whole entry (its rows are not together in the file; the fee is charged once on all of them and shared by value)";

function addShare(l: LineResult, cm: CompiledMeasure, baseDollars: number, share: number): void {
  l.feeShares.push(feeComponent(cm, baseDollars, share));
  l.feeCents += share;
  l.totalCents += share;
}

function warnMixedDates(entry: string, computed: LineResult[], entryDate: string): void {
  for (const l of computed) {
    if (l.item.entryDate !== entryDate) {
      l.warnings = [...l.warnings, { code: 'entry-date-mixed', message: `entry ${entry} has lines with different entry dates; its entry fees use the date of its first line, ${entryDate}` }];
    }
  }
}

function result(entry: string, entryDate: string, lines: LineResult[], computed: LineResult[], fees: EntryFee[], brokerage: number, continued: boolean): EntryResult {
  const duty = new CentsSum();
  const fee = new CentsSum();
  const value = new CentsSum();
  const landed = new CentsSum();
  for (const l of computed) {
    duty.add(l.dutyCents);
    fee.add(l.feeCents);
    value.add(l.item.valueCents);
    landed.add(l.landedCostCents);
  }
  const dutyCents = duty.value;
  const feeCents = fee.value;
  return { entry, entryDate, lines, fees, dutyCents, feeCents, totalCents: dutyCents + feeCents, valueCents: value.value, brokerageCents: BigInt(brokerage), landedCostCents: landed.value, continued };
}
