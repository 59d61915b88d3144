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

export class RunTotals {
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
}
