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
import { readLineItemBatches, type ReaderOptions } from '../input/read-line-items.js';
import type { HtsTable } from '../rules/hts/types.js';
import type { RuleSet } from '../rules/rule-set.js';
import { EXIT } from './exit-codes.js';
import { CsvRenderer } from './formats/csv.js';
import { JsonRenderer } from './formats/json.js';
import { TableRenderer } from './formats/table.js';
import { OutputSink } from './output-sink.js';
import { ProgressMeter } from './progress.js';
import { RejectsWriter } from './rejects-writer.js';
import type { OutputFormat, Renderer } from './renderer.js';
import { summarize, type RunSummary } from './summary.js';

export interface EstimateRequest {
  /** Path of the line-item CSV, or "-" for standard input. */
  input: string;
  format: OutputFormat;
  out?: string;
  rejects?: string;
  reader: Omit<ReaderOptions, 'file'>;
  explain?: boolean;
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

export async function runEstimate(req: EstimateRequest, rules: RuleSet, hts: HtsTable, io: Io): Promise<{ exitCode: number; summary?: RunSummary }> {
  const compiled = compileSchedule(rules, hts);
  const inputName = req.input === '-' ? '<stdin>' : req.input;
  const source: Readable = req.input === '-' ? io.stdin : createReadStream(req.input);
  const renderer = makeRenderer(req.format);
  const sink = OutputSink.open(req.out, io.stdout);
  const rejects = req.rejects ? new RejectsWriter(OutputSink.open(req.rejects, io.stdout)) : undefined;
  const estimator = new Estimator(compiled, inputName, { explain: req.explain });
  const totals = new RunTotals();
  const progress = new ProgressMeter(io.stderr);

  await sink.write(renderer.begin({ provenance: compiled.provenance, schedule: rules.schedule, inputName }));
  const events: EstimateEvent[] = [];
  // Each batch (one chunk of input) is rendered synchronously into one string and written with one await:
  // awaiting per line would cost more than computing the line.
  let text = '';
  let rejectedRows: Rejection[] = [];
  const handle = (ev: EstimateEvent): void => {
    if (ev.kind === 'entry') {
      totals.addEntry(ev.entry);
      text += renderer.entry(ev.entry);
    } else {
      totals.linesRejected += 1;
      text += renderer.rejected(ev.rejection);
      if (rejects) rejectedRows.push(ev.rejection);
    }
  };
  const writeOut = async (): Promise<void> => {
    await sink.write(text);
    text = '';
    for (const r of rejectedRows) await rejects!.add(r);
    rejectedRows = [];
  };

  for await (const batch of readLineItemBatches(source, { ...req.reader, file: inputName })) {
    for (const ev of batch) {
      if (ev.kind === 'fatal') {
        for (const e of estimator.flush([])) handle(e);
        await writeOut();
        io.stderr.write(`${ev.error.file}:${ev.error.sourceLine}: ${ev.error.reason}\n`);
        await sink.write(renderer.end(summarize(totals, compiled.provenance)));
        await sink.close();
        await rejects?.close();
        return { exitCode: EXIT.USAGE_OR_RULES };
      }
      if (ev.kind === 'header') {
        rejects?.setHeader(ev.header.raw);
        if (ev.header.ignored.length > 0) io.stderr.write(`note: ignored columns: ${ev.header.ignored.join(', ')}\n`);
        continue;
      }
      events.length = 0;
      if (ev.kind === 'rejected') events.push({ kind: 'rejected', rejection: ev.rejection });
      else estimator.push(ev.item, events);
      for (const e of events) handle(e);
      progress.tick();
    }
    await writeOut();
  }
  events.length = 0;
  for (const e of estimator.flush(events)) handle(e);
  await writeOut();
  progress.done();

  const summary = summarize(totals, compiled.provenance);
  await sink.write(renderer.end(summary));
  await sink.close();
  await rejects?.close();
  if (req.out && req.format !== 'table') {
    const c = summary.counts;
    io.stderr.write(`Lines read ${c.read} = computed ${c.computed} + not importable ${c.prohibited} + rejected ${c.rejected}\n`);
  }
  return { exitCode: totals.linesRejected > 0 ? EXIT.SOME_REJECTED : EXIT.OK, summary };
}
