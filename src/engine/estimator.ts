/**
 * Drives lines through the engine in file order: rejects lines the rules cannot answer for (unknown HTS,
 * entry date outside the schedule), groups contiguous lines of an entry, and closes each group with its
 * entry fees. Synchronous and pure: the caller feeds items and writes what comes back.
 */
import type { LineItem, Rejection } from '../model/line-item.js';
import { formatHts } from '../rules/hts/format.js';
import type { CompiledSchedule, Segment } from './compile.js';
import type { HtsRecord } from '../rules/hts/types.js';
import { computeLine, type ComputeOptions } from './compute-line.js';
import { EntryLedger } from './entry.js';
import type { EntryIndex } from './entry-states.js';
import type { EntryResult, LineResult, RejectedAmong } from './types.js';

/** What feeding lines gives back, in file order: a closed entry (E: its result, or its results side by side) or a row rejected. */
export type EntryEvent<E> = { kind: 'entry'; entry: E } | { kind: 'rejected'; rejection: Rejection };

export type EstimateEvent = EntryEvent<EntryResult>;

/** A line this schedule can compute: as adjusted for the run, with its date segment and HTS record. */
interface Admitted {
  original: LineItem;
  item: LineItem;
  seg: Segment;
  record: HtsRecord;
}

export class Estimator {
  private readonly ledger: EntryLedger;
  /** The last line checked by `rejection`, so `push` does not check it again. */
  private admitted: Admitted | undefined;
  private currentEntry: string | undefined;
  private group: LineResult[] = [];
  /** Rows rejected while the group is open: they are written with it, in their place among its lines. */
  private held: RejectedAmong[] = [];
  /** Lines of an entry closed earlier are refused (input read once: see refuseScatteredEntries). */
  private refuseScattered = false;

  constructor(
    private readonly compiled: CompiledSchedule,
    private readonly file: string,
    private readonly options: ComputeOptions = {},
    /** Shared by the estimators of one comparison, so the entry ids are kept once. */
    entryIndex?: EntryIndex,
  ) {
    this.ledger = new EntryLedger(compiled, options.brokerageCents, entryIndex);
  }

  /** Entries seen so far (per-entry fee state is the only thing kept across the file). */
  get entriesSeen(): number {
    return this.ledger.size;
  }

  /** The entry whose group is open (its lines may continue), if any. */
  get openEntry(): string | undefined {
    return this.currentEntry;
  }

  get entryLedger(): EntryLedger {
    return this.ledger;
  }

  /**
   * The lines of these entries, fed next (and only they, in file order, then `settleGathered`), are gathered
   * so the entries' fees are charged on all their lines before any is written.
   */
  gatherEntries(entries: Iterable<string>): void {
    this.ledger.gatherEntries(entries);
  }

  settleGathered(): void {
    this.flush();
    this.ledger.settleGathered();
  }

  /**
   * For input read once (standard input): a line of an entry whose lines were closed before, with other
   * entries between, is rejected. Its fee could no longer be shared by value with the lines already written.
   */
  refuseScatteredEntries(): void {
    this.refuseScattered = true;
  }

  private reject(item: LineItem, column: string, value: string, reason: string): { kind: 'rejected'; rejection: Rejection } {
    const key = { entry: item.entry, line: item.line, hts: formatHts(item.hts), description: item.description ?? '' };
    return { kind: 'rejected', rejection: { file: this.file, sourceLine: item.sourceLine, column, value, reason, raw: [...(item.raw ?? [])], key } };
  }

  /** The line as this run sees it: a hypothetical entry date, or USMCA gone, when asked. */
  private adjust(item: LineItem): LineItem {
    const asOf = this.options.asOf ?? this.compiled.rules.evaluateAsOf;
    const dropUsmca = this.compiled.rules.usmcaEnded === true && item.usmcaClaimed;
    if (asOf === undefined && !dropUsmca) return item;
    const notes = [...(item.inputNotes ?? [])];
    if (asOf !== undefined && asOf !== item.entryDate) notes.push(`evaluated as if entered on ${asOf} (entered ${item.entryDate})`);
    if (dropUsmca) notes.push(`USMCA claim ignored: scenario ${this.compiled.rules.scenario} has no USMCA preference`);
    return { ...item, entryDate: asOf ?? item.entryDate, usmcaClaimed: dropUsmca ? false : item.usmcaClaimed, inputNotes: notes };
  }

  /**
   * Why this schedule cannot compute the line (an entry date outside its coverage, an origin it does not
   * encode, an HTS code that does not exist), or undefined when it can.
   */
  rejection(original: LineItem): Rejection | undefined {
    const ev = this.admit(original);
    return 'rejection' in ev ? ev.rejection : undefined;
  }

  /** The line as this schedule computes it, with its date segment and HTS record, or its rejection. */
  private admit(original: LineItem): Admitted | { kind: 'rejected'; rejection: Rejection } {
    if (this.admitted?.original === original) return this.admitted;
    const item = this.adjust(original);
    const seg = this.compiled.segmentFor(item.entryDate);
    if (!seg) {
      const { from, to } = this.compiled.coverage;
      return this.reject(item, 'entry_date', item.entryDate, `entry date ${item.entryDate} is outside the dates this schedule answers for (${from} to ${to})`);
    }
    if (!this.compiled.origins.has(item.origin)) {
      const covered = [...this.compiled.origins].join(', ');
      const r = this.reject(item, 'origin', item.origin, `origin ${item.origin} is outside this schedule, which encodes the measures on goods of ${covered}; the line is not estimated`);
      r.rejection.outside = true;
      return r;
    }
    const record = this.compiled.hts.lookup(item.hts) ?? this.compiled.notInTable(item);
    if (!record) {
      const near = this.compiled.hts.suggest(item.hts, 3);
      const hint = near.length > 0 ? `; nearest valid codes: ${near.join(', ')}` : '';
      return this.reject(item, 'hts', formatHts(item.hts), `HTS ${formatHts(item.hts)} does not exist in the ${this.compiled.hts.meta.revision}${hint}`);
    }
    if (this.refuseScattered && item.entry !== this.currentEntry && this.ledger.hasClosed(item.entry)) {
      return this.reject(item, 'entry', item.entry, `entry ${item.entry} has lines earlier in the input, with other entries between: its fees (MPF) must be shared by value among all its lines, and input read once cannot be read again for them. Give the input as a file (tariff then gathers an entry's lines wherever they are) or sort it by entry`);
    }
    this.admitted = { original, item, seg, record };
    return this.admitted;
  }

  /** Feeds one line; returns the entry it closed (if the line starts a new entry) or the line's rejection. */
  push(original: LineItem, out: EstimateEvent[] = []): EstimateEvent[] {
    const ev = this.admit(original);
    this.admitted = undefined;
    if ('rejection' in ev) {
      if (!this.holdIfOpen(ev.rejection)) out.push(ev);
      return out;
    }
    const { item, seg, record } = ev;
    if (this.currentEntry !== undefined && item.entry !== this.currentEntry) this.flush(out);
    this.currentEntry = item.entry;
    this.group.push(computeLine(item, record, this.compiled, seg, this.options));
    return out;
  }

  /**
   * A row rejected while an entry group is open (by this schedule or by the reader) is kept to be written
   * with the group, after the lines read before it; false when no group is open (write it now).
   */
  holdIfOpen(rejection: Rejection): boolean {
    if (this.currentEntry === undefined || this.group.length === 0) return false;
    this.held.push({ after: this.group.length, rejection });
    return true;
  }

  /** Closes the open entry group. */
  flush(out: EstimateEvent[] = []): EstimateEvent[] {
    if (this.currentEntry !== undefined && this.group.length > 0) {
      const entry = this.ledger.close(this.currentEntry, this.group);
      if (this.held.length > 0) {
        entry.rejectedAmong = this.held;
        this.held = [];
      }
      out.push({ kind: 'entry', entry });
    }
    this.group = [];
    this.currentEntry = undefined;
    return out;
  }
}
