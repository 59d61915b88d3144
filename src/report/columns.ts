/**
 * Amount columns of the tabular outputs, fixed per schedule so files from one schedule line up:
 * one per duty authority (duty_<authority>) and one per fee (fee_<measure>).
 */
import type { Component } from '../engine/types.js';
import type { Schedule } from '../rules/schedule-schema.js';

export interface AmountColumn {
  name: string;
  label: string;
}

const snake = (id: string): string => id.replace(/-/g, '_');

export function columnFor(c: Pick<Component, 'category' | 'authority' | 'measure'>): string {
  return c.category === 'fee' ? `fee_${snake(c.measure)}` : `duty_${snake(c.authority)}`;
}

export function amountColumns(schedule: Schedule): AmountColumn[] {
  const seen = new Set<string>();
  const out: AmountColumn[] = [];
  for (const m of schedule.measures) {
    if (m.category === 'prohibition' || m.category === 'exemption') continue;
    const name = columnFor({ category: m.category, authority: m.authority, measure: m.id });
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({ name, label: m.category === 'fee' ? m.title : (schedule.authorities[m.authority]?.name ?? m.authority) });
  }
  return out;
}

/** Amount per column for one line (components and fee shares). */
export function amountsByColumn(components: readonly Component[], columns: readonly AmountColumn[]): number[] {
  const index = new Map(columns.map((c, i) => [c.name, i]));
  const sums = columns.map(() => 0);
  for (const c of components) {
    const i = index.get(columnFor(c));
    if (i !== undefined) sums[i]! += c.amountCents;
  }
  return sums;
}
