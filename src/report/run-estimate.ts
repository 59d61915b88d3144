/**
 * `estimate` end to end: read lines as a stream, compute them entry by entry, render and write as they
 * come, keep rejected rows, and return the exit code. Memory holds one entry group and per-entry fee state.
 */
import { createReadStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { compileSchedule } from '../engine/compile.js';
import { Estimator, type EstimateEvent } from '../engine/estimator.js';
import { RunTotals } from '../engine/totals.js';
import type { Rejection } from '../input/line-item.js';
import type { ReaderOptions } from '../input/read-line-items.js';
import type { HtsTable } from '../rules/hts/types.js';
import type { RuleSet } from '../rules/rule-set.js';
import { EXIT } from './exit-codes.js';
import { CsvRenderer } from './formats/csv.js';
import { JsonRenderer } from './formats/json.js';
import { TableRenderer } from './formats/table.js';
import { OutputSink } from './output-sink.js';
import { RejectsWriter } from './rejects-writer.js';
import type { OutputFormat, Renderer } from './renderer.js';
import { streamLines } from './stream-lines.js';
import { summarize, type RunSummary } from './summary.js';

export interface EstimateRequest {
  /** Path of the line-item CSV, or "-" for standard input. */
  input: string;
  format: OutputFormat;
  out?: string;
  rejects?: string;
  reader: Omit<ReaderOptions, 'file'>;
  explain?: boolean;
  /** Evaluate every line as if entered on this date. */
  asOf?: string;
  /** Brokerage per entry (cents) for entries whose lines give none. */
  brokerageCents?: number;
}

export interface Io {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
}

export function makeRenderer(format: OutputFormat): Renderer {
  switch (format) {
    case 'csv':
      return new CsvRenderer();
    case 'json':
      return new JsonRenderer();
    case 'table':
      return new TableRenderer();
  }
}

export function openInput(input: string, io: Io): { source: Readable; name: string } {
  return input === '-' ? { source: io.stdin, name: '<stdin>' } : { source: createReadStream(input), name: input };
}

/** Rejected rows waiting for the next write, so a batch is written with one await. */
export class RejectsBuffer {
  private rows: Rejection[] = [];
  constructor(readonly writer: RejectsWriter | undefined) {}
  add(r: Rejection): void {
    if (this.writer) this.rows.push(r);
  }
  async flush(): Promise<void> {
    for (const r of this.rows) await this.writer!.add(r);
    this.rows = [];
  }
}

export async function runEstimate(req: EstimateRequest, rules: RuleSet, hts: HtsTable, io: Io): Promise<{ exitCode: number; summary?: RunSummary }> {
  const compiled = compileSchedule(rules, hts);
  const { source, name } = openInput(req.input, io);
  const renderer = makeRenderer(req.format);
  const sink = OutputSink.open(req.out, io.stdout);
  const rejects = new RejectsBuffer(req.rejects ? new RejectsWriter(OutputSink.open(req.rejects, io.stdout)) : undefined);
  const estimator = new Estimator(compiled, name, { explain: req.explain, asOf: req.asOf, brokerageCents: req.brokerageCents });
  const totals = new RunTotals();
  const events: EstimateEvent[] = [];
  let text = renderer.begin({ provenance: compiled.provenance, schedule: compiled.rules.schedule, inputName: name });

  const handle = (list: EstimateEvent[]): void => {
    for (const ev of list) {
      if (ev.kind === 'entry') {
        totals.addEntry(ev.entry);
        text += renderer.entry(ev.entry);
      } else {
        totals.linesRejected += 1;
        text += renderer.rejected(ev.rejection);
        rejects.add(ev.rejection);
      }
    }
    list.length = 0;
  };
  const writeOut = async (): Promise<void> => {
    await sink.write(text);
    text = '';
    await rejects.flush();
  };

  const fatal = await streamLines(source, { ...req.reader, file: name }, io.stderr, {
    header: (h) => {
      rejects.writer?.setHeader(h.raw);
      if (h.ignored.length > 0) io.stderr.write(`note: ignored columns: ${h.ignored.join(', ')}\n`);
    },
    item: (item) => handle(estimator.push(item, events)),
    rejected: (rejection) => handle([{ kind: 'rejected', rejection }]),
    afterBatch: writeOut,
  });
  handle(estimator.flush(events));
  const summary = summarize(totals, compiled.provenance);
  text += renderer.end(summary);
  await writeOut();
  await sink.close();
  await rejects.writer?.close();
  if (fatal) {
    io.stderr.write(`${fatal.file}:${fatal.sourceLine}: ${fatal.reason}\n`);
    return { exitCode: EXIT.USAGE_OR_RULES, summary };
  }
  if (req.out && req.format !== 'table') {
    const c = summary.counts;
    io.stderr.write(`Lines read ${c.read} = computed ${c.computed} + not importable ${c.prohibited} + rejected ${c.rejected}\n`);
  }
  return { exitCode: totals.linesRejected > 0 ? EXIT.SOME_REJECTED : EXIT.OK, summary };
}
