/**
 * A refund program applied to computed entries: what was filed under its headings, what its authorities
 * required by law, and the first of its routes open on the day judged on. The program (data) holds every
 * heading, date and window.
 */
import type { RefundProgram, RefundRoute } from '../rules/refund-program-schema.js';
import { addDays, daysBetween } from '../calendar/dates.js';
import type { LineItem } from '../model/line-item.js';
import type { EntryResult } from './types.js';

/** What a refund reads of a line's filing: the headings filed with their duty, and the entry's liquidation. */
export interface Filing {
  headings: ReadonlyArray<{ heading: string; cents: number }>;
  liquidationStatus?: string;
  liquidationDate?: string;
  warning?: string;
}

export interface RefundEntry {
  entry: string;
  entryDate: string;
  liquidationStatus: string;
  liquidationDate: string;
  filedCents: bigint;
  computedCents: bigint;
  /** Name of the route (CAPE, protest, court...) and its explanation on the day. */
  route: string;
  routeText: string;
  routeVerified: boolean;
  /** The entry's liquidation columns contradict each other: the route is marked, and this says why. */
  warning?: string;
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}

/** The first route of the program open on `today` for an entry with this liquidation status and date. */
export function refundRoute(program: RefundProgram, liquidationStatus: string, liquidationDate: string, today: string): { route: RefundRoute; text: string } {
  const liquidated = liquidationDate !== '' && !/^un/i.test(liquidationStatus);
  const days = liquidated ? daysBetween(liquidationDate, today) : 0;
  let previousWindow = 0;
  for (const route of program.routes) {
    const window = route.within_days_of_liquidation;
    const open = route.when === 'always' || (route.when === 'unliquidated' ? !liquidated : liquidated && days <= window!);
    if (open) {
      const values: Record<string, string> = { days: String(days) };
      if (liquidated && window !== undefined) values.until = addDays(liquidationDate, window);
      if (liquidated && previousWindow > 0) values.closed = addDays(liquidationDate, previousWindow);
      return { route, text: fill(route.explain, values) };
    }
    if (window !== undefined) previousWindow = Math.max(previousWindow, window);
  }
  const last = program.routes[program.routes.length - 1]!;
  return { route: last, text: fill(last.explain, { days: String(days) }) };
}

const inHeadings = (program: RefundProgram, heading: string): boolean => heading >= program.headings.from && heading <= program.headings.to;

/** The entry's refund under the program, or undefined when nothing it covers was filed. */
export function refundForEntry(program: RefundProgram, e: EntryResult, today: string, filingOf: (item: LineItem) => Filing | undefined): RefundEntry | undefined {
  if (e.entryDate < program.entry_dates.from || e.entryDate > program.entry_dates.to) return undefined;
  const authorities = new Set(program.authorities);
  let filed = 0n;
  let computed = 0n;
  let status = '';
  let date = '';
  const warnings = new Set<string>();
  for (const l of e.lines) {
    const f = filingOf(l.item);
    if (!f) continue;
    if (f.warning) warnings.add(`line ${l.item.line}: ${f.warning}`);
    if ((status && f.liquidationStatus && f.liquidationStatus !== status) || (date && f.liquidationDate && f.liquidationDate !== date)) {
      warnings.add(`line ${l.item.line} gives liquidation ${f.liquidationStatus ?? ''} ${f.liquidationDate ?? ''} where an earlier line of the entry gives ${status} ${date}`.replace(/ +/g, ' '));
    }
    for (const h of f.headings) if (inHeadings(program, h.heading)) filed += BigInt(h.cents);
    for (const c of l.components) if (authorities.has(c.authority)) computed += BigInt(c.amountCents);
    status ||= f.liquidationStatus ?? '';
    date ||= f.liquidationDate ?? '';
  }
  if (filed === 0n) return undefined;
  const { route, text } = refundRoute(program, status, date, today);
  const out: RefundEntry = { entry: e.entry, entryDate: e.entryDate, liquidationStatus: status || 'unliquidated', liquidationDate: date, filedCents: filed, computedCents: computed, route: route.name, routeText: text, routeVerified: route.verified };
  if (warnings.size > 0) {
    // The route was judged on a status the export contradicts: it is shown as unverified, with the reason.
    out.warning = `${[...warnings].join('; ')}; route judged as ${status || 'unliquidated'}${date ? ` ${date}` : ''}`;
    out.routeVerified = false;
  }
  return out;
}
