/**
 * The same lines under several schedules (scenarios) at once: one Estimator per schedule, fed the same
 * lines in the same order, so each entry closes in all of them together and can be compared side by side.
 */
import type { LineItem, Rejection } from '../model/line-item.js';
import type { CompiledSchedule } from './compile.js';
import type { ComputeOptions } from './compute-line.js';
import { Estimator, type EntryEvent, type EstimateEvent } from './estimator.js';
import type { EntryResult } from './types.js';
import { EntryIndex, type EntryStateSnapshot } from './entry-states.js';

export interface ComparedEntry {
  entry: string;
  /** One result per schedule, in the order the schedules were given. */
  results: EntryResult[];
}

export type CompareEvent = EntryEvent<ComparedEntry>;

export class Comparer {
  private readonly estimators: Estimator[];
  private readonly scratch: EstimateEvent[][];
  private readonly labels: string[];

  /** Every entry seen, in the order first closed (shared by the schedules). */
  readonly entryIndex = new EntryIndex();

  constructor(compiled: readonly CompiledSchedule[], file: string, options: ComputeOptions = {}) {
    this.estimators = compiled.map((c) => new Estimator(c, file, options, this.entryIndex));
    this.scratch = compiled.map(() => []);
    this.labels = compiled.map((c) => c.rules.scenario);
  }

  /** The entry whose lines may continue with the next line. */
  get openEntry(): string | undefined {
    return this.estimators[0]!.openEntry;
  }

  /** The entry's fee state under each schedule (undefined where not seen). */
  snapshot(entry: string): Array<EntryStateSnapshot | undefined> {
    return this.estimators.map((e) => e.entryLedger.snapshot(entry));
  }

  restore(entry: string, states: ReadonlyArray<EntryStateSnapshot | undefined>): void {
    this.estimators.forEach((e, i) => {
      const s = states[i];
      if (s) e.entryLedger.restore(entry, s);
    });
  }

  /** See Estimator.gatherEntries. */
  gatherEntries(entries: ReadonlySet<string>): void {
    for (const e of this.estimators) e.gatherEntries(entries);
  }

  settleGathered(): void {
    for (const e of this.estimators) e.settleGathered();
    for (const s of this.scratch) s.length = 0;
  }

  refuseScatteredEntries(): void {
    for (const e of this.estimators) e.refuseScatteredEntries();
  }

  private collect(out: CompareEvent[]): CompareEvent[] {
    const first = this.scratch[0]!;
    for (let k = 0; k < first.length; k++) {
      const ev = first[k]!;
      if (ev.kind === 'rejected') {
        out.push(ev);
        continue;
      }
      const results = new Array<EntryResult>(this.scratch.length);
      for (let i = 0; i < this.scratch.length; i++) {
        const e = this.scratch[i]![k];
        if (e?.kind !== 'entry') throw new Error(`scenarios disagree on entry ${ev.entry.entry}: a line was accepted by one schedule and rejected by another`);
        results[i] = e.entry;
      }
      out.push({ kind: 'entry', entry: { entry: ev.entry.entry, results } });
    }
    for (const s of this.scratch) s.length = 0;
    return out;
  }

  /**
   * Feeds one line to every schedule. A line that one schedule cannot compute (a scenario that evaluates
   * lines on another date can take a line the current schedule cannot) is rejected in all of them: a
   * comparison is of the same lines.
   */
  push(item: LineItem, out: CompareEvent[] = []): CompareEvent[] {
    const n = this.estimators.length;
    if (n > 1) {
      for (let i = 0; i < n; i++) {
        const rejection = this.estimators[i]!.rejection(item);
        if (!rejection) continue;
        const all = this.estimators.every((e) => e.rejection(item) !== undefined);
        const reason = all ? rejection.reason : `${rejection.reason} under scenario ${this.labels[i]} (a line is compared only when every scenario computes it)`;
        const r = { ...rejection, reason };
        if (!this.holdIfOpen(r)) out.push({ kind: 'rejected', rejection: r });
        return out;
      }
    }
    for (let i = 0; i < n; i++) this.estimators[i]!.push(item, this.scratch[i]);
    return this.collect(out);
  }

  /** See Estimator.holdIfOpen: the first schedule's entry carries the rows held with it (all schedules close together). */
  holdIfOpen(rejection: Rejection): boolean {
    return this.estimators[0]!.holdIfOpen(rejection);
  }

  flush(out: CompareEvent[] = []): CompareEvent[] {
    for (let i = 0; i < this.estimators.length; i++) this.estimators[i]!.flush(this.scratch[i]);
    return this.collect(out);
  }
}
