/**
 * One part of a file computed on its own, as a worker thread does it, with what the main thread needs to
 * check that the part reads as it would in one pass over the whole file and to stitch it in:
 * - `lead`: rejected rows before the part's first computed line. In file order they come before the
 *   previous part's last entry is closed (an entry closes when the next entry's first line arrives).
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
import type { Rejection } from '../../input/line-item.js';
import type { FatalInputError } from '../../input/read-line-items.js';
import type { CsvPartRenderer } from './csv-part-renderer.js';

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
  tailTotals: RunTotalsData[];
  /** Entry of the first computed line, if any line was computed. */
  firstEntry?: string;
  /** The last entry group: its entry, its first line, and its state after closing. */
  tailEntry?: string;
  tailFirstLine?: number;
  tailStates?: EntrySnapshots;
  /** Every entry the part closed, with its state before the tail closed. */
  entries: EntrySnapshots[];
  rows: number;
  nextLine: number;
  fatal?: FatalInputError;
}

/** UTF-8 bytes in a buffer of their own (Buffer.from may share a pool, which cannot be sent to another thread). */
function encode(text: string): Uint8Array {
  const b = Buffer.from(text, 'utf8');
  return b.byteLength === b.buffer.byteLength ? b : new Uint8Array(b);
}

/** Text is encoded in pieces of about this many characters, before it outlives the young generation as strings (2^14: 8-10% less CPU than 2^16). */
const PIECE = 1 << 14;

/** Text and rejections of one section of the part's output. */
class Section {
  private pending = '';
  readonly encoded: EncodedText = [];
  rejections: Rejection[] = [];
  constructor(readonly totals: RunTotals[]) {}

  get text(): string {
    return this.pending;
  }

  set text(t: string) {
    this.pending = t;
    if (t.length >= PIECE) this.flush();
  }

  flush(): EncodedText {
    if (this.pending.length > 0) this.encoded.push(encode(this.pending));
    this.pending = '';
    return this.encoded;
  }
}

export function renderEvents(events: CompareEvent[], renderer: CsvPartRenderer, to: { text: string; rejections: Rejection[]; totals: RunTotals[] }): void {
  for (const ev of events) {
    if (ev.kind === 'entry') {
      ev.compared.results.forEach((r, i) => to.totals[i]!.addEntry(r));
      to.text += renderer.entry(ev.compared);
    } else {
      for (const t of to.totals) t.linesRejected += 1;
      to.text += renderer.rejected(ev.rejection);
      to.rejections.push(ev.rejection);
    }
  }
  events.length = 0;
}

export function computePart(part: FilePart, reader: ChunkReader, compiled: readonly CompiledSchedule[], options: ComputeOptions, renderer: CsvPartRenderer): PartResult {
  const comparer = new Comparer(compiled, reader.file, options);
  const totals = compiled.map(() => new RunTotals());
  const lead = new Section(totals);
  const body = new Section(totals);
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
    } else events.push(ev);
    renderEvents(events, renderer, firstEntry === undefined ? lead : body);
  });
  const entries = [...comparer.entryIndex.ids()].map((entry) => ({ entry, states: comparer.snapshot(entry) }));
  const tail = new Section(compiled.map(() => new RunTotals()));
  comparer.flush(events);
  renderEvents(events, renderer, tail);
  return {
    lead: lead.flush(),
    leadRejections: lead.rejections,
    body: body.flush(),
    bodyRejections: body.rejections,
    totals,
    tail: tail.flush(),
    tailTotals: tail.totals,
    ...(firstEntry !== undefined ? { firstEntry } : {}),
    ...(open !== undefined ? { tailEntry: open, tailFirstLine: groupFirstLine!, tailStates: { entry: open, states: comparer.snapshot(open) } } : {}),
    entries,
    rows: read.rows,
    nextLine: read.nextLine,
    ...(read.fatal ? { fatal: read.fatal } : {}),
  };
}
