/**
 * Running totals of a run, in bigint cents so no file is too large. Every total is a sum of the printed
 * line components, never recomputed from rates.
 */
import type { Category, Component, EntryResult } from './types.js';

export interface AuthorityTotal {
  authority: string;
  authorityName: string;
  amountCents: bigint;
  lines: number;
}

export interface HeadingTotal {
  measure: string;
  title: string;
  heading: string | null;
  authority: string;
  category: Category;
  amountCents: bigint;
  lines: number;
}

function mergeCounted<T extends { amountCents: bigint; lines: number }>(into: Map<string, T>, from: ReadonlyMap<string, T>): void {
  for (const [key, t] of from) {
    const a = into.get(key);
    if (a) {
      a.amountCents += t.amountCents;
      a.lines += t.lines;
    } else into.set(key, { ...t });
  }
}

/** The totals as plain data, as they cross to another thread. */
export interface RunTotalsData {
  linesComputed: number;
  linesProhibited: number;
  linesRejected: number;
  linesIncomplete: number;
  linesWithWarnings: number;
  linesUnverified: number;
  entries: number;
  valueCents: bigint;
  dutyCents: bigint;
  feeCents: bigint;
  brokerageCents: bigint;
  landedCostCents: bigint;
  byAuthority: ReadonlyMap<string, AuthorityTotal>;
  byMeasure: ReadonlyMap<string, HeadingTotal>;
  byCategory: ReadonlyMap<Category, bigint>;
}

export class RunTotals implements RunTotalsData {
  linesComputed = 0;
  linesProhibited = 0;
  linesRejected = 0;
  linesIncomplete = 0;
  linesWithWarnings = 0;
  linesUnverified = 0;
  entries = 0;
  valueCents = 0n;
  dutyCents = 0n;
  feeCents = 0n;
  brokerageCents = 0n;
  landedCostCents = 0n;
  readonly byAuthority = new Map<string, AuthorityTotal>();
  readonly byMeasure = new Map<string, HeadingTotal>();
  readonly byCategory = new Map<Category, bigint>();

  get linesRead(): number {
    return this.linesComputed + this.linesProhibited + this.linesRejected;
  }

  get totalCents(): bigint {
    return this.dutyCents + this.feeCents;
  }

  private addComponent(c: Component): void {
    const amount = BigInt(c.amountCents);
    const a = this.byAuthority.get(c.authority);
    if (a) {
      a.amountCents += amount;
      a.lines += 1;
    } else this.byAuthority.set(c.authority, { authority: c.authority, authorityName: c.authorityName, amountCents: amount, lines: 1 });
    const m = this.byMeasure.get(c.measure);
    if (m) {
      m.amountCents += amount;
      m.lines += 1;
    } else this.byMeasure.set(c.measure, { measure: c.measure, title: c.title, heading: c.heading, authority: c.authority, category: c.category, amountCents: amount, lines: 1 });
    this.byCategory.set(c.category, (this.byCategory.get(c.category) ?? 0n) + amount);
  }

  addEntry(e: EntryResult): void {
    this.entries += 1;
    this.brokerageCents += e.brokerageCents;
    this.landedCostCents += e.landedCostCents;
    for (const l of e.lines) {
      if (l.status === 'prohibited') {
        this.linesProhibited += 1;
        continue;
      }
      this.linesComputed += 1;
      if (l.incomplete) this.linesIncomplete += 1;
      if (l.warnings.length > 0) this.linesWithWarnings += 1;
      if (l.components.some((c) => !c.verified)) this.linesUnverified += 1;
      this.valueCents += BigInt(l.item.valueCents);
      this.dutyCents += BigInt(l.dutyCents);
      this.feeCents += BigInt(l.feeCents);
      for (const c of l.components) this.addComponent(c);
      for (const c of l.feeShares) this.addComponent(c);
    }
  }

  /** Adds totals of later lines (kept apart, e.g. by a worker thread); keys keep the order first seen. */
  merge(o: RunTotalsData): void {
    this.linesComputed += o.linesComputed;
    this.linesProhibited += o.linesProhibited;
    this.linesRejected += o.linesRejected;
    this.linesIncomplete += o.linesIncomplete;
    this.linesWithWarnings += o.linesWithWarnings;
    this.linesUnverified += o.linesUnverified;
    this.entries += o.entries;
    this.valueCents += o.valueCents;
    this.dutyCents += o.dutyCents;
    this.feeCents += o.feeCents;
    this.brokerageCents += o.brokerageCents;
    this.landedCostCents += o.landedCostCents;
    mergeCounted(this.byAuthority, o.byAuthority);
    mergeCounted(this.byMeasure, o.byMeasure);
    for (const [k, v] of o.byCategory) this.byCategory.set(k, (this.byCategory.get(k) ?? 0n) + v);
  }
}
