/**
 * Entry-level fees (e.g. MPF): rate on the sum of the entry's subject values, held between a minimum and
 * a maximum, then shared back to the lines so line totals add up to the entry total.
 *
 * An entry whose lines are not contiguous in the file is charged incrementally: each later group pays
 * the fee on the combined base less what earlier groups already paid (the fee only grows with its base),
 * so line shares always add up to what the entry owes. Only this small per-entry state is kept.
 */
import { CentsSum } from '../money/cents-sum.js';
import { adValoremCents } from '../money/decimal.js';
import { allocateCents } from './allocate.js';
import { component, entryFee } from './component.js';
import { EntryStates, type EntryIndex, type EntryStateSnapshot } from './entry-states.js';
import { applyLandedCost, groupBrokerage } from './landed-cost.js';
import type { CompiledMeasure } from './compiled-measure.js';
import type { CompiledSchedule } from './compile.js';
import type { Component, EntryFee, EntryResult, LineResult } from './types.js';

function feeComponent(cm: CompiledMeasure, baseDollars: number, amountCents: number): Component {
  return component(cm, 'share of the entry fee, by value', baseDollars * 100, cm.rateText, amountCents, baseDollars);
}

export class EntryLedger {
  private readonly entries: EntryStates;

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

  /** Closes a contiguous group of computed lines of one entry: charges entry fees and shares them to lines. */
  close(entry: string, lines: LineResult[]): EntryResult {
    const computed = lines.filter((l) => l.status === 'computed');
    const n = this.entries.open(entry, computed[0]?.item.entryDate ?? lines[0]?.item.entryDate ?? '');
    const entryDate = this.entries.dateOf(n);
    for (const l of computed) {
      if (l.item.entryDate !== entryDate) {
        l.warnings = [...l.warnings, { code: 'entry-date-mixed', message: `entry ${entry} has lines with different entry dates; its entry fees use the date of its first line, ${entryDate}` }];
      }
    }
    const seg = this.compiled.segmentFor(entryDate);
    const fees: EntryFee[] = [];
    for (const cm of seg?.entryFees ?? []) {
      if (cm.rate.kind !== 'percent') continue;
      const weights = new Array<number>(computed.length);
      let subjectLines = 0;
      let groupBase = 0;
      for (let i = 0; i < computed.length; i++) {
        const base = computed[i]!.entryFeeBase[cm.id];
        weights[i] = base ?? 0;
        if (base !== undefined) {
          subjectLines += 1;
          groupBase += base;
        }
      }
      if (subjectLines === 0) continue;
      const prior = this.entries.fee(n, cm.id);
      const priorCharged = prior.chargedCents;
      const baseDollars = prior.baseDollars + groupBase;
      const uncapped = adValoremCents(baseDollars, cm.rate.nanos);
      let total = uncapped;
      if (cm.minimumCents !== undefined && total < cm.minimumCents) total = cm.minimumCents;
      if (cm.maximumCents !== undefined && total > cm.maximumCents) total = cm.maximumCents;
      const charge = total - priorCharged;
      this.entries.setFee(n, cm.id, baseDollars, total);
      // Lines under a dollar weigh nothing by value; then the subject lines share equally.
      const shares = allocateCents(charge, groupBase > 0 ? weights : computed.map((l) => (cm.id in l.entryFeeBase ? 1 : 0)));
      for (let i = 0; i < computed.length; i++) {
        const l = computed[i]!;
        if (!(cm.id in l.entryFeeBase)) continue;
        const share = shares[i] ?? 0;
        l.feeShares.push(feeComponent(cm, weights[i] ?? 0, share));
        l.feeCents += share;
        l.totalCents += share;
      }
      fees.push(entryFee(cm, priorCharged > 0 ? 'entry value, less the fee charged with earlier rows of this entry' : 'entry value subject to the fee', baseDollars, charge, uncapped));
    }
    const brokerage = this.entries.brokerageCharged(n) ? 0 : groupBrokerage(computed, this.defaultBrokerageCents);
    if (computed.length > 0) this.entries.markBrokerageCharged(n);
    applyLandedCost(lines, brokerage);
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
    return { entry, entryDate, lines, fees, dutyCents, feeCents, totalCents: dutyCents + feeCents, valueCents: value.value, brokerageCents: BigInt(brokerage), landedCostCents: landed.value };
  }
}
