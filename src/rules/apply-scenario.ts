/**
 * Applies a scenario's changes to a schedule, returning a new schedule (the base is not touched). Removing
 * a measure also drops every exclusion that named it, so stacking is recomputed without it: e.g. without
 * Section 232, Canadian steel entered in July 2025 pays IEEPA Canada again.
 */
import { addDays } from '../calendar/dates.js';
import { exclusionTargets } from './exclusion.js';
import type { Measure, Period, Schedule } from './schedule-schema.js';
import type { ScenarioChange } from './scenario-schema.js';

const dayBefore = (date: string): string => addDays(date, -1);
const dayAfter = (date: string): string => addDays(date, 1);

/** Periods with [from, to] cut out, then a new period for it: the measure's other dates keep their rates. */
function setRate(m: Measure, rate: Period['rate'], from: string, to: string | undefined): Measure {
  const kept: Period[] = [];
  for (const p of m.periods) {
    const pTo = p.to;
    const overlaps = (to === undefined || p.from <= to) && (pTo === undefined || pTo >= from);
    if (!overlaps) {
      kept.push(p);
      continue;
    }
    if (p.from < from) kept.push({ ...p, to: dayBefore(from) });
    if (to !== undefined && (pTo === undefined || pTo > to)) kept.push({ ...p, from: dayAfter(to) });
  }
  const template = m.periods.find((p) => (to === undefined || p.from <= to) && (p.to === undefined || p.to >= from)) ?? m.periods[0]!;
  const added: Period = { ...template, from, rate, note: `scenario rate from ${from}${to ? ` to ${to}` : ''}` };
  if (to === undefined) delete added.to;
  else added.to = to;
  return { ...m, periods: [...kept, added].sort((a, b) => (a.from < b.from ? -1 : 1)) };
}

function endOn(m: Measure, on: string): Measure {
  const periods = m.periods.filter((p) => p.from <= on).map((p) => (p.to === undefined || p.to > on ? { ...p, to: on } : p));
  return { ...m, periods };
}

export interface AppliedScenario {
  schedule: Schedule;
  usmcaEnded: boolean;
}

export function applyScenario(base: Schedule, changes: readonly ScenarioChange[]): AppliedScenario {
  let measures = base.measures.map((m) => ({ ...m }));
  let usmcaEnded = false;
  for (const change of changes) {
    if ('remove' in change) {
      const r = change.remove;
      const gone = new Set(
        measures
          .filter((m) => r.measures?.includes(m.id) || r.authorities?.includes(m.authority) || r.categories?.includes(m.category))
          .map((m) => m.id),
      );
      measures = measures
        .filter((m) => !gone.has(m.id))
        .map((m) => ({
          ...m,
          excludes: m.excludes
            .map((x) => ({ ...x, measure: exclusionTargets(x).filter((t) => !gone.has(t)) }))
            .filter((x) => x.measure.length > 0),
          cumulative_with: m.cumulative_with
            .map((c) => ({ ...c, measure: (typeof c.measure === 'string' ? [c.measure] : c.measure).filter((t) => !gone.has(t)) }))
            .filter((c) => c.measure.length > 0),
        }));
    } else if ('set_rate' in change) {
      const s = change.set_rate;
      measures = measures.map((m) => (m.id === s.measure ? setRate(m, s.rate, s.from, s.to) : m));
    } else if ('end' in change) {
      const e = change.end;
      measures = measures.map((m) => (m.id === e.measure ? endOn(m, e.on) : m)).filter((m) => m.periods.length > 0);
    } else if ('add' in change) {
      measures.push(change.add);
    } else {
      usmcaEnded = true;
    }
  }
  return { schedule: { ...base, measures }, usmcaEnded };
}
