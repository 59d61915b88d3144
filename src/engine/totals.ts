/**
 * Running totals of a run, in bigint cents so no file is too large. Every total is a sum of the printed
 * line components, never recomputed from rates.
 */
import { CentsSum } from '../money/cents-sum.js';
import type { Category, Component, EntryResult } from './types.js';
import { GroupTotals, type GroupLevel, type GroupTotalsData } from './group-totals.js';

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

/** The totals as plain data, as they cross to another thread. */
export interface RunTotalsData {
  linesComputed: number;
  linesProhibited: number;
  linesRejected: number;
  linesOutside: number;
  linesIncomplete: number;
  linesAssumed: number;
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
  /** Invoice currency -> USD per unit it was converted at ("1" for USD), in the order first met. */
  currencies: ReadonlyMap<string, string>;
  /** By group, when the run was asked for groups (--by). */
  groups?: GroupTotalsData;
}

/** What a component adds to: its authority, its measure and its category (found once per measure). */
interface MeasureSlot {
  authority: { total: AuthorityTotal; sum: CentsSum };
  measure: { total: HeadingTotal; sum: CentsSum };
  category: CentsSum;
}

/**
 * Sums of a run. Line amounts are added as numbers (CentsSum carries them into bigint before they could
 * lose a cent), and each component finds its authority, measure and category through one lookup: a bigint
 * operation and three map lookups per component cost more than computing the line.
 */
export class RunTotals {
  linesComputed = 0;
  linesProhibited = 0;
  linesRejected = 0;
  /** Lines of an origin the schedule does not encode (not importable under these rules; not errors). */
  linesOutside = 0;
  linesIncomplete = 0;
  linesAssumed = 0;
  linesWithWarnings = 0;
  linesUnverified = 0;
  entries = 0;
  private readonly value = new CentsSum();
  private readonly duty = new CentsSum();
  private readonly fee = new CentsSum();
  private brokerage = 0n;
  private landedCost = 0n;
  private readonly slots = new Map<string, MeasureSlot>();
  /**
   * Slots by the components' measure ordinal: no lookup by name per component. (A map from plans held per part
   * of a file kept every line's young objects alive.) A slot is checked against the measure id, which another
   * schedule may number apart.
   */
  private readonly byOrdinal: Array<MeasureSlot | undefined> = [];
  private readonly authorities = new Map<string, { total: AuthorityTotal; sum: CentsSum }>();
  private readonly measures = new Map<string, { total: HeadingTotal; sum: CentsSum }>();
  private readonly categories = new Map<Category, CentsSum>();
  private readonly currencyRates = new Map<string, string>();
  /** The currency of the line before: lines of a file mostly share one, so the map is seldom read. */
  private lastCurrency = '';
  /** Sums by group, only when asked for (--by): nothing is added per line otherwise. */
  readonly groups: GroupTotals | undefined;

  constructor(groupBy?: readonly GroupLevel[]) {
    this.groups = groupBy && groupBy.length > 0 ? new GroupTotals(groupBy) : undefined;
  }

  get linesRead(): number {
    return this.linesComputed + this.linesProhibited + this.linesOutside + this.linesRejected;
  }

  /** The rows held with an entry group (see EntryResult.rejectedAmong): counted, their lines already are. */
  addHeldRejections(e: { rejectedAmong?: ReadonlyArray<{ rejection: { outside?: true } }> }): void {
    if (e.rejectedAmong) for (const h of e.rejectedAmong) this.addRejection(h.rejection);
  }

  /** A row not computed: rejected, or outside these rules (see Rejection.outside). */
  addRejection(r: { outside?: true }): void {
    if (r.outside) this.linesOutside += 1;
    else this.linesRejected += 1;
  }

  get valueCents(): bigint {
    return this.value.value;
  }

  get dutyCents(): bigint {
    return this.duty.value;
  }

  get feeCents(): bigint {
    return this.fee.value;
  }

  get totalCents(): bigint {
    return this.dutyCents + this.feeCents;
  }

  get brokerageCents(): bigint {
    return this.brokerage;
  }

  get landedCostCents(): bigint {
    return this.landedCost;
  }

  /** By authority, in the order first charged. */
  get byAuthority(): ReadonlyMap<string, AuthorityTotal> {
    return new Map([...this.authorities].map(([k, a]) => [k, { ...a.total, amountCents: a.total.amountCents + a.sum.value }]));
  }

  /** By measure (heading), in the order first charged. */
  get byMeasure(): ReadonlyMap<string, HeadingTotal> {
    return new Map([...this.measures].map(([k, m]) => [k, { ...m.total, amountCents: m.total.amountCents + m.sum.value }]));
  }

  /** Invoice currency -> USD per unit ("1" for USD), of the lines computed or not importable. */
  get currencies(): ReadonlyMap<string, string> {
    return this.currencyRates;
  }

  get byCategory(): ReadonlyMap<Category, bigint> {
    return new Map([...this.categories].map(([k, c]) => [k, c.value]));
  }

  private slot(c: Component): MeasureSlot {
    let s = this.slots.get(c.measure);
    if (s === undefined) {
      let authority = this.authorities.get(c.authority);
      if (!authority) this.authorities.set(c.authority, (authority = { total: { authority: c.authority, authorityName: c.authorityName, amountCents: 0n, lines: 0 }, sum: new CentsSum() }));
      let measure = this.measures.get(c.measure);
      if (!measure) this.measures.set(c.measure, (measure = { total: { measure: c.measure, title: c.title, heading: c.heading, authority: c.authority, category: c.category, amountCents: 0n, lines: 0 }, sum: new CentsSum() }));
      let category = this.categories.get(c.category);
      if (!category) this.categories.set(c.category, (category = new CentsSum()));
      s = { authority, measure, category };
      this.slots.set(c.measure, s);
    }
    return s;
  }

  private addTo(s: MeasureSlot, cents: number): void {
    s.authority.sum.add(cents);
    s.authority.total.lines += 1;
    s.measure.sum.add(cents);
    s.measure.total.lines += 1;
    s.category.add(cents);
  }

  private addComponent(c: Component): void {
    this.addTo(this.slot(c), c.amountCents);
  }

  addEntry(e: EntryResult): void {
    if (!e.continued) this.entries += 1;
    this.brokerage += e.brokerageCents;
    this.landedCost += e.landedCostCents;
    for (const l of e.lines) {
      const currency = l.item.invoiceValue.currency;
      if (currency !== this.lastCurrency) {
        this.lastCurrency = currency;
        if (!this.currencyRates.has(currency)) this.currencyRates.set(currency, l.item.fxRate ?? '1');
      }
      if (l.status === 'prohibited') {
        this.linesProhibited += 1;
        continue;
      }
      this.linesComputed += 1;
      if (l.incomplete) this.linesIncomplete += 1;
      if (l.assumed) this.linesAssumed += 1;
      if (l.warnings.length > 0) this.linesWithWarnings += 1;
      let unverified = false;
      const components = l.components;
      for (let i = 0; i < components.length; i++) {
        const c = components[i]!;
        unverified ||= !c.verified;
        let s = this.byOrdinal[c.ordinal];
        if (s === undefined || s.measure.total.measure !== c.measure) {
          s = this.slot(c);
          this.byOrdinal[c.ordinal] = s;
        }
        this.addTo(s, c.amountCents);
      }
      if (unverified) this.linesUnverified += 1;
      this.value.add(l.item.valueCents);
      this.duty.add(l.dutyCents);
      this.fee.add(l.feeCents);
      for (const c of l.feeShares) this.addComponent(c);
      this.groups?.addLine(l, e.entry);
    }
  }

  /** The totals as plain data, to send to another thread. */
  data(): RunTotalsData {
    return {
      linesComputed: this.linesComputed, linesProhibited: this.linesProhibited, linesRejected: this.linesRejected, linesOutside: this.linesOutside, linesIncomplete: this.linesIncomplete,
      linesAssumed: this.linesAssumed, linesWithWarnings: this.linesWithWarnings, linesUnverified: this.linesUnverified, entries: this.entries,
      valueCents: this.valueCents, dutyCents: this.dutyCents, feeCents: this.feeCents, brokerageCents: this.brokerage, landedCostCents: this.landedCost,
      byAuthority: this.byAuthority, byMeasure: this.byMeasure, byCategory: this.byCategory, currencies: new Map(this.currencyRates),
      ...(this.groups ? { groups: this.groups.data() } : {}),
    };
  }

  /** Adds totals of later lines (kept apart, e.g. by a worker thread); keys keep the order first seen. */
  merge(o: RunTotalsData): void {
    this.linesComputed += o.linesComputed;
    this.linesProhibited += o.linesProhibited;
    this.linesRejected += o.linesRejected;
    this.linesOutside += o.linesOutside;
    this.linesIncomplete += o.linesIncomplete;
    this.linesAssumed += o.linesAssumed;
    this.linesWithWarnings += o.linesWithWarnings;
    this.linesUnverified += o.linesUnverified;
    this.entries += o.entries;
    this.value.addBig(o.valueCents);
    this.duty.addBig(o.dutyCents);
    this.fee.addBig(o.feeCents);
    this.brokerage += o.brokerageCents;
    this.landedCost += o.landedCostCents;
    mergeTallies(this.authorities, o.byAuthority);
    mergeTallies(this.measures, o.byMeasure);
    for (const [currency, rate] of o.currencies) if (!this.currencyRates.has(currency)) this.currencyRates.set(currency, rate);
    if (o.groups) this.groups?.merge(o.groups);
    for (const [k, v] of o.byCategory) {
      let c = this.categories.get(k);
      if (!c) this.categories.set(k, (c = new CentsSum()));
      c.addBig(v);
    }
  }
}

/** Adds another run's amounts and line counts, by key, to these. */
function mergeTallies<T extends { amountCents: bigint; lines: number }>(into: Map<string, { total: T; sum: CentsSum }>, from: ReadonlyMap<string, T>): void {
  for (const [key, t] of from) {
    const known = into.get(key);
    if (known) {
      known.total.amountCents += t.amountCents;
      known.total.lines += t.lines;
    } else into.set(key, { total: { ...t }, sum: new CentsSum() });
  }
}
