/**
 * A large line-item file computed on several threads, part by part, with output identical to one pass over
 * the file. The file is cut where the entry changes (FileParts); each part is computed as if its entries
 * were new (compute-part), by a worker thread or, whenever the workers have parts enough waiting, by the
 * main thread itself (so `jobs` threads compute: the main thread and jobs - 1 workers, one isolate fewer
 * than a worker per thread); the main thread takes the results in file order and checks that this was so:
 * that the part starts on the line and row it was numbered from, does not continue the previous part's
 * last entry, and has no entry seen earlier in the file. A part that passes is stitched in (its rejected
 * rows before its first line, then the previous part's last entry, then the rest); at the first part that
 * does not, the workers stop and the main thread computes the rest of the file itself, from the last entry
 * not yet closed, with the fee state of every entry closed so far: the result is the same, only slower.
 */
import { readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { CompiledSchedule } from '../../engine/compile.js';
import { Comparer, type CompareEvent } from '../../engine/compare.js';
import type { ComputeOptions } from '../../engine/compute-line.js';
import { RunTotals } from '../../engine/totals.js';
import { ChunkReader } from '../../input/chunk-reader.js';
import { FileParts, type NumberedPart } from '../../input/file-parts.js';
import type { HeaderReport } from '../../input/header.js';
import type { Rejection } from '../../model/line-item.js';
import { readLineItemBatches, type FatalInputError, type ReaderOptions } from '../../input/read-line-items.js';
import type { RuleSet } from '../../rules/rule-set.js';
import type { ProgressMeter } from '../progress.js';
import type { BatchOutput } from '../batch-output.js';
import { computePart, renderEvents, type EncodedText, type EntrySnapshots, type PartResult } from './compute-part.js';
import { csvPartRenderer, groupByOf, type CsvPartRenderer, type ParallelCommand } from './csv-part-renderer.js';
import { PartPool } from './part-pool.js';
import type { RunTotalsData } from '../../engine/totals.js';
import { FileChangedError } from '../../input/file-changed.js';

export interface ParallelRun {
  path: string;
  what: ParallelCommand;
  ruleSets: RuleSet[];
  compiled: CompiledSchedule[];
  compute: ComputeOptions;
  /** Reader options, `file` being the name shown in messages. */
  reader: ReaderOptions;
  jobs: number;
  partBytes: number;
}

export interface ParallelContext {
  output: BatchOutput;
  /** One per schedule. */
  totals: RunTotals[];
  progress: ProgressMeter;
  onHeader(header: HeaderReport): void;
  /** Says how the file was divided (for --debug). */
  trace?(message: string): void;
}

/** 'serial' when the file cannot be cut by entry (no entry column, an ES-003 export, a bad header): nothing was written. */
export type ParallelOutcome = { fatal?: FatalInputError } | 'serial';

/** Parts each worker is given ahead, so it never waits while the main thread computes one itself. */
const AHEAD = 2;

interface OpenTail {
  entry: string;
  firstLine: number;
  text: EncodedText;
  rejections: Rejection[];
  totals: RunTotalsData[];
  /** Rows of later parts that computed no line: in one pass they are held with this entry, after its lines. */
  after: Array<{ text: EncodedText; rejections: Rejection[]; totals: RunTotalsData[] }>;
  states: EntrySnapshots;
  part: NumberedPart;
}

async function* once(bytes: Buffer): AsyncGenerator<Buffer> {
  yield bytes;
}

export async function runParallel(run: ParallelRun, ctx: ParallelContext): Promise<ParallelOutcome> {
  // A file that cannot be read is left to the one-thread reader, which says why.
  const file = await open(run.path, 'r').catch(() => undefined);
  if (!file) return 'serial';
  try {
    return await runOn(file, run, ctx);
  } catch (e) {
    if (!(e instanceof FileChangedError)) throw e;
    return { fatal: { file: run.reader.file, sourceLine: e.line ?? 1, reason: e.message } };
  } finally {
    await file.close();
  }
}

/** A part's bytes read again from the file (the view FileParts gave is gone once it moved on). */
function loadPart(file: OpenFile, part: NumberedPart): NumberedPart {
  if (part.streamedLength !== undefined) return { ...part, slices: slicesFrom(file, part) };
  const bytes = Buffer.allocUnsafe(part.bytes.length);
  const n = readSync(file.fd, bytes, 0, bytes.length, part.offset);
  if (n !== bytes.length) throw new FileChangedError(file.size, undefined, part.firstLine);
  return { ...part, bytes };
}

const STREAMED_SLICE_BYTES = 1 << 16;

/** The bytes of a part too large to hold, a slice at a time. */
function* slicesFrom(file: OpenFile, part: NumberedPart): Generator<Uint8Array> {
  const slice = Buffer.allocUnsafe(STREAMED_SLICE_BYTES);
  for (let done = 0; done < part.streamedLength!; ) {
    const n = readSync(file.fd, slice, 0, Math.min(slice.length, part.streamedLength! - done), part.offset + done);
    if (n === 0) throw new FileChangedError(file.size, undefined, part.firstLine);
    done += n;
    yield slice.subarray(0, n);
  }
}

/** The file of a run and its size when opened: every part must be read again as it was first read. */
interface OpenFile {
  fd: number;
  size: number;
}

async function runOn(handle: FileHandle, run: ParallelRun, ctx: ParallelContext): Promise<ParallelOutcome> {
  const file: OpenFile = { fd: handle.fd, size: (await handle.stat()).size };
  let bytesRead = 0;
  const parts = new FileParts(
    {
      read: async (into, at, length) => {
        const n = (await handle.read(into, at, length, null)).bytesRead;
        bytesRead += n;
        return n;
      },
    },
    run.partBytes,
  );
  const head = await parts.header(run.reader.delimiter).catch(() => undefined);
  if (!head) return 'serial';
  const first = (await readLineItemBatches(once(head.bytes), run.reader).next()).value?.[0];
  if (first?.kind !== 'header' || first.layout !== 'lines') return 'serial';
  const header = first.header;
  const entryColumn = header.index.entry;
  if (entryColumn === undefined) return 'serial';
  ctx.onHeader(header);
  const defaultEntry = run.reader.defaultEntry ?? '1';
  const renderer = csvPartRenderer(run.what, run.compiled, run.reader.file);
  ctx.output.add(renderer.head);
  // One reader for the main thread's parts and the stitcher's: a read is done before the next starts.
  const here = new ChunkReader(header, head.delimiter, run.reader);
  const stitcher = new Stitcher(run, ctx, renderer, here, (p) => loadPart(file, p));
  const pool = new PartPool(run.jobs - 1, { path: run.path, what: run.what, ruleSets: run.ruleSets, compute: run.compute, reader: run.reader, header, delimiter: head.delimiter }, ctx.output.pool);
  try {
    // In file order; `ready` once the result is in, so results are put together as soon as they can be
    // (each held waiting keeps its output, in memory shared with a worker that then has less to write into).
    const inflight: Array<{ part: NumberedPart; result: Promise<PartResult>; ready: boolean }> = [];
    const track = (part: NumberedPart, result: Promise<PartResult>, ready: boolean): void => {
      const f = { part, result, ready };
      if (!ready) result.then(() => (f.ready = true), () => (f.ready = true));
      inflight.push(f);
    };
    let seq = 0;
    let local = 0;
    const computeRestHere = async (from: NumberedPart, why: string): Promise<void> => {
      ctx.trace?.(`the part starting at line ${from.firstLine} ${why}; the rest of the file is computed on one thread`);
      await pool.close();
      await stitcher.computeFrom(from);
      for (const f of inflight.splice(0)) await stitcher.computeFrom(f.part);
    };
    const settleFirst = async (): Promise<void> => {
      const { part, result } = inflight.shift()!;
      let r: PartResult;
      try {
        r = await result;
      } catch (e) {
        return computeRestHere(part, `could not be computed by a worker thread (${(e as Error).message})`);
      }
      const broken = stitcher.break(part, r);
      if (broken === undefined) return stitcher.commit(part, r);
      return computeRestHere(part, broken);
    };
    for await (const part of parts.parts((fields) => (fields[entryColumn] ?? '').trim() || defaultEntry)) {
      if (stitcher.done) break;
      if (part.insideEntry && !stitcher.serial) {
        // One entry longer than a part: its lines cannot be divided, and holding them all is no job for a capped worker.
        while (inflight.length > 0 && !stitcher.done && !stitcher.serial) await settleFirst();
        if (stitcher.done) break;
        if (!stitcher.serial) await computeRestHere(part, 'is in the middle of an entry too long to be a part of its own');
        else await stitcher.computeFrom(part);
        continue;
      }
      if (stitcher.serial) {
        await stitcher.computeFrom(part);
        continue;
      }
      seq += 1;
      if (part.streamedLength !== undefined) {
        // A record too long to hold, passed over here: no worker is given it.
        track(part, Promise.resolve(computePart(loadPart(file, part), here, run.compiled, run.compute, renderer, ctx.output.pool, groupByOf(run.what))), true);
        local += 1;
      } else if (pool.pending < pool.size * AHEAD) track(part, pool.compute(seq, part), false);
      else {
        track(part, Promise.resolve(computePart(part, here, run.compiled, run.compute, renderer, ctx.output.pool, groupByOf(run.what))), true);
        local += 1;
      }
      while (inflight.length > 0 && (inflight[0]!.ready || inflight.length >= (AHEAD + 1) * run.jobs) && !stitcher.done && !stitcher.serial) await settleFirst();
    }
    while (inflight.length > 0 && !stitcher.done) await settleFirst();
    stitcher.finish();
    if (!stitcher.done && bytesRead !== file.size) throw new FileChangedError(file.size, bytesRead, stitcher.lineReached);
    ctx.trace?.(`${seq} part(s) of about ${run.partBytes} bytes sent to ${run.jobs} threads (${local} computed by the main thread)`);
    return stitcher.fatal ? { fatal: stitcher.fatal } : {};
  } finally {
    await pool.close();
  }
}

/** Puts the parts' results together in file order, or computes parts itself once they cannot be. */
class Stitcher {
  private readonly comparer: Comparer;
  private open: OpenTail | undefined;
  /** Where the next part must start to read as the whole file does; unknown until the first part. */
  private nextLine: number | undefined;
  private rowsBefore = 0;
  serial = false;
  fatal: FatalInputError | undefined;
  private readonly events: CompareEvent[] = [];

  constructor(
    private readonly run: ParallelRun,
    private readonly ctx: ParallelContext,
    private readonly renderer: CsvPartRenderer,
    private readonly reader: ChunkReader,
    /** The bytes of a part that FileParts has moved past. */
    private readonly load: (part: NumberedPart) => NumberedPart,
  ) {
    this.comparer = new Comparer(run.compiled, run.reader.file, run.compute);
  }

  get done(): boolean {
    return this.fatal !== undefined;
  }

  /** The physical line after the parts put together so far. */
  get lineReached(): number {
    return this.nextLine ?? 1;
  }

  private seen(entry: string): boolean {
    return this.comparer.entryIndex.has(entry) || entry === this.open?.entry;
  }

  /** Why the part, computed on its own, does not read as it would in one pass over the file; undefined when it does. */
  break(part: NumberedPart, r: PartResult): string | undefined {
    if (this.nextLine !== undefined && (part.firstLine !== this.nextLine || part.rowsBefore !== this.rowsBefore)) return `was numbered from line ${part.firstLine}, row ${part.rowsBefore + 1}, but the previous part ends at line ${this.nextLine - 1}, row ${this.rowsBefore}`;
    if (r.firstEntry !== undefined && r.firstEntry === this.open?.entry) return `continues entry ${r.firstEntry}`;
    const again = [...r.entryIds, ...(r.tailEntry !== undefined ? [r.tailEntry] : [])].find((e) => this.seen(e));
    return again === undefined ? undefined : `has lines of entry ${again}, which appeared earlier in the file`;
  }

  private restore(s: EntrySnapshots): void {
    this.comparer.restore(s.entry, s.states);
  }

  private merge(totals: readonly RunTotalsData[]): void {
    totals.forEach((t, i) => this.ctx.totals[i]!.merge(t));
  }

  private write(text: EncodedText, rejections: readonly Rejection[]): void {
    for (const bytes of text) this.ctx.output.addBytes(bytes);
    this.ctx.output.rejectedElsewhere(rejections);
  }

  async commit(part: NumberedPart, r: PartResult): Promise<void> {
    if (r.firstEntry === undefined && this.open) {
      // Nothing computed: every row of the part was read while the open entry was (see OpenTail.after).
      this.open.after.push({ text: r.lead, rejections: r.leadRejections, totals: r.totals });
    } else {
      this.closeOpenTail();
      this.write(r.lead, r.leadRejections);
      this.write(r.body, r.bodyRejections);
      this.merge(r.totals);
    }
    for (const e of JSON.parse(r.entries) as EntrySnapshots[]) this.restore(e);
    if (r.tailEntry !== undefined) this.open = { entry: r.tailEntry, firstLine: r.tailFirstLine!, text: r.tail, rejections: r.tailRejections, totals: r.tailTotals, after: [], states: r.tailStates!, part };
    this.nextLine = r.nextLine;
    this.rowsBefore = part.rowsBefore + r.rows;
    this.fatal = r.fatal;
    this.ctx.progress.advance(r.rows);
    await this.ctx.output.flush();
  }

  private closeOpenTail(): void {
    const t = this.open;
    if (!t) return;
    this.write(t.text, t.rejections);
    this.merge(t.totals);
    this.restore(t.states);
    for (const a of t.after) {
      this.write(a.text, a.rejections);
      this.merge(a.totals);
    }
    this.open = undefined;
  }

  /**
   * Computes `part` on the main thread, after the entry left open by the last part put together: its lines
   * are fed again (they were computed as a closed group) so the entry continues into this part.
   */
  async computeFrom(part: NumberedPart): Promise<void> {
    if (!this.serial) {
      this.serial = true;
      const t = this.open;
      if (t) {
        this.open = undefined;
        // The tail's text, its held rows and the rows after it are written again, with the entry continued:
        // its rows are held again in their places (counted when the entry is written).
        this.reader.read(this.load(t.part), (ev) => {
          if (ev.kind === 'line' ? ev.item.sourceLine < t.firstLine : ev.rejection.sourceLine < t.firstLine) return;
          if (ev.kind === 'line') this.comparer.push(ev.item, this.events);
          else this.comparer.holdIfOpen(ev.rejection);
          this.events.length = 0;
        });
        for (const a of t.after) for (const r of a.rejections) this.comparer.holdIfOpen(r);
      }
    }
    if (this.done) return;
    const sink = { out: this.ctx.output.bytes, rejections: [] as Rejection[], totals: this.ctx.totals };
    const read = this.reader.read({ ...this.load(part), firstLine: this.nextLine ?? part.firstLine, rowsBefore: this.rowsBefore }, (ev) => {
      if (ev.kind === 'line') this.comparer.push(ev.item, this.events);
      else if (!this.comparer.holdIfOpen(ev.rejection)) this.events.push(ev);
      renderEvents(this.events, this.renderer, sink);
    });
    this.ctx.output.rejectedElsewhere(sink.rejections);
    this.nextLine = read.nextLine;
    this.rowsBefore += read.rows;
    this.fatal = read.fatal;
    this.ctx.progress.advance(read.rows);
    await this.ctx.output.flush();
  }

  /** Closes the last entry: the open tail of the last part, or the main thread's open group. */
  finish(): void {
    if (this.serial) {
      const sink = { out: this.ctx.output.bytes, rejections: [] as Rejection[], totals: this.ctx.totals };
      renderEvents(this.comparer.flush(this.events), this.renderer, sink);
      this.ctx.output.rejectedElsewhere(sink.rejections);
      return;
    }
    this.closeOpenTail();
  }
}
