/**
 * `tariff explain`'s reading: the entry that holds the asked line, computed under every scenario, with the
 * fee shares estimate gives it (report/explain.ts renders it).
 */
import { compileSchedules } from '../engine/compile.js';
import { Comparer, type CompareEvent, type ComparedEntry } from '../engine/compare.js';
import { readLineItems, type ReaderOptions } from '../input/read-line-items.js';
import type { HtsTable } from '../rules/hts/types.js';
import { defaultOrigin, scheduleCurrency, type RuleSet } from '../rules/rule-set.js';
import type { ExplainedLine } from '../report/explain.js';
import { prepareRead, type InputSource } from './input-source.js';
import { settleScattered } from './scattered-entries.js';
import { firstPass } from './first-pass.js';

export interface ExplainTarget {
  line: string;
  entry?: string;
}

export type FoundLine = ({ ok: true } & ExplainedLine) | { ok: false; reason: string };

/** Reads until the entry holding the line is complete, under every scenario. */
export async function findLine(input: InputSource, given: ReaderOptions, scenarios: RuleSet[], hts: HtsTable, target: ExplainTarget, notes: NodeJS.WritableStream): Promise<FoundLine> {
  const compiled = compileSchedules(scenarios, hts);
  const first = await firstPass(input, { ...given, defaultOrigin: defaultOrigin(scenarios[0]!), scheduleCurrency: scheduleCurrency(scenarios[0]!) }, notes);
  if (!first.ok) return { ok: false, reason: `${given.file}: ${first.reason}` };
  const options = first.reader;
  const { source, reader } = await prepareRead(input, options);
  const comparer = new Comparer(compiled, reader.file, { explain: true });
  // The line's share of its entry's fees is the one estimate gives it, wherever the entry's other lines are.
  await settleScattered(input, options, first.scattered, comparer);
  const events: CompareEvent[] = [];
  const matches = (e: ComparedEntry): number => e.results[0]!.lines.findIndex((l) => l.item.line === target.line && (target.entry === undefined || l.item.entry === target.entry));
  const check = (): FoundLine | undefined => {
    for (const ev of events) {
      if (ev.kind === 'rejected') continue;
      const index = matches(ev.entry);
      if (index >= 0) return { ok: true, compared: ev.entry, index, compiled };
    }
    events.length = 0;
    return undefined;
  };
  for await (const ev of readLineItems(source, reader)) {
    if (ev.kind === 'fatal') return { ok: false, reason: `${ev.error.file}:${ev.error.sourceLine}: ${ev.error.reason}` };
    if (ev.kind !== 'line') continue;
    comparer.push(ev.item, events);
    const found = check();
    if (found) return found;
  }
  comparer.flush(events);
  return check() ?? { ok: false, reason: `no computed line "${target.line}"${target.entry ? ` in entry ${target.entry}` : ''} in ${reader.file} (a rejected line cannot be explained: run estimate --rejects to see why it was rejected)` };
}
