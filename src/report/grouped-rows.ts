/**
 * The rows of a grouped report (`--by`): one per group, with each scenario's customs value, duty, fees,
 * total and effective rate, and its change against the first scenario. Rows of all scenarios are aligned
 * by group (a group one scenario does not charge shows zero there), and a group's change is its total less
 * the first scenario's, so the changes of the groups add up to the change of the total, to the cent.
 */
import { valueKeyOf, type GroupLevel, type GroupTotalsData } from '../engine/group-totals.js';
import { sectionOrder } from '../engine/hts-section.js';
import { effectiveRate, type RunSummary } from './summary.js';

export interface GroupFigures {
  valueCents: bigint;
  dutyCents: bigint;
  feeCents: bigint;
  totalCents: bigint;
  /** Duty / customs value, "12.34%" ("n/a" without value). */
  effectiveRate: string;
  /** Total less the first scenario's total (0 for the first). */
  changeCents: bigint;
  lines: number;
}

export interface GroupRow {
  keys: string[];
  authorityName?: string;
  /** One per scenario, in order. */
  scenarios: GroupFigures[];
}

export interface GroupedReport {
  levels: GroupLevel[];
  rows: GroupRow[];
  /** The run's totals, one per scenario, in the same figures. */
  total: GroupFigures[];
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

function figures(valueCents: bigint, dutyCents: bigint, feeCents: bigint, firstTotal: bigint | undefined, lines: number): GroupFigures {
  const totalCents = dutyCents + feeCents;
  return { valueCents, dutyCents, feeCents, totalCents, effectiveRate: effectiveRate(dutyCents, valueCents), changeCents: firstTotal === undefined ? 0n : totalCents - firstTotal, lines };
}

/** The rows of the groups of each scenario, aligned by group and sorted (see compareKeys). */
export function groupRows(levels: readonly GroupLevel[], data: readonly GroupTotalsData[]): GroupRow[] {
  const cells = data.map((d) => new Map(d.cells));
  const values = data.map((d) => new Map(d.values));
  const keys = new Map<string, { keys: string[]; authorityName?: string }>();
  for (const d of data) for (const [k, c] of d.cells) if (!keys.has(k)) keys.set(k, { keys: c.keys, ...(c.authorityName !== undefined ? { authorityName: c.authorityName } : {}) });
  // Authorities in the order of their weight over every scenario, so the largest comes first in each group.
  const weight = new Map<string, bigint>();
  const authorityAt = levels.indexOf('authority');
  if (authorityAt >= 0) for (const d of data) for (const [, c] of d.cells) weight.set(c.keys[authorityAt]!, (weight.get(c.keys[authorityAt]!) ?? 0n) + abs(c.dutyCents + c.feeCents));
  const rows: GroupRow[] = [...keys].map(([k, g]) => {
    const valueKey = valueKeyOf(levels, g.keys);
    let firstTotal: bigint | undefined;
    const scenarios = cells.map((m, i) => {
      const c = m.get(k);
      const f = figures(values[i]!.get(valueKey) ?? 0n, c?.dutyCents ?? 0n, c?.feeCents ?? 0n, firstTotal, c?.lines ?? 0);
      if (i === 0) firstTotal = f.totalCents;
      return f;
    });
    return { keys: g.keys, ...(g.authorityName !== undefined ? { authorityName: g.authorityName } : {}), scenarios };
  });
  return rows.sort((a, b) => compareKeys(levels, weight, a.keys, b.keys));
}

export function groupedReport(levels: readonly GroupLevel[], summaries: readonly RunSummary[]): GroupedReport {
  const data = summaries.map((s) => s.groups ?? ({ levels: [...levels], cells: [], values: [] } satisfies GroupTotalsData));
  const first = summaries[0]?.totalCents;
  const total = summaries.map((s, i) => figures(s.valueCents, s.dutyCents, s.feeCents, i === 0 ? undefined : first, s.counts.computed));
  return { levels: [...levels], rows: groupRows(levels, data), total };
}

function compareKeys(levels: readonly GroupLevel[], weight: ReadonlyMap<string, bigint>, a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < levels.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (levels[i] === 'authority') {
      const wx = weight.get(x) ?? 0n;
      const wy = weight.get(y) ?? 0n;
      if (wx !== wy) return wx > wy ? -1 : 1;
    } else if (levels[i] === 'section') {
      const d = sectionOrder(x) - sectionOrder(y);
      if (d !== 0) return d;
    }
    return x < y ? -1 : 1;
  }
  return 0;
}
