/**
 * Compiles a rule set once per run: the timeline is cut into segments wherever any rate, scope or
 * precedence rule changes; each segment gets its measures in stacking order and HTS prefix indexes, so a
 * line costs a date lookup and a few hash probes, never a scan of all measures or lists.
 */
import type { HtsRecord, HtsTable } from '../rules/hts/types.js';
import type { LineItem } from '../model/line-item.js';
import { formatPercent } from '../money/decimal.js';

const NOT_IN_TABLE_LABELS = Object.freeze({ general: 'MFN', preference: 'UST (CUSMA)', table: 'tariff table' });

/** A code the (incomplete) tariff table does not hold: its column 1 rate is the line's mfn_rate, or unknown. */
function recordFromLine(item: LineItem, missing: string): HtsRecord {
  const code8 = item.hts.slice(0, 8);
  if (item.mfnRateNanos !== undefined) {
    const text = `${formatPercent(item.mfnRateNanos)} (the line's mfn_rate; the code is not in the tariff table)`;
    return { code8, description: '', generalText: text, general: item.mfnRateNanos === 0 ? { kind: 'free' } : { kind: 'ad_valorem', rateNanos: item.mfnRateNanos }, specialText: '', units: [], labels: NOT_IN_TABLE_LABELS, notInTable: true };
  }
  return {
    code8, description: '', generalText: '', specialText: '', units: [], labels: NOT_IN_TABLE_LABELS, notInTable: true,
    general: { kind: 'unparsed', reason: `${code8} is not in the tariff table (${missing}); give the line's mfn_rate` },
  };
}
import { PlanCache } from './plan-cache.js';
import { PlanKeys } from './plan-key.js';
import { exclusionTargets } from '../rules/exclusion.js';
import type { Measure, Scope } from '../rules/schedule-schema.js';
import { compileRate, dollarsToCents, type CompiledMeasure } from './compiled-measure.js';
import { addDays, lastAtOrBefore } from '../calendar/dates.js';
import type { Provenance, RuleSet } from './types.js';

export class ScheduleCompileError extends Error {}

export interface Segment {
  /** Its place among the schedule's segments, from 0 (caches keep a segment's state at this index). */
  index: number;
  from: string;
  /** Inclusive last day. */
  to: string;
  /** Active measures in evaluation (stacking) order. */
  measures: CompiledMeasure[];
  /** The entry-level fees among them (MPF), charged when an entry's lines close. */
  entryFees: CompiledMeasure[];
  /** The rules' as-of date, when the segment starts after it: its lines may meet measures the data does not know. */
  afterAsOf?: string;
  /** Measures whose scope is every HTS code. */
  universal: number[];
  include: Map<string, number[]>;
  exclude: Map<string, number[]>;
  /** Prefix lengths present in the indexes, ascending: the probes a line needs. */
  prefixLengths: number[];
  /** HTS code -> candidate measures (orders), filled as lines arrive. */
  candidates: Map<string, readonly CompiledMeasure[]>;
}

const CANDIDATE_CACHE_LIMIT = 100_000;

function scopeItems(scope: Scope, lists: Record<string, string[]>, which: 'include' | 'exclude'): string[] {
  const raw = which === 'include' ? (scope.include === 'all' ? [] : scope.include) : (scope.exclude ?? []);
  const out: string[] = [];
  for (const item of raw) {
    if (item.startsWith('list:')) out.push(...(lists[item.slice(5)] ?? []));
    else out.push(item.replace(/\./g, ''));
  }
  return out;
}

function inRange(date: string, from?: string, to?: string): boolean {
  return (from === undefined || date >= from) && (to === undefined || date <= to);
}

/** Stacking order: prohibitions, then column 1, then the rest in file order, with every excluder before what it excludes. */
function stackingOrder(active: Array<{ m: Measure; fileIndex: number }>, date: string): Array<{ m: Measure; fileIndex: number }> {
  // An import tax (GST) comes after every duty: its base is the value plus them.
  const rank = (m: Measure): number => (m.category === 'prohibition' ? 0 : m.category === 'column1' ? 1 : m.category === 'tax' ? 3 : 2);
  const byId = new Map(active.map((a) => [a.m.id, a]));
  const indegree = new Map<string, number>(active.map((a) => [a.m.id, 0]));
  const edges = new Map<string, string[]>();
  for (const a of active) {
    for (const x of a.m.excludes) {
      if (!inRange(date, x.from, x.to)) continue;
      for (const target of exclusionTargets(x)) {
        if (!byId.has(target)) continue;
        edges.set(a.m.id, [...(edges.get(a.m.id) ?? []), target]);
        indegree.set(target, (indegree.get(target) ?? 0) + 1);
      }
    }
  }
  const key = (a: { m: Measure; fileIndex: number }): number => rank(a.m) * 1e6 + a.fileIndex;
  const ready = active.filter((a) => indegree.get(a.m.id) === 0);
  const out: Array<{ m: Measure; fileIndex: number }> = [];
  while (ready.length > 0) {
    ready.sort((p, q) => key(p) - key(q));
    const next = ready.shift()!;
    out.push(next);
    for (const target of edges.get(next.m.id) ?? []) {
      const d = indegree.get(target)! - 1;
      indegree.set(target, d);
      if (d === 0) ready.push(byId.get(target)!);
    }
  }
  if (out.length < active.length) {
    const stuck = active.filter((a) => !out.includes(a)).map((a) => a.m.id);
    throw new ScheduleCompileError(`measures exclude each other in a cycle on ${date}: ${stuck.join(', ')}; give the exclusions dates so only one direction is in force on any day`);
  }
  return out;
}

export class CompiledSchedule {
  readonly provenance: Provenance;
  private readonly boundaries: string[];
  private readonly segments = new Map<number, Segment>();
  private readonly dateToSegment = new Map<string, Segment>();
  /** The plans of lines alike, for bulk runs (plan-cache: the memoiser around reference.ts). */
  readonly plans: PlanCache;
  /** A small number for each measure id, the same in every segment (see Component.ordinal). */
  private readonly ordinals = new Map<string, number>();

  /**
   * The record of a code the tariff table does not hold, when the schedule says its table is incomplete: the
   * line's own mfn_rate, or no rate (the line is incomplete, column 1 at 0.00); undefined (the line is rejected)
   * when the table is complete.
   */
  notInTable(item: LineItem): HtsRecord | undefined {
    const table = this.rules.schedule.tariff_table;
    if (table?.incomplete === undefined) return undefined;
    return recordFromLine(item, table.incomplete);
  }

  /** Ad valorem rates are charged on the base's cents, not its whole dollars (the schedule's ad_valorem_base). */
  readonly centsBase: boolean;

  constructor(
    readonly rules: RuleSet,
    readonly hts: HtsTable,
    /** The plan keys, shared by the schedules a comparison computes each line under (see compileSchedules). */
    keys: PlanKeys = new PlanKeys(rules.schedule.measures),
  ) {
    const s = rules.schedule;
    this.centsBase = s.ad_valorem_base === 'cents';
    this.provenance = {
      scheduleId: s.id,
      scheduleVersion: s.version,
      scenario: rules.scenario,
      asOf: s.as_of,
      rulesSha256: rules.contentSha256,
      htsRevision: hts.meta.revision,
      htsSha256: hts.contentSha256,
      unknowns: s.unknowns,
      ...(s.currency !== undefined && s.currency !== 'USD' ? { currency: s.currency } : {}),
    };
    const cuts = new Set<string>([s.coverage.from, addDays(s.coverage.to, 1)]);
    for (const m of s.measures) {
      for (const p of m.periods) {
        cuts.add(p.from);
        if (p.to) cuts.add(addDays(p.to, 1));
      }
      for (const x of m.excludes) {
        if (x.from) cuts.add(x.from);
        if (x.to) cuts.add(addDays(x.to, 1));
      }
    }
    // The day after the data was last known current starts a segment of its own: its lines are warned.
    if (s.as_of >= s.coverage.from && s.as_of < s.coverage.to) cuts.add(addDays(s.as_of, 1));
    this.boundaries = [...cuts].sort();
    this.plans = new PlanCache(this, keys);
  }

  /** Origins the schedule answers for. */
  get origins(): ReadonlySet<string> {
    return (this.originSet ??= new Set(this.rules.schedule.origins));
  }

  private originSet: Set<string> | undefined;

  get coverage(): { from: string; to: string } {
    return this.rules.schedule.coverage;
  }

  /** Every segment start (for checks that must hold on every day, e.g. no exclusion cycles). */
  segmentStarts(): readonly string[] {
    return this.boundaries;
  }

  /** The segment in force on an entry date; undefined outside the schedule's coverage. */
  segmentFor(date: string): Segment | undefined {
    // The lines of an entry share a date.
    if (date === this.lastDate) return this.lastSegment;
    const seg = this.findSegment(date);
    this.lastDate = date;
    this.lastSegment = seg;
    return seg;
  }

  private lastDate: string | undefined;
  private lastSegment: Segment | undefined;

  private findSegment(date: string): Segment | undefined {
    const cached = this.dateToSegment.get(date);
    if (cached) return cached;
    const { from, to } = this.rules.schedule.coverage;
    if (date < from || date > to) return undefined;
    const i = lastAtOrBefore(this.boundaries, date);
    let seg = this.segments.get(i);
    if (!seg) {
      seg = this.buildSegment(i, this.boundaries[i]!, addDays(this.boundaries[i + 1]!, -1));
      this.segments.set(i, seg);
    }
    this.dateToSegment.set(date, seg);
    return seg;
  }

  private buildSegment(index: number, from: string, to: string): Segment {
    const s = this.rules.schedule;
    const active: Array<{ m: Measure; fileIndex: number }> = [];
    s.measures.forEach((m, fileIndex) => {
      if (m.periods.some((p) => inRange(from, p.from, p.to))) active.push({ m, fileIndex });
    });
    const ordered = stackingOrder(active, from);
    const orderOf = new Map(ordered.map((a, i) => [a.m.id, i]));
    const measures: CompiledMeasure[] = ordered.map(({ m }, stackIndex) => {
      const period = m.periods.find((p) => inRange(from, p.from, p.to))!;
      const { rate, text } = compileRate(period);
      const authority = s.authorities[m.authority]!;
      return {
        stackIndex,
        ordinal: this.measureOrdinal(m.id),
        measure: m,
        period,
        id: m.id,
        title: m.title,
        category: m.category,
        level: m.level,
        heading: period.heading ?? m.heading,
        authority: m.authority,
        authorityName: authority.name,
        rate,
        rateText: text,
        minimumCents: dollarsToCents(period.minimum),
        maximumCents: dollarsToCents(period.maximum),
        origins: new Set(m.origins ?? s.origins),
        when: m.when,
        scope: period.scope ?? m.scope,
        excludes: m.excludes
          .filter((x) => inRange(from, x.from, x.to))
          .flatMap((x) => exclusionTargets(x).filter((t) => orderOf.has(t)).map((t) => ({ target: orderOf.get(t)!, portion: x.portion, reason: x.reason }))),
        verified: m.verified && period.verified !== false,
        unverifiedNote: period.unverified_note ?? m.unverified_note,
      };
    });
    const universal: number[] = [];
    const include = new Map<string, number[]>();
    const exclude = new Map<string, number[]>();
    const add = (map: Map<string, number[]>, prefix: string, order: number): void => {
      const list = map.get(prefix);
      if (!list) map.set(prefix, [order]);
      else if (list[list.length - 1] !== order) list.push(order);
    };
    for (const cm of measures) {
      if (cm.scope.include === 'all') universal.push(cm.stackIndex);
      else for (const p of scopeItems(cm.scope, this.rules.lists, 'include')) add(include, p, cm.stackIndex);
      for (const p of scopeItems(cm.scope, this.rules.lists, 'exclude')) add(exclude, p, cm.stackIndex);
    }
    const prefixLengths = [...new Set([...include.keys(), ...exclude.keys()].map((k) => k.length))].sort((a, b) => a - b);
    const entryFees = measures.filter((cm) => cm.level === 'entry' && cm.rate.kind === 'percent');
    return { index, from, to, ...(from > s.as_of ? { afterAsOf: s.as_of } : {}), measures, entryFees, universal, include, exclude, prefixLengths, candidates: new Map() };
  }

  private measureOrdinal(id: string): number {
    let n = this.ordinals.get(id);
    if (n === undefined) this.ordinals.set(id, (n = this.ordinals.size));
    return n;
  }

  /** Measures whose scope reaches an HTS code (digits only), in stacking order. */
  candidatesFor(seg: Segment, hts: string): readonly CompiledMeasure[] {
    const cached = seg.candidates.get(hts);
    if (cached) return cached;
    const hit = new Set<number>(seg.universal);
    const miss = new Set<number>();
    for (const len of seg.prefixLengths) {
      if (len > hts.length) break;
      const prefix = hts.slice(0, len);
      for (const o of seg.include.get(prefix) ?? []) hit.add(o);
      for (const o of seg.exclude.get(prefix) ?? []) miss.add(o);
    }
    const result = [...hit].filter((o) => !miss.has(o)).sort((a, b) => a - b).map((o) => seg.measures[o]!);
    if (seg.candidates.size >= CANDIDATE_CACHE_LIMIT) seg.candidates.clear();
    seg.candidates.set(hts, result);
    return result;
  }
}

export function compileSchedule(rules: RuleSet, hts: HtsTable): CompiledSchedule {
  return new CompiledSchedule(rules, hts);
}

/**
 * The schedules a comparison computes every line under. They share one set of plan keys, made from all their
 * measures, so a line's key is worked out once, not once per schedule: a key that tells apart what any of them
 * conditions on tells apart what each does.
 */
export function compileSchedules(ruleSets: readonly RuleSet[], hts: HtsTable): CompiledSchedule[] {
  const keys = new PlanKeys(ruleSets.flatMap((r) => r.schedule.measures));
  return ruleSets.map((r) => new CompiledSchedule(r, hts, keys));
}
