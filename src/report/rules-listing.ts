/**
 * `rules list` and `rules validate` output: what a schedule holds, what is in force on a date, and what
 * is wrong with a rule file, with its place.
 */
import chalk from 'chalk';
import Table from 'cli-table3';
import type { Measure, Period, Schedule } from '../rules/schedule-schema.js';
import { daysBetween } from '../calendar/dates.js';
import { shown, terminalSafe } from './terminal-text.js';

function rateText(p: Period, m: Measure, column1 = 'HTS column 1'): string {
  const r = p.rate;
  if (r === undefined) return m.category === 'coverage_gap' ? 'not charged: lines are lower bounds' : 'prohibited';
  if (typeof r === 'string') return m.order ? `${r} (${m.order.case}, ${m.order.rate_for}; lines without adcvd_rate)` : r;
  if ('column1' in r) return column1;
  if ('floor_including_column1' in r) return `${r.floor_including_column1} all-in floor`;
  return "line's adcvd_rate";
}

function periodInForce(m: Measure, date: string): Period | undefined {
  return m.periods.find((p) => p.from <= date && (p.to === undefined || date <= p.to));
}

/** How old the data is on `today` (the user's local date, given by the CLI: the clock is not read here). */
export function dataAge(asOf: string, today: string): string {
  const days = daysBetween(asOf, today);
  if (days < 0) return `the as-of date is ${-days} day(s) after today (${today})`;
  if (days === 0) return `checked against its sources today (${today})`;
  return `${days} day${days === 1 ? '' : 's'} old on ${today}: measures published since ${asOf} are not known to it, and lines entered after ${asOf} are marked assumed`;
}

export function renderRulesList(schedule: Schedule, date: string | undefined, today: string): string {
  const table = new Table({
    head: ['Measure', 'Heading', 'Authority', 'Category', date ? `Rate on ${date}` : 'Rates (from → to)', 'Instrument'],
    wordWrap: true,
    colWidths: [30, 13, 14, 15, 34, 34],
    style: { head: [], border: [] },
  });
  let listed = 0;
  const column1 = schedule.tariff_table ? 'column 1 of the tariff table (MFN, or UST with CUSMA)' : 'HTS column 1';
  for (const m of schedule.measures) {
    let rates: string;
    let heading = m.heading ?? '';
    if (date) {
      const p = periodInForce(m, date);
      if (!p) continue;
      rates = rateText(p, m, column1);
      heading = p.heading ?? heading;
    } else {
      rates = m.periods.map((p) => `${rateText(p, m, column1)} ${p.from} → ${p.to ?? 'open'}`).join('\n');
    }
    const flag = m.verified && m.periods.every((p) => p.verified !== false) ? '' : chalk.yellow(' UNVERIFIED');
    table.push([`${shown(m.id)}${flag}\n${chalk.dim(shown(m.title))}`, shown(heading), shown(schedule.authorities[m.authority]?.name ?? m.authority), m.category, rates.split('\n').map(shown).join('\n'), `${shown(m.instrument)}\n${chalk.dim(shown(m.citation))}`]);
    listed += 1;
  }
  const head = `${shown(schedule.title)}\n${shown(schedule.id)} version ${shown(schedule.version)}, as of ${schedule.as_of}; covers entries ${schedule.coverage.from} to ${schedule.coverage.to}\nThe data is ${dataAge(schedule.as_of, today)}`;
  const count = date ? `${listed} measures in force on ${date}` : `${listed} measures`;
  const unknowns = schedule.unknowns.length > 0 ? `\nWhat this data does not know:\n${schedule.unknowns.map((u) => `  - ${shown(u)}`).join('\n')}` : '';
  return terminalSafe(`${head}\n${table.toString()}\n${count}${unknowns}\n`);
}
