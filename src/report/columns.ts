/**
 * Amount columns of the tabular outputs, fixed per schedule so files from one schedule line up:
 * one per duty authority (duty_<authority>), one per fee (fee_<measure>) and one per import tax (tax_<measure>,
 * e.g. tax_gst), taxes apart from duties.
 */
import type { Component } from '../engine/types.js';
import type { Schedule } from '../rules/schedule-schema.js';

export interface AmountColumn {
  name: string;
  label: string;
}

const snake = (id: string): string => id.replace(/-/g, '_');

function columnFor(c: Pick<Component, 'category' | 'authority' | 'measure'>): string {
  if (c.category === 'tax') return `tax_${snake(c.measure)}`;
  return c.category === 'fee' ? `fee_${snake(c.measure)}` : `duty_${snake(c.authority)}`;
}

/** Duty columns in the order the schedule declares its authorities, then one column per fee, then one per tax. */
export function amountColumns(schedule: Schedule): AmountColumn[] {
  const dutyAuthorities = new Set(schedule.measures.filter((m) => m.category !== 'fee' && m.category !== 'tax' && m.category !== 'prohibition' && m.category !== 'exemption').map((m) => m.authority));
  const out: AmountColumn[] = [];
  for (const [id, authority] of Object.entries(schedule.authorities)) {
    if (dutyAuthorities.has(id)) out.push({ name: `duty_${snake(id)}`, label: authority.name });
  }
  for (const m of schedule.measures) {
    if (m.category === 'fee') out.push({ name: columnFor({ category: m.category, authority: m.authority, measure: m.id }), label: m.title });
  }
  for (const m of schedule.measures) {
    if (m.category === 'tax') out.push({ name: columnFor({ category: m.category, authority: m.authority, measure: m.id }), label: m.title });
  }
  return out;
}

/** Sums a line's amounts into its columns; built once per run, used for every line. */
export class ColumnSummer {
  private readonly index: Map<string, number>;
  /** Measure id -> column index (-1: no column), learnt on first sight so a line costs one lookup per component. */
  private readonly byMeasure = new Map<string, number>();

  constructor(readonly columns: readonly AmountColumn[]) {
    this.index = new Map(columns.map((c, i) => [c.name, i]));
  }

  private columnIndex(c: Component): number {
    let i = this.byMeasure.get(c.measure);
    if (i === undefined) {
      i = this.index.get(columnFor(c)) ?? -1;
      this.byMeasure.set(c.measure, i);
    }
    return i;
  }

  sums(components: readonly Component[], more: readonly Component[] = []): number[] {
    return this.sumsInto(new Array<number>(this.columns.length), components, more);
  }

  /** sums, into an array of the columns' length that the caller reuses. */
  sumsInto(sums: number[], components: readonly Component[], more: readonly Component[] = []): number[] {
    sums.fill(0);
    for (const c of components) {
      const i = this.columnIndex(c);
      if (i >= 0) sums[i]! += c.amountCents;
    }
    for (const c of more) {
      const i = this.columnIndex(c);
      if (i >= 0) sums[i]! += c.amountCents;
    }
    return sums;
  }
}
