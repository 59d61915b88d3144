/**
 * The same lines under several schedules (scenarios) at once: one Estimator per schedule, fed the same
 * lines in the same order, so each entry closes in all of them together and can be compared side by side.
 */
import type { LineItem, Rejection } from '../input/line-item.js';
import type { CompiledSchedule } from './compile.js';
import type { ComputeOptions } from './compute-line.js';
import { Estimator, type EstimateEvent } from './estimator.js';
import type { EntryResult } from './types.js';
import { EntryIndex } from './entry-states.js';

export interface ComparedEntry {
  entry: string;
  /** One result per schedule, in the order the schedules were given. */
  results: EntryResult[];
}

export type CompareEvent = { kind: 'entry'; compared: ComparedEntry } | { kind: 'rejected'; rejection: Rejection };

export class Comparer {
  private readonly estimators: Estimator[];
  private readonly scratch: EstimateEvent[][];

  constructor(compiled: readonly CompiledSchedule[], file: string, options: ComputeOptions = {}) {
    const entryIndex = new EntryIndex();
    this.estimators = compiled.map((c) => new Estimator(c, file, options, entryIndex));
    this.scratch = compiled.map(() => []);
  }

  private collect(out: CompareEvent[]): CompareEvent[] {
    const first = this.scratch[0]!;
    for (let k = 0; k < first.length; k++) {
      const ev = first[k]!;
      if (ev.kind === 'rejected') {
        out.push(ev);
        continue;
      }
      const results = this.scratch.map((events) => {
        const e = events[k];
        if (e?.kind !== 'entry') throw new Error(`scenarios disagree on entry ${ev.entry.entry}: a line was accepted by one schedule and rejected by another`);
        return e.entry;
      });
      out.push({ kind: 'entry', compared: { entry: ev.entry.entry, results } });
    }
    for (const s of this.scratch) s.length = 0;
    return out;
  }

  push(item: LineItem, out: CompareEvent[] = []): CompareEvent[] {
    this.estimators.forEach((e, i) => e.push(item, this.scratch[i]));
    return this.collect(out);
  }

  flush(out: CompareEvent[] = []): CompareEvent[] {
    this.estimators.forEach((e, i) => e.flush(this.scratch[i]));
    return this.collect(out);
  }
}
