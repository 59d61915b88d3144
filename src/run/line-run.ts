/**
 * The one read, compute, render loop of the commands that read a line-item file (estimate and compare):
 * a first pass over the file (slash-date order, entries split across the file), then either worker threads
 * (CSV of a large file) or one stream read batch by batch, computed entry by entry, rendered and written as
 * it comes; then the counts, the warnings and the exit code. Memory holds one entry group and per-entry fee
 * state. What differs between the commands (one schedule or several, their renderers) is a LineRun.
 */
import type { CompiledSchedule } from '../engine/compile.js';
import type { ComputeOptions } from '../engine/compute-line.js';
import type { EntryEvent } from '../engine/estimator.js';
import type { RunTotals } from '../engine/totals.js';
import type { EntryResult } from '../engine/types.js';
import type { HeaderReport } from '../input/header.js';
import type { FatalInputError, ReaderOptions } from '../input/read-line-items.js';
import type { LineItem, Rejection } from '../model/line-item.js';
import type { ByteWriter } from '../bytes/byte-writer.js';
import { defaultOrigin, scheduleCurrency, type RuleSet } from '../rules/rule-set.js';
import { countsLine, lineMarkSentences } from '../report/line-marks.js';
import { unusedRateWarnings } from '../report/invoice-currency.js';
import type { OutputFormat } from '../report/renderer.js';
import { summarize, type RunSummary } from '../report/summary.js';
import { shown } from '../report/terminal-text.js';
import { batchOutputOf, type BatchOutput } from './batch-output.js';
import { EXIT } from './exit-codes.js';
import { firstPass } from './first-pass.js';
import { openInput, type InputSource } from './input-source.js';
import type { Io } from './io.js';
import { inParallel } from './parallel/jobs.js';
import type { ParallelCommand } from './parallel/csv-part-renderer.js';
import { settleScattered, type EntryGatherer } from './scattered-entries.js';
import { streamLines } from './stream-lines.js';

/** What every command over a line-item file is asked. */
export interface LineRequest {
  /** Path of the line-item CSV, or "-" for standard input. */
  input: string;
  format: OutputFormat;
  out?: string;
  rejects?: string;
  /** Start the output with a UTF-8 byte-order mark (CSV for Excel). */
  bom?: boolean;
  reader: Omit<ReaderOptions, 'file'>;
  /** Evaluate every line as if entered on this date. */
  asOf?: string;
  /** Brokerage per entry (cents) for entries whose lines give none. */
  brokerageCents?: number;
  /** Worker threads for CSV output of a large file: undefined chooses, 1 keeps one thread (see workerThreads). */
  jobs?: number;
  /** Size of the parts the file is cut into for the threads (see jobs.ts). */
  partBytes?: number;
  /** Notes on how the run was divided among threads (--debug). */
  trace?: (message: string) => void;
}

/** The engine a run feeds, line by line in file order: an Estimator (E = EntryResult) or a Comparer. */
export interface EntryFeed<E> extends EntryGatherer {
  push(item: LineItem, out?: EntryEvent<E>[]): EntryEvent<E>[];
  /** Holds a row rejected while an entry is open, to be written among its lines; false when none is open. */
  holdIfOpen(rejection: Rejection): boolean;
  flush(out?: EntryEvent<E>[]): EntryEvent<E>[];
}

/** A renderer of the run's entries with its context bound. */
export interface EntryRenderer<E> {
  begin(): string;
  entry(entry: E): string;
  /** The entry written as bytes, where a format can do that without building strings (CSV). */
  entryBytes?(entry: E, out: ByteWriter): void;
  rejected(rejection: Rejection): string;
  end(summaries: RunSummary[]): string;
}

/** What a command computes and renders over the lines. */
export interface LineRun<E> {
  /** The rule sets, one per scenario (or per schedule version); the first gives the default origin. */
  ruleSets: RuleSet[];
  compiled: CompiledSchedule[];
  compute: ComputeOptions;
  /** The command as the worker threads are told it. */
  what: ParallelCommand;
  /** One per rule set. */
  totals: RunTotals[];
  feed(inputName: string): EntryFeed<E>;
  renderer(inputName: string): Promise<EntryRenderer<E>>;
  /** An entry's results, one per rule set in order. */
  results(entry: E): readonly EntryResult[];
  /** After worker threads wrote the lines: what goes at the end still (compare --by writes its groups then). */
  afterThreads?(summaries: RunSummary[], inputName: string): string;
  /** The header as read, besides keeping it for the rejects file. */
  header?(header: HeaderReport): void;
  /** Said after the counts on standard error (compare: which scenario they are of). */
  countsNote: string;
}

export async function runLines<E>(req: LineRequest, run: LineRun<E>, io: Io): Promise<{ exitCode: number; summaries: RunSummary[] }> {
  const input = openInput(req.input, io.stdin);
  const name = input.name;
  const given = { ...req.reader, file: name, defaultOrigin: defaultOrigin(run.ruleSets[0]!), scheduleCurrency: scheduleCurrency(run.ruleSets[0]!) };
  const jobs = { input: req.input, format: req.format, layout: req.reader.layout, jobs: req.jobs, ...(req.partBytes ? { partBytes: req.partBytes } : {}), ...(req.trace ? { trace: req.trace } : {}) };
  const first = await firstPass(input, given, io.stderr, jobs);
  if (!first.ok) {
    io.stderr.write(`${shown(name)}: ${shown(first.reason)}\n`);
    return { exitCode: EXIT.USAGE_OR_RULES, summaries: [] };
  }
  const { scattered, reader } = first;
  const output = batchOutputOf(req, io);
  const onHeader = (h: HeaderReport): void => {
    output.rejects?.setHeader(h.raw);
    run.header?.(h);
  };
  const outcome = scattered.size > 0 ? 'serial' : await inParallel(
    jobs,
    { what: run.what, ruleSets: run.ruleSets, compiled: run.compiled, compute: run.compute, reader },
    { output, totals: run.totals, onHeader },
    io.stderr,
  );
  const summaries = (): RunSummary[] => run.totals.map((t, i) => summarize(t, run.compiled[i]!.provenance));
  let fatal: FatalInputError | undefined;
  let summarized: RunSummary[];
  if (outcome === 'serial') {
    const feed = run.feed(name);
    await settleScattered(input, reader, scattered, feed, io.stderr);
    const renderer = await run.renderer(name);
    output.add(renderer.begin());
    fatal = await feedLines(input, reader, io.stderr, holdingRejected(feed), (ev) => {
      if (ev.kind === 'entry') writeEntry(ev.entry, run, renderer, output);
      else {
        for (const t of run.totals) t.addRejection(ev.rejection);
        output.reject(ev.rejection, renderer.rejected(ev.rejection));
      }
    }, { header: onHeader, afterBatch: () => output.flush() });
    summarized = summaries();
    output.add(renderer.end(summarized));
  } else {
    fatal = outcome.fatal;
    summarized = summaries();
    if (run.afterThreads) output.add(run.afterThreads(summarized, name));
  }
  await output.close();
  if (fatal) {
    io.stderr.write(`${shown(fatal.file)}:${fatal.sourceLine}: ${shown(fatal.reason)}\n`);
    return { exitCode: EXIT.USAGE_OR_RULES, summaries: summarized };
  }
  for (const warning of unusedRateWarnings(req.reader.fx, summarized[0]!)) io.stderr.write(`${warning}\n`);
  if (req.out) {
    const c = summarized[0]!.counts;
    io.stderr.write(`${countsLine(c)}${run.countsNote}\n`);
    for (const sentence of lineMarkSentences(c)) io.stderr.write(`${sentence}${run.countsNote}\n`);
  }
  return { exitCode: run.totals[0]!.linesRejected > 0 ? EXIT.SOME_REJECTED : EXIT.OK, summaries: summarized };
}

/** What the read loop feeds, event by event in file order: an engine, or a command's routing in front of one. */
export interface LineFeed<Ev> {
  push(item: LineItem, out: Ev[]): Ev[];
  /** A row the reader rejected: given back as an event, or held until an entry closes. */
  reject(rejection: Rejection, out: Ev[]): Ev[];
  /** At the end of the input: what is still open. */
  flush(out: Ev[]): Ev[];
}

/**
 * The read, compute loop every command over a file shares: each row read goes to `feed`, each event that
 * comes back to `handle` at once, in file order; `afterBatch` (which writes the batch's output) is awaited once
 * per batch. Returns the fatal input error that stopped the read, if any (what was open is handled first).
 */
export async function feedLines<Ev>(
  input: InputSource,
  reader: ReaderOptions,
  progress: NodeJS.WritableStream & { isTTY?: boolean },
  feed: LineFeed<Ev>,
  handle: (event: Ev) => void,
  hooks: { header?: (header: HeaderReport) => void; afterBatch: () => Promise<void> },
): Promise<FatalInputError | undefined> {
  const events: Ev[] = [];
  const take = (list: Ev[]): void => {
    for (const ev of list) handle(ev);
    list.length = 0;
  };
  const fatal = await streamLines(input, reader, progress, {
    ...(hooks.header ? { header: hooks.header } : {}),
    item: (item) => take(feed.push(item, events)),
    rejected: (rejection) => take(feed.reject(rejection, events)),
    afterBatch: hooks.afterBatch,
  });
  take(feed.flush(events));
  return fatal;
}

/** An engine's feed where a row rejected inside an open entry is held and written among its lines. */
function holdingRejected<E>(engine: EntryFeed<E>): LineFeed<EntryEvent<E>> {
  return {
    push: (item, out) => engine.push(item, out),
    reject: (rejection, out) => {
      if (!engine.holdIfOpen(rejection)) out.push({ kind: 'rejected', rejection });
      return out;
    },
    flush: (out) => engine.flush(out),
  };
}

/** A closed entry: counted under each rule set, its held rows kept for the rejects file, and rendered. */
function writeEntry<E>(entry: E, run: LineRun<E>, renderer: EntryRenderer<E>, output: BatchOutput): void {
  const results = run.results(entry);
  for (let i = 0; i < results.length; i++) run.totals[i]!.addEntry(results[i]!);
  // Rows held among an entry's lines were read once: each scenario counts them, the rejects file keeps them once.
  for (const t of run.totals) t.addHeldRejections(results[0]!);
  output.heldWith(results[0]!);
  if (renderer.entryBytes) renderer.entryBytes(entry, output.bytes);
  else output.add(renderer.entry(entry));
}
