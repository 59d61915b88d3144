/**
 * Checks a schedule beyond its shape: references resolve, periods do not overlap, rates fit the category.
 */
import type { RuleError } from './rule-error.js';
import { exclusionTargets } from './exclusion.js';
import type { Measure, Schedule, Scope } from './schedule-schema.js';
import type { Locate } from './yaml-source.js';

function listRefs(scope: Scope | undefined): string[] {
  if (!scope) return [];
  const items = [...(scope.include === 'all' ? [] : scope.include), ...(scope.exclude ?? [])];
  return items.filter((s) => s.startsWith('list:')).map((s) => s.slice(5));
}

function checkPeriods(at: Locate, m: Measure, mPath: PropertyKey[], out: RuleError[]): void {
  let previousTo: string | undefined;
  let previousOpen = false;
  m.periods.forEach((p, pi) => {
    const pPath = [...mPath, 'periods', pi];
    if (p.to !== undefined && p.to < p.from) out.push(at([...pPath, 'to'], `period ends (${p.to}) before it starts (${p.from})`));
    if (pi > 0) {
      if (previousOpen) out.push(at([...pPath, 'from'], `periods overlap: the previous period has no end date, so it is still in force on ${p.from}`));
      else if (previousTo !== undefined && p.from <= previousTo)
        out.push(at([...pPath, 'from'], `periods overlap: this period starts ${p.from} but the previous one runs to ${previousTo}`));
    }
    previousTo = p.to;
    previousOpen = p.to === undefined;

    const needsRate = m.category !== 'prohibition' && m.category !== 'coverage_gap';
    if (needsRate && p.rate === undefined) out.push(at(pPath, `a ${m.category} measure needs a rate in every period`));
    if (!needsRate && p.rate !== undefined)
      out.push(at([...pPath, 'rate'], m.category === 'prohibition' ? 'a prohibition has no rate: the goods may not be entered' : 'a coverage gap has no rate: it says what the data does not charge'));
    if (m.order !== undefined && typeof p.rate !== 'string')
      out.push(at([...pPath, 'rate'], `the ${m.order.case} order's rate for ${m.order.rate_for} is a percentage such as "20.56%"`));
    if (p.rate !== undefined && typeof p.rate === 'object' && 'column1' in p.rate && m.category !== 'column1')
      out.push(at([...pPath, 'rate'], 'only a column1 measure takes the column 1 rate'));
    if (m.category === 'column1' && (typeof p.rate !== 'object' || !('column1' in p.rate)))
      out.push(at([...pPath, 'rate'], 'a column1 measure must use rate: { column1: true }'));
    if (m.level === 'entry' && typeof p.rate !== 'string') out.push(at([...pPath, 'rate'], 'an entry-level fee takes a percentage rate'));
    if ((p.minimum !== undefined || p.maximum !== undefined) && m.level !== 'entry')
      out.push(at(pPath, 'minimum and maximum apply only to entry-level fees'));
    if (p.minimum !== undefined && p.maximum !== undefined && Number(p.minimum) > Number(p.maximum))
      out.push(at([...pPath, 'minimum'], `minimum ${p.minimum} is more than maximum ${p.maximum}`));
    if (p.verified === false && !p.unverified_note)
      out.push(at(pPath, 'an unverified period must say what is unverified (unverified_note)', { severity: 'warning' }));
  });
}

export function checkSchedule(at: Locate, schedule: Schedule): RuleError[] {
  const out: RuleError[] = [];
  const ids = new Map<string, number>();
  schedule.measures.forEach((m, i) => {
    if (ids.has(m.id)) out.push(at(['measures', i, 'id'], `duplicate measure id "${m.id}" (first at measures[${ids.get(m.id)}])`));
    else ids.set(m.id, i);
  });

  schedule.measures.forEach((m, i) => {
    const mPath: PropertyKey[] = ['measures', i];
    if (m.order !== undefined && m.category !== 'trade_remedy') out.push(at([...mPath, 'order'], `an order (${m.order.case}) belongs to a trade_remedy measure, not ${m.category}`));
    if (m.category === 'coverage_gap' && !m.note) out.push(at([...mPath, 'category'], 'a coverage gap must say in note what the data does not charge, for the lines it reaches'));
    if (!schedule.authorities[m.authority])
      out.push(at([...mPath, 'authority'], `unknown authority "${m.authority}"; known: ${Object.keys(schedule.authorities).join(', ')}`));
    m.sources.forEach((s, si) => {
      if (!schedule.sources[s]) out.push(at([...mPath, 'sources', si], `unknown source "${s}"`));
    });
    const scopes: Array<[Scope | undefined, PropertyKey[]]> = [[m.scope, [...mPath, 'scope']], ...m.periods.map((p, pi): [Scope | undefined, PropertyKey[]] => [p.scope, [...mPath, 'periods', pi, 'scope']])];
    for (const [scope, path] of scopes) {
      for (const name of listRefs(scope)) {
        if (!schedule.lists[name]) out.push(at(path, `unknown list "${name}"; declare it under lists:`));
      }
    }
    m.excludes.forEach((x, xi) => {
      const xPath = [...mPath, 'excludes', xi];
      exclusionTargets(x).forEach((target, ti) => {
        const tPath = typeof x.measure === 'string' ? [...xPath, 'measure'] : [...xPath, 'measure', ti];
        if (!ids.has(target)) out.push(at(tPath, `excludes unknown measure "${target}"`));
        if (target === m.id) out.push(at(tPath, 'a measure cannot exclude itself'));
      });
      if (x.from && x.to && x.to < x.from) out.push(at([...xPath, 'to'], `ends (${x.to}) before it starts (${x.from})`));
    });
    m.cumulative_with.forEach((c, ci) => {
      const targets = typeof c.measure === 'string' ? [c.measure] : c.measure;
      for (const target of targets) if (!ids.has(target)) out.push(at([...mPath, 'cumulative_with', ci, 'measure'], `names unknown measure "${target}"`));
    });
    if (m.verified === false && !m.unverified_note)
      out.push(at(mPath, 'an unverified measure must say what is unverified (unverified_note)', { severity: 'warning' }));
    if (m.category === 'fee' && m.heading !== null && m.level === 'entry' && m.excludes.length > 0)
      out.push(at([...mPath, 'excludes'], 'an entry-level fee cannot exclude line measures'));
    checkPeriods(at, m, mPath, out);
  });

  for (const [name, list] of Object.entries(schedule.lists)) {
    list.sources.forEach((s, si) => {
      if (!schedule.sources[s]) out.push(at(['lists', name, 'sources', si], `unknown source "${s}"`));
    });
  }
  if (schedule.coverage.to < schedule.coverage.from) out.push(at(['coverage', 'to'], 'coverage ends before it starts'));
  return out;
}
