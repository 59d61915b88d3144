/**
 * One part of a file computed on its own, as a worker thread does it, with what the main thread needs to
 * check that the part reads as it would in one pass over the whole file and to stitch it in:
 * - `lead`: rejected rows before the part's first computed line. A whole file read in one pass writes
 *   them with the previous part's last entry (held while it is open), after its lines.
 * - `body`: everything else but the last entry group, which stays open until the part ends;
 * - `tail`: that last group, closed at the end of the part; valid once the next part is known not to
 *   continue its entry.
 * - the fee state of every entry seen (before the tail closed) and of the tail entry after it closed, so
 *   the main thread can charge an entry's later lines against what earlier parts charged.
 */
import { Comparer, type CompareEvent } from '../../engine/compare.js';
import type { CompiledSchedule } from '../../engine/compile.js';
import type { ComputeOptions } from '../../engine/compute-line.js';
import type { EntryStateSnapshot } from '../../engine/entry-states.js';
import { RunTotals, type RunTotalsData } from '../../engine/totals.js';
import type { ChunkReader, FilePart } from '../../input/chunk-reader.js';
import type { Rejection } from '../../model/line-item.js';
import type { FatalInputError } from '../../input/read-line-items.js';
import type { CsvPartRenderer } from './csv-part-renderer.js';
import type { GroupLevel } from '../../engine/group-totals.js';
import { ByteWriter } from '../../bytes/byte-writer.js';
import type { PiecePool } from '../../bytes/piece-pool.js';

export interface EntrySnapshots {
  entry: string;
  /** One per schedule. */
  states: Array<EntryStateSnapshot | undefined>;
}

/** UTF-8 text in pieces (each sent to the main thread without a copy). */
export type EncodedText = Uint8Array[];

export interface PartResult {
  lead: EncodedText;
  leadRejections: Rejection[];
  body: EncodedText;
  bodyRejections: Rejection[];
  /** Per schedule: the lead and body lines. */
  totals: RunTotalsData[];
  tail: EncodedText;
  /** Rows rejected while the tail group was open: written in it (see EntryResult.rejectedAmong). */
  tailRejections: Rejection[];
  tailTotals: RunTotalsData[];
  /** Entry of the first computed line, if any line was computed. */
  firstEntry?: string;
  /** The last entry group: its entry, its first line, and its state after closing. */
  tailEntry?: string;
  tailFirstLine?: number;
  tailStates?: EntrySnapshots;
  /**
   * Every entry the part closed, with its state before the tail closed, as JSON of EntrySnapshots[]: one
   * string crosses to the main thread, not a few objects per entry that outlive its young generation.
   */
  entries: string;
  /** The entries named in `entries`, in order. */
  entryIds: string[];
  rows: number;
  nextLine: number;
  fatal?: FatalInputError;
}

/** Bytes and rejections of one section of the part's output. */
class Section {
  readonly out: ByteWriter;
  rejections: Rejection[] = [];
  constructor(
    readonly totals: RunTotals[],
    pool: PiecePool,
  ) {
    this.out = new ByteWriter(pool);
  }

  /** The bytes, in pieces of their own memory (transferred to the main thread, not copied). */
  encoded(): EncodedText {
    const pieces = this.out.take();
    this.out.release();
    return pieces;
  }
}

export interface RenderTarget {
  out: ByteWriter;
  rejections: Rejection[];
  totals: RunTotals[];
}

export function renderEvents(events: CompareEvent[], renderer: CsvPartRenderer, to: RenderTarget): void {
  for (const ev of events) {
    if (ev.kind === 'entry') {
      ev.entry.results.forEach((r, i) => to.totals[i]!.addEntry(r));
      const held = ev.entry.results[0]!.rejectedAmong;
      if (held) {
        for (const t of to.totals) t.addHeldRejections(ev.entry.results[0]!);
        for (const h of held) to.rejections.push(h.rejection);
      }
      renderer.entry(ev.entry, to.out);
    } else {
      for (const t of to.totals) t.addRejection(ev.rejection);
      to.out.text(renderer.rejected(ev.rejection));
      to.rejections.push(ev.rejection);
    }
  }
  events.length = 0;
}

/** `pool` gives the memory the part's output is written into. */
export function computePart(part: FilePart, reader: ChunkReader, compiled: readonly CompiledSchedule[], options: ComputeOptions, renderer: CsvPartRenderer, pool: PiecePool, groupBy?: readonly GroupLevel[]): PartResult {
  const comparer = new Comparer(compiled, reader.file, options);
  const totals = compiled.map(() => new RunTotals(groupBy));
  const lead = new Section(totals, pool);
  const body = new Section(totals, pool);
  const events: CompareEvent[] = [];
  let firstEntry: string | undefined;
  let groupFirstLine: number | undefined;
  let open: string | undefined;
  const read = reader.read(part, (ev) => {
    if (ev.kind === 'line') {
      comparer.push(ev.item, events);
      if (comparer.openEntry !== open) {
        open = comparer.openEntry;
        groupFirstLine = ev.item.sourceLine;
        firstEntry ??= open;
      }
    } else if (!comparer.holdIfOpen(ev.rejection)) events.push(ev);
    renderEvents(events, renderer, firstEntry === undefined ? lead : body);
  });
  const entryIds = [...comparer.entryIndex.ids()];
  const entries = JSON.stringify(entryIds.map((entry): EntrySnapshots => ({ entry, states: comparer.snapshot(entry) })));
  const tail = new Section(compiled.map(() => new RunTotals(groupBy)), pool);
  comparer.flush(events);
  renderEvents(events, renderer, tail);
  return {
    lead: lead.encoded(),
    leadRejections: lead.rejections,
    body: body.encoded(),
    bodyRejections: body.rejections,
    totals: totals.map((t) => t.data()),
    tail: tail.encoded(),
    tailRejections: tail.rejections,
    tailTotals: tail.totals.map((t) => t.data()),
    ...(firstEntry !== undefined ? { firstEntry } : {}),
    ...(open !== undefined ? { tailEntry: open, tailFirstLine: groupFirstLine!, tailStates: { entry: open, states: comparer.snapshot(open) } } : {}),
    entries,
    entryIds,
    rows: read.rows,
    nextLine: read.nextLine,
    ...(read.fatal ? { fatal: read.fatal } : {}),
  };
}
