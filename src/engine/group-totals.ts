/**
 * Totals of a run by group (`--by month,authority`): customs value, duty and fees per group, so a run over
 * millions of lines holds one cell per group, never a line. A group is a tuple of keys, one per level; the
 * line levels (chapter, section, heading, month, entry) divide the lines, the authority level divides each
 * line's amounts by the legal authority of each component (fees under their own authority), so the groups
 * of any grouping add up to the run's total exactly.
 */
import { CentsSum } from '../money/cents-sum.js';
import { htsSection } from './hts-section.js';
import type { Component, EntryResult, LineResult } from './types.js';

export const GROUP_LEVELS = ['authority', 'chapter', 'section', 'heading', 'month', 'entry'] as const;
export type GroupLevel = (typeof GROUP_LEVELS)[number];

/** One group's sums, as plain data. */
export interface GroupCellData {
  /** One key per level, in the order of the levels. */
  keys: string[];
  /** The authority's name, when a level is the authority. */
  authorityName?: string;
  dutyCents: bigint;
  feeCents: bigint;
  /** Lines that added to the group (for an authority: lines charged under it). */
  lines: number;
}

/** The totals as plain data, as they cross to another thread. */
export interface GroupTotalsData {
  levels: GroupLevel[];
  cells: Array<[string, GroupCellData]>;
  /** Customs value by the line levels' keys alone (the authority level does not divide value). */
  values: Array<[string, bigint]>;
}

interface Cell {
  keys: string[];
  authorityName?: string;
  duty: CentsSum;
  fee: CentsSum;
  lines: number;
  /** The last line counted, so a line charged twice under one authority counts once. */
  lastLine: number;
}

const SEPARATOR = '\u001f';

function lineKeyPart(level: Exclude<GroupLevel, 'authority'>, l: LineResult, entry: string): string {
  switch (level) {
    case 'chapter':
      return l.item.hts.slice(0, 2);
    case 'section':
      return htsSection(l.item.hts.slice(0, 2));
    case 'heading':
      return l.item.hts.slice(0, 4);
    case 'month':
      return l.item.entryDate.slice(0, 7);
    case 'entry':
      return entry;
  }
}

export class GroupTotals {
  private readonly cells = new Map<string, Cell>();
  private readonly values = new Map<string, CentsSum>();
  private readonly authorityAt: number;
  private readonly lineLevels: Array<Exclude<GroupLevel, 'authority'>>;
  private lineCount = 0;

  constructor(readonly levels: readonly GroupLevel[]) {
    this.authorityAt = levels.indexOf('authority');
    this.lineLevels = levels.filter((l): l is Exclude<GroupLevel, 'authority'> => l !== 'authority');
  }

  /** The computed lines of an entry group. */
  addEntry(e: EntryResult): void {
    for (const l of e.lines) if (l.status !== 'prohibited') this.addLine(l, e.entry);
  }

  /** A computed line of entry `entry` (prohibited lines owe nothing and are left out, as in the run totals). */
  addLine(l: LineResult, entry: string): void {
    this.lineCount += 1;
    const parts = this.lineLevels.map((level) => lineKeyPart(level, l, entry));
    const lineKey = parts.join(SEPARATOR);
    let value = this.values.get(lineKey);
    if (!value) this.values.set(lineKey, (value = new CentsSum()));
    value.add(l.item.valueCents);
    if (this.authorityAt < 0) {
      const cell = this.cell(lineKey, parts);
      cell.duty.add(l.dutyCents);
      cell.fee.add(l.feeCents);
      cell.lines += 1;
      return;
    }
    for (const c of l.components) this.addComponent(c, lineKey, parts);
    for (const c of l.feeShares) this.addComponent(c, lineKey, parts);
  }

  private addComponent(c: Component, lineKey: string, parts: string[]): void {
    const keys = [...parts];
    keys.splice(this.authorityAt, 0, c.authority);
    const cell = this.cell(`${lineKey}${SEPARATOR}${SEPARATOR}${c.authority}`, keys, c.authorityName);
    if (c.category === 'fee' || c.category === 'tax') cell.fee.add(c.amountCents);
    else cell.duty.add(c.amountCents);
    if (cell.lastLine !== this.lineCount) {
      cell.lastLine = this.lineCount;
      cell.lines += 1;
    }
  }

  private cell(key: string, keys: string[], authorityName?: string): Cell {
    let cell = this.cells.get(key);
    if (!cell) this.cells.set(key, (cell = { keys, ...(authorityName !== undefined ? { authorityName } : {}), duty: new CentsSum(), fee: new CentsSum(), lines: 0, lastLine: 0 }));
    return cell;
  }

  data(): GroupTotalsData {
    return {
      levels: [...this.levels],
      cells: [...this.cells].map(([k, c]) => [k, { keys: c.keys, ...(c.authorityName !== undefined ? { authorityName: c.authorityName } : {}), dutyCents: c.duty.value, feeCents: c.fee.value, lines: c.lines }]),
      values: [...this.values].map(([k, v]) => [k, v.value]),
    };
  }

  /** Adds the totals of other lines (another part of the file). */
  merge(o: GroupTotalsData): void {
    for (const [key, c] of o.cells) {
      const cell = this.cell(key, c.keys, c.authorityName);
      cell.duty.addBig(c.dutyCents);
      cell.fee.addBig(c.feeCents);
      cell.lines += c.lines;
    }
    for (const [key, v] of o.values) {
      let value = this.values.get(key);
      if (!value) this.values.set(key, (value = new CentsSum()));
      value.addBig(v);
    }
  }
}

/** The key of a cell's value among GroupTotalsData.values: its keys without the authority's. */
export function valueKeyOf(levels: readonly GroupLevel[], keys: readonly string[]): string {
  return keys.filter((_, i) => levels[i] !== 'authority').join(SEPARATOR);
}
