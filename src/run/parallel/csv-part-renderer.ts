/**
 * The CSV of `estimate` or `compare` as the parallel run needs it: the same text from the main thread and
 * from each worker, for compared entries (an estimate is a comparison of one schedule).
 */
import type { CompiledSchedule } from '../../engine/compile.js';
import type { ComparedEntry } from '../../engine/compare.js';
import type { Rejection } from '../../model/line-item.js';
import type { ByteWriter } from '../../bytes/byte-writer.js';
import { CompareCsvRenderer } from '../../report/formats/compare.js';
import { CsvRenderer } from '../../report/formats/csv.js';
import type { GroupLevel } from '../../engine/group-totals.js';

/** `by`: the run writes group sums at the end (--by), nothing per line. */
export type ParallelCommand = { command: 'estimate' } | { command: 'compare'; entriesOnly: boolean; by?: GroupLevel[] };

/** The levels the run groups by, if any. */
export function groupByOf(what: ParallelCommand): GroupLevel[] | undefined {
  return what.command === 'compare' ? what.by : undefined;
}

export interface CsvPartRenderer {
  /** The header row. */
  readonly head: string;
  entry(c: ComparedEntry, out: ByteWriter): void;
  rejected(r: Rejection): string;
}

export function csvPartRenderer(what: ParallelCommand, compiled: readonly CompiledSchedule[], inputName: string): CsvPartRenderer {
  if (what.command === 'estimate') {
    const csv = new CsvRenderer();
    const head = csv.begin({ provenance: compiled[0]!.provenance, schedule: compiled[0]!.rules.schedule, inputName });
    return { head, entry: (c, out) => csv.entryBytes(c.results[0]!, out), rejected: (r) => csv.rejected(r) };
  }
  if (what.by) return { head: '', entry: () => undefined, rejected: () => '' };
  const csv = new CompareCsvRenderer();
  const head = csv.begin({ labels: compiled.map((c) => c.rules.scenario), provenances: compiled.map((c) => c.provenance), inputName, entriesOnly: what.entriesOnly });
  return { head, entry: (c, out) => csv.entryBytes(c, out), rejected: (r) => csv.rejected(r) };
}
