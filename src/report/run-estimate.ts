/**
 * `estimate` end to end: read lines as a stream, compute them entry by entry, render and write as they
 * come, keep rejected rows, and return the exit code. Memory holds one entry group and per-entry fee state.
 */
import type { Readable, Writable } from 'node:stream';
import { compileSchedule } from '../engine/compile.js';
import { Estimator, type EstimateEvent } from '../engine/estimator.js';
import { RunTotals } from '../engine/totals.js';
import type { EntryResult } from '../engine/types.js';
import type { Rejection } from '../model/line-item.js';
import type { FatalInputError, ReaderOptions } from '../input/read-line-items.js';
import type { HeaderReport } from '../input/header.js';
import { inParallel } from './parallel/jobs.js';
import type { HtsTable } from '../rules/hts/types.js';
import { defaultOrigin, scheduleCurrency, type RuleSet } from '../rules/rule-set.js';
import { shown } from './terminal-text.js';
import { EXIT } from './exit-codes.js';
import { ByteWriter } from './byte-writer.js';
import { PiecePool } from './piece-pool.js';
import { OutputSink } from './output-sink.js';
import { RejectsWriter } from './rejects-writer.js';
import type { OutputFormat, Renderer } from './renderer.js';
import { countsLine, lineMarkSentences } from './line-marks.js';
import { openInput } from './input-source.js';
import { streamLines } from './stream-lines.js';
import { settleScattered } from './scattered-entries.js';
import { firstPass } from './first-pass.js';
import { unusedRateWarnings } from './invoice-currency.js';
import { summarize, type RunSummary } from './summary.js';

export interface EstimateRequest {
  /** Path of the line-item CSV, or "-" for standard input. */
  input: string;
  format: OutputFormat;
  out?: string;
  rejects?: string;
  /** Start the output with a UTF-8 byte-order mark (CSV for Excel). */
  bom?: boolean;
  reader: Omit<ReaderOptions, 'file'>;
  explain?: boolean;
  /** Evaluate every line as if entered on this date. */
  asOf?: string;
  /** Brokerage per entry (cents) for entries whose lines give none. */
  brokerageCents?: number;
  /** Worker threads for CSV output of a large file: undefined chooses, 1 keeps one thread (see workerThreads). */
  jobs?: number;
  /** Notes on how the run was divided among threads (--debug). */
  trace?: (message: string) => void;
}

export interface Io {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
}

/** The renderer of a format; each is imported only when used (the table's and HTML's libraries cost start-up). */
async function makeRenderer(format: OutputFormat): Promise<Renderer> {
  switch (format) {
    case 'csv':
      return new (await import('./formats/csv.js')).CsvRenderer();
    case 'json':
      return new (await import('./formats/json.js')).JsonRenderer();
    case 'table':
      return new (await import('./formats/table.js')).TableRenderer();
    case 'html':
      return new (await import('./formats/html.js')).HtmlRenderer();
  }
}

/**
 * Output of one input batch: the rendered bytes and the rejected rows, written together with one await
 * per batch (awaiting per line would cost more than computing the line).
 */
export class BatchOutput {
  /** Memory to write into, used again once written (and lent to worker threads). */
  readonly pool = new PiecePool();
  /** Renderers write here, in file order (text is encoded as it comes). */
  readonly bytes = new ByteWriter(this.pool);
  private rejected: Rejection[] = [];

  constructor(
    private readonly sink: OutputSink,
    readonly rejects: RejectsWriter | undefined,
  ) {}

  add(text: string): void {
    if (text.length > 0) this.bytes.text(text);
  }

  /** Bytes encoded elsewhere (by a worker thread), after what was added before. */
  addBytes(bytes: Uint8Array): void {
    this.bytes.piece(bytes);
  }

  reject(r: Rejection, rendered: string): void {
    this.add(rendered);
    if (this.rejects && !r.outside) this.rejected.push(r);
  }

  /** The rows held with an entry group, rendered with it (see EntryResult.rejectedAmong), for the rejects file. */
  heldWith(e: EntryResult): void {
    if (e.rejectedAmong) for (const h of e.rejectedAmong) this.reject(h.rejection, '');
  }

  /** Rejections whose rows were rendered elsewhere (by a worker thread), for the rejects file. */
  rejectedElsewhere(rs: readonly Rejection[]): void {
    if (this.rejects) for (const r of rs) if (!r.outside) this.rejected.push(r);
  }

  async flush(): Promise<void> {
    await this.sink.writePieces(this.bytes.take(), (piece) => this.pool.give(piece));
    for (const r of this.rejected) await this.rejects!.add(r);
    this.rejected = [];
  }

  async close(): Promise<void> {
    await this.flush();
    await this.sink.close();
    await this.rejects?.close();
  }
}

const BYTE_ORDER_MARK = '\uFEFF';

/** The run's output (and rejects file), the byte-order mark first when asked. */
export function batchOutputOf(req: EstimateRequest, io: Io): BatchOutput {
  const output = new BatchOutput(OutputSink.open(req.out, io.stdout), req.rejects ? new RejectsWriter(OutputSink.open(req.rejects, io.stdout)) : undefined);
  if (req.bom) output.add(BYTE_ORDER_MARK);
  return output;
}

export async function runEstimate(req: EstimateRequest, rules: RuleSet, hts: HtsTable, io: Io): Promise<{ exitCode: number; summary?: RunSummary }> {
  const compiled = compileSchedule(rules, hts);
  const input = openInput(req.input, io.stdin);
  const name = input.name;
  const compute = { explain: req.explain, asOf: req.asOf, brokerageCents: req.brokerageCents };
  const totals = new RunTotals();
  const onHeader = (h: HeaderReport): void => {
    output.rejects?.setHeader(h.raw);
    if (h.ignored.length > 0) io.stderr.write(`note: ignored columns: ${h.ignored.map(shown).join(', ')}\n`);
  };
  const given = { ...req.reader, file: name, defaultOrigin: defaultOrigin(rules), scheduleCurrency: scheduleCurrency(rules) };
  const jobs = { input: req.input, format: req.format, layout: req.reader.layout, jobs: req.jobs, ...(req.trace ? { trace: req.trace } : {}) };
  const first = await firstPass(input, given, io.stderr, jobs);
  if (!first.ok) {
    io.stderr.write(`${shown(name)}: ${shown(first.reason)}\n`);
    return { exitCode: EXIT.USAGE_OR_RULES };
  }
  const { scattered, reader } = first;
  const output = batchOutputOf(req, io);
  const outcome = scattered.size > 0 ? 'serial' : await inParallel(
    jobs,
    { what: { command: 'estimate' }, ruleSets: [rules], compiled: [compiled], compute, reader },
    { output, totals: [totals], onHeader },
    io.stderr,
  );
  let summary: RunSummary;
  let fatal: FatalInputError | undefined;
  if (outcome === 'serial') {
    const renderer = await makeRenderer(req.format);
    const estimator = new Estimator(compiled, name, compute);
    await settleScattered(input, reader, scattered, estimator, io.stderr);
    const events: EstimateEvent[] = [];
    output.add(renderer.begin({ provenance: compiled.provenance, schedule: compiled.rules.schedule, inputName: name }));
    const handle = (list: EstimateEvent[]): void => {
      for (const ev of list) {
        if (ev.kind === 'entry') {
          totals.addEntry(ev.entry);
          totals.addHeldRejections(ev.entry);
          output.heldWith(ev.entry);
          if (renderer.entryBytes) renderer.entryBytes(ev.entry, output.bytes);
          else output.add(renderer.entry(ev.entry));
        } else {
          totals.addRejection(ev.rejection);
          output.reject(ev.rejection, renderer.rejected(ev.rejection));
        }
      }
      list.length = 0;
    };
    fatal = await streamLines(input, reader, io.stderr, {
      header: onHeader,
      item: (item) => handle(estimator.push(item, events)),
      rejected: (rejection) => {
        if (!estimator.holdIfOpen(rejection)) handle([{ kind: 'rejected', rejection }]);
      },
      afterBatch: () => output.flush(),
    });
    handle(estimator.flush(events));
    summary = summarize(totals, compiled.provenance);
    output.add(renderer.end(summary));
  } else {
    fatal = outcome.fatal;
    summary = summarize(totals, compiled.provenance);
  }
  await output.close();
  if (fatal) {
    io.stderr.write(`${shown(fatal.file)}:${fatal.sourceLine}: ${shown(fatal.reason)}\n`);
    return { exitCode: EXIT.USAGE_OR_RULES, summary };
  }
  for (const warning of unusedRateWarnings(req.reader.fx, summary)) io.stderr.write(`${warning}\n`);
  if (req.out) {
    const c = summary.counts;
    io.stderr.write(`${countsLine(c)}\n`);
    for (const sentence of lineMarkSentences(c)) io.stderr.write(`${sentence}\n`);
  }
  return { exitCode: totals.linesRejected > 0 ? EXIT.SOME_REJECTED : EXIT.OK, summary };
}
