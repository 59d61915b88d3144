/**
 * `tariff lookup`'s computing: the fields given on the command line read as a one-line file, as estimate
 * reads a line, and computed with the measures explained (report/lookup.ts renders the result).
 */
import { Readable } from 'node:stream';
import { compileSchedule } from '../engine/compile.js';
import { Estimator, type EstimateEvent } from '../engine/estimator.js';
import type { EntryResult, Provenance } from '../engine/types.js';
import { readLineItems } from '../input/read-line-items.js';
import type { HtsTable } from '../rules/hts/types.js';
import { defaultOrigin, scheduleCurrency, type RuleSet } from '../rules/rule-set.js';
import { csvRow } from '../report/csv-cell.js';

/** Canonical input columns and their values, as the user gave them on the command line. */
export type LookupFields = Record<string, string>;

export type LookupOutcome = { ok: true; entry: EntryResult; provenance: Provenance } | { ok: false; reason: string };

/** `money`: the rates and the currency of the amounts (--fx, --currency). */
export async function lookupLine(fields: LookupFields, rules: RuleSet, hts: HtsTable, money: { fx?: Record<string, string>; currency?: string } = {}): Promise<LookupOutcome> {
  const names = Object.keys(fields);
  const csv = csvRow(names) + csvRow(names.map((n) => fields[n]!));
  const compiled = compileSchedule(rules, hts);
  const estimator = new Estimator(compiled, 'lookup', { explain: true });
  const events: EstimateEvent[] = [];
  for await (const ev of readLineItems(Readable.from([csv]), { file: 'lookup', ...money, defaultOrigin: defaultOrigin(rules), scheduleCurrency: scheduleCurrency(rules) })) {
    if (ev.kind === 'fatal') return { ok: false, reason: ev.error.reason };
    if (ev.kind === 'rejected') return { ok: false, reason: `${ev.rejection.column ? `${ev.rejection.column}: ` : ''}${ev.rejection.reason}` };
    if (ev.kind === 'line') estimator.push(ev.item, events);
  }
  estimator.flush(events);
  for (const e of events) {
    if (e.kind === 'rejected') return { ok: false, reason: e.rejection.reason };
    return { ok: true, entry: e.entry, provenance: compiled.provenance };
  }
  return { ok: false, reason: 'nothing to look up' };
}
