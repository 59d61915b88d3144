import { Readable } from 'node:stream';
import { compileSchedule } from '../../src/engine/compile.js';
import { Estimator, type EstimateEvent } from '../../src/engine/estimator.js';
import type { EntryResult } from '../../src/engine/types.js';
import type { Rejection } from '../../src/model/line-item.js';
import { readLineItems, type ReaderOptions } from '../../src/input/read-line-items.js';
import { DEFAULT_HTS_PATH, loadHtsTable } from '../../src/rules/hts/load-hts.js';
import type { HtsTable } from '../../src/rules/hts/types.js';
import { loadRuleSet } from '../../src/rules/load-rule-set.js';
import { loadScenario } from '../../src/rules/load-scenario.js';
import type { RuleSet } from '../../src/rules/rule-set.js';
import { DEFAULT_SCHEDULE_PATH } from '../../src/rules/paths.js';

let cached: { rules: RuleSet; hts: HtsTable } | undefined;

/** The shipped schedule and HTS table, loaded once per test file. */
export function shippedRules(): { rules: RuleSet; hts: HtsTable } {
  if (!cached) {
    const r = loadRuleSet(DEFAULT_SCHEDULE_PATH);
    if (!r.ok) throw new Error(`shipped schedule does not load: ${JSON.stringify(r.errors.slice(0, 3))}`);
    cached = { rules: r.ruleSet, hts: loadHtsTable(DEFAULT_HTS_PATH) };
  }
  return cached;
}

/** The shipped schedule under a built-in scenario. */
export function scenarioRules(name: string): RuleSet {
  const r = loadScenario(name, shippedRules().rules);
  if (!r.ok) throw new Error(`scenario ${name} does not load: ${JSON.stringify(r.errors.slice(0, 3))}`);
  return r.ruleSet;
}

export function csvOf(rows: Array<Record<string, string | number | boolean>>): string {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown): string => {
    const s = v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

/** Runs CSV text through the real reader and engine. */
export async function runCsv(csv: string, options: Partial<ReaderOptions> = {}, rules?: RuleSet, hts?: HtsTable): Promise<{ entries: EntryResult[]; rejected: Rejection[] }> {
  const compiled = compileSchedule(rules ?? shippedRules().rules, hts ?? shippedRules().hts);
  const est = new Estimator(compiled, 'example.csv');
  const events: EstimateEvent[] = [];
  const rejected: Rejection[] = [];
  for await (const ev of readLineItems(Readable.from([csv]), { file: 'example.csv', defaultOrigin: 'CA', ...options })) {
    if (ev.kind === 'line') est.push(ev.item, events);
    else if (ev.kind === 'rejected') rejected.push(ev.rejection);
    else if (ev.kind === 'fatal') throw new Error(ev.error.reason);
  }
  est.flush(events);
  // A row rejected while an entry was open comes with the entry (EntryResult.rejectedAmong).
  for (const e of events) {
    if (e.kind === 'rejected') rejected.push(e.rejection);
    else for (const h of e.entry.rejectedAmong ?? []) rejected.push(h.rejection);
  }
  return { entries: events.flatMap((e) => (e.kind === 'entry' ? [e.entry] : [])), rejected };
}
