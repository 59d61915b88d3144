/**
 * The run summary as plain data: counts, totals by authority, by measure and by category, provenance.
 * Every amount is a sum of printed line components.
 */
import type { Provenance } from '../engine/types.js';
import type { RunTotals } from '../engine/totals.js';
import type { GroupTotalsData } from '../engine/group-totals.js';

export interface RunSummary {
  provenance: Provenance;
  counts: {
    read: number;
    computed: number;
    rejected: number;
    prohibited: number;
    /** Lines of an origin the schedule does not encode: not importable under these rules, not rejected. */
    outside: number;
    incomplete: number;
    /** Lines charged a rate assumed for want of their own (an AD/CVD order's rate for producers without one). */
    assumed: number;
    withWarnings: number;
    dependingOnUnverified: number;
    entries: number;
  };
  valueCents: bigint;
  dutyCents: bigint;
  feeCents: bigint;
  totalCents: bigint;
  brokerageCents: bigint;
  landedCostCents: bigint;
  /** Duty as a share of customs value, as text: "12.34%". */
  effectiveRate: string;
  byAuthority: Array<{ authority: string; name: string; amountCents: bigint; lines: number }>;
  byMeasure: Array<{ measure: string; title: string; heading: string | null; authority: string; category: string; amountCents: bigint; lines: number }>;
  byCategory: Array<{ category: string; amountCents: bigint }>;
  /** The invoice currencies of the lines and the rate each was converted at (USD per unit, "1" for USD). */
  currencies: Array<{ currency: string; fxRate: string }>;
  /** Sums by group, when the run was asked for groups (--by). */
  groups?: GroupTotalsData;
}

/** Duty as a percentage of value, to two decimals (halves up), exactly. */
export function effectiveRate(dutyCents: bigint, valueCents: bigint): string {
  if (valueCents === 0n) return 'n/a';
  const hundredths = (dutyCents * 20000n + valueCents) / (2n * valueCents);
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}%`;
}

export function summarize(totals: RunTotals, provenance: Provenance): RunSummary {
  const byAmount = <T extends { amountCents: bigint }>(a: T, b: T): number => (a.amountCents === b.amountCents ? 0 : a.amountCents > b.amountCents ? -1 : 1);
  return {
    provenance,
    counts: {
      read: totals.linesRead,
      computed: totals.linesComputed,
      rejected: totals.linesRejected,
      prohibited: totals.linesProhibited,
      outside: totals.linesOutside,
      incomplete: totals.linesIncomplete,
      assumed: totals.linesAssumed,
      withWarnings: totals.linesWithWarnings,
      dependingOnUnverified: totals.linesUnverified,
      entries: totals.entries,
    },
    valueCents: totals.valueCents,
    dutyCents: totals.dutyCents,
    feeCents: totals.feeCents,
    totalCents: totals.totalCents,
    brokerageCents: totals.brokerageCents,
    landedCostCents: totals.landedCostCents,
    effectiveRate: effectiveRate(totals.dutyCents, totals.valueCents),
    byAuthority: [...totals.byAuthority.values()].map((a) => ({ authority: a.authority, name: a.authorityName, amountCents: a.amountCents, lines: a.lines })).sort(byAmount),
    byMeasure: [...totals.byMeasure.values()].map((m) => ({ ...m })).sort(byAmount),
    byCategory: [...totals.byCategory.entries()].map(([category, amountCents]) => ({ category, amountCents })).sort(byAmount),
    currencies: [...totals.currencies].map(([currency, fxRate]) => ({ currency, fxRate })),
    ...(totals.groups ? { groups: totals.groups.data() } : {}),
  };
}
