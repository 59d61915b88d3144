/**
 * What changed between two versions of a schedule, compared as loaded and validated data (not YAML text):
 * a measure moved to another part file, a reordered key or a new comment is no change; a period, rate,
 * base, condition, exclusion, heading, citation or source is. Measures are matched by id, lists by name.
 */
import type { Measure, Schedule } from './schedule-schema.js';

/** One difference at a path inside a value: `before` absent means added, `after` absent means removed. */
export interface ValueChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface MeasureChange {
  id: string;
  title: string;
  changes: ValueChange[];
}

export interface ListChange {
  name: string;
  /** The list is new in NEW, or gone from it. */
  status: 'added' | 'removed' | 'changed';
  added: string[];
  removed: string[];
}

export interface ScheduleSide {
  schedule: Schedule;
  lists: Record<string, string[]>;
}

export interface ScheduleDiff {
  /** Top-level schedule fields (version, as_of, coverage, unknowns, authorities, sources, list references). */
  schedule: ValueChange[];
  measures: { added: Measure[]; removed: Measure[]; changed: MeasureChange[] };
  lists: ListChange[];
}

/** Fields that are not rules: where measures are written (part files) and the measures themselves, compared one by one. */
const NOT_COMPARED_AS_FIELDS = new Set(['parts', 'measures']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** Keys sorted, so key order in the file is no change. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (isPlainObject(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])]));
  return v;
}

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/**
 * Leaf-level differences. Arrays of plain values (sources, scope codes, origins) are one value: a reader
 * wants the new list beside the old; arrays of objects (periods, conditions, exclusions) are compared
 * item by item, so a changed rate names its period.
 */
export function diffValues(before: unknown, after: unknown, path = ''): ValueChange[] {
  if (same(before, after)) return [];
  if (before === undefined) return [{ path, after }];
  if (after === undefined) return [{ path, before }];
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffValues(before[k], after[k], childPath(path, k)));
  }
  if (Array.isArray(before) && Array.isArray(after) && [...before, ...after].some((x) => isPlainObject(x) || Array.isArray(x))) {
    const n = Math.max(before.length, after.length);
    return Array.from({ length: n }, (_, i) => diffValues(before[i], after[i], childPath(path, i))).flat();
  }
  return [{ path, before, after }];
}

function listChange(name: string, before: string[] | undefined, after: string[] | undefined): ListChange | undefined {
  const old = new Set(before ?? []);
  const now = new Set(after ?? []);
  const added = [...now].filter((c) => !old.has(c)).sort();
  const removed = [...old].filter((c) => !now.has(c)).sort();
  const status = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
  if (status === 'changed' && added.length === 0 && removed.length === 0) return undefined;
  return { name, status, added, removed };
}

export function diffSchedules(before: ScheduleSide, after: ScheduleSide): ScheduleDiff {
  const fields = (s: Schedule): Record<string, unknown> => Object.fromEntries(Object.entries(s).filter(([k]) => !NOT_COMPARED_AS_FIELDS.has(k)));
  const schedule = diffValues(fields(before.schedule), fields(after.schedule));
  const oldById = new Map(before.schedule.measures.map((m) => [m.id, m]));
  const newById = new Map(after.schedule.measures.map((m) => [m.id, m]));
  const added = after.schedule.measures.filter((m) => !oldById.has(m.id));
  const removed = before.schedule.measures.filter((m) => !newById.has(m.id));
  const changed: MeasureChange[] = [];
  for (const m of after.schedule.measures) {
    const old = oldById.get(m.id);
    if (!old) continue;
    const changes = diffValues(old, m);
    if (changes.length > 0) changed.push({ id: m.id, title: m.title, changes });
  }
  const names = [...new Set([...Object.keys(before.lists), ...Object.keys(after.lists)])].sort();
  const lists = names.map((n) => listChange(n, before.lists[n], after.lists[n])).filter((c): c is ListChange => c !== undefined);
  return { schedule, measures: { added, removed, changed }, lists };
}

export function isEmptyDiff(d: ScheduleDiff): boolean {
  return d.schedule.length === 0 && d.measures.added.length === 0 && d.measures.removed.length === 0 && d.measures.changed.length === 0 && d.lists.length === 0;
}
