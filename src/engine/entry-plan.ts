/**
 * Entry fees of an entry whose lines are not together in the file, settled before any of its lines is
 * written: its lines are gathered first (a pass over the file that computes only them), then the fee is
 * charged on the whole entry and shared to every line by value, exactly as if the lines had been together
 * in file order. The plan keeps each line's share, taken group by group as the lines come again; memory
 * grows with the lines of such entries only.
 */
import { adValoremCents } from '../money/decimal.js';
import { allocateCents } from './allocate.js';
import type { CompiledMeasure } from './compiled-measure.js';
import type { CompiledSchedule } from './compile.js';
import { brokerageShares } from './landed-cost.js';
import type { LineResult } from './types.js';

/** What the fees of a line depend on. */
type FeeBearing = Pick<LineResult, 'entryFeeBase'>;

/** A fee measure's weights for some lines: the whole dollars each adds to the base (0 when not subject). */
export interface FeeWeights {
  weights: number[];
  /** Lines subject to the fee. */
  subjectLines: number;
  baseDollars: number;
}

export function feeWeights(cm: CompiledMeasure, computed: readonly FeeBearing[]): FeeWeights {
  const weights = new Array<number>(computed.length);
  let subjectLines = 0;
  let baseDollars = 0;
  for (let i = 0; i < computed.length; i++) {
    const base = computed[i]!.entryFeeBase[cm.id];
    weights[i] = base ?? 0;
    if (base !== undefined) {
      subjectLines += 1;
      baseDollars += base;
    }
  }
  return { weights, subjectLines, baseDollars };
}

/** The fee at `rateNanos` on a base of whole dollars, held between the measure's minimum and maximum, and before. */
export function feeOn(cm: CompiledMeasure, rateNanos: number, baseDollars: number): { totalCents: number; uncappedCents: number } {
  const uncappedCents = adValoremCents(baseDollars, rateNanos);
  let totalCents = uncappedCents;
  if (cm.minimumCents !== undefined && totalCents < cm.minimumCents) totalCents = cm.minimumCents;
  if (cm.maximumCents !== undefined && totalCents > cm.maximumCents) totalCents = cm.maximumCents;
  return { totalCents, uncappedCents };
}

/** Shares of `amountCents` by the weights; lines under a dollar weigh nothing by value, so then the subject lines share equally. */
export function shareFee(cm: CompiledMeasure, amountCents: number, w: FeeWeights, computed: readonly FeeBearing[]): number[] {
  return allocateCents(amountCents, w.baseDollars > 0 ? w.weights : computed.map((l) => (cm.id in l.entryFeeBase ? 1 : 0)));
}

export interface PlannedFee {
  cm: CompiledMeasure;
  /** The fee on the whole entry. */
  whole: { baseCents: number; uncappedCents: number; amountCents: number };
  /** By computed line of the entry, in file order (0 for a line not subject to the fee). */
  shares: number[];
}

export interface EntryPlan {
  /** The date its fees use: that of its first computed line (else of its first line). */
  date: string;
  fees: PlannedFee[];
  /** Brokerage share by computed line of the entry, in file order (none when the entry has no brokerage). */
  brokerage: readonly number[];
  /** Computed lines of the entry. */
  lineCount: number;
  /** Computed lines already closed (given their shares), and groups closed. */
  next: number;
  groups: number;
}

/** One entry's lines as the gathering pass computed them: only what their fees and brokerage depend on. */
export class GatheredEntry {
  private firstDate: string | undefined;
  private computedDate: string | undefined;
  private brokerageGiven: number | undefined;
  private readonly computed: FeeBearing[] = [];
  private readonly values: number[] = [];

  add(lines: readonly LineResult[]): void {
    this.firstDate ??= lines[0]?.item.entryDate;
    for (const l of lines) {
      if (l.status !== 'computed') continue;
      this.computedDate ??= l.item.entryDate;
      // As groupBrokerage: the first amount given on a computed line of the entry.
      this.brokerageGiven ??= l.item.costing?.entryBrokerageCents;
      this.computed.push({ entryFeeBase: l.entryFeeBase });
      this.values.push(l.item.valueCents);
    }
  }

  /** The fees of the whole entry and every line's share, as one contiguous group of these lines is charged. */
  settle(compiled: CompiledSchedule, defaultBrokerageCents: number | undefined): EntryPlan {
    const computed = this.computed;
    const date = this.computedDate ?? this.firstDate ?? '';
    const fees: PlannedFee[] = [];
    for (const cm of compiled.segmentFor(date)?.entryFees ?? []) {
      if (cm.rate.kind !== 'percent') continue;
      const w = feeWeights(cm, computed);
      if (w.subjectLines === 0) continue;
      const { totalCents, uncappedCents } = feeOn(cm, cm.rate.nanos, w.baseDollars);
      fees.push({ cm, whole: { baseCents: w.baseDollars * 100, uncappedCents, amountCents: totalCents }, shares: shareFee(cm, totalCents, w, computed) });
    }
    const brokerage = brokerageShares(this.brokerageGiven ?? defaultBrokerageCents ?? 0, this.values);
    return { date, fees, brokerage, lineCount: computed.length, next: 0, groups: 0 };
  }
}
