/**
 * `compare` end to end: every line under each scenario, streamed, with per-scenario totals.
 */
import { compileSchedule } from '../engine/compile.js';
import { Comparer, type CompareEvent } from '../engine/compare.js';
import { RunTotals } from '../engine/totals.js';
import type { HtsTable } from '../rules/hts/types.js';
import { defaultOrigin, type RuleSet } from '../rules/rule-set.js';
import { shown } from './terminal-text.js';
import { EXIT } from './exit-codes.js';
import { CompareCsvRenderer, CompareJsonRenderer, CompareTableRenderer, type CompareRenderer } from './formats/compare.js';
import { CompareHtmlRenderer } from './formats/html.js';
import type { OutputFormat } from './renderer.js';
import { openInput } from './input-source.js';
import { batchOutputOf, type EstimateRequest, type Io } from './run-estimate.js';
import { streamLines } from './stream-lines.js';
import { scatteredEntriesOf, settleScattered } from './scattered-entries.js';
import type { HeaderReport } from '../input/header.js';
import type { FatalInputError } from '../input/read-line-items.js';
import { inParallel } from './parallel/jobs.js';
import { countsLine, lineMarkSentences } from './line-marks.js';
import { summarize, type RunSummary } from './summary.js';

export interface CompareRequest extends Omit<EstimateRequest, 'explain'> {
  entriesOnly: boolean;
}

function renderer(format: OutputFormat): CompareRenderer {
  switch (format) {
    case 'csv':
      return new CompareCsvRenderer();
    case 'json':
      return new CompareJsonRenderer();
    case 'html':
      return new CompareHtmlRenderer();
    case 'table':
      return new CompareTableRenderer();
  }
}

export async function runCompare(req: CompareRequest, scenarios: RuleSet[], hts: HtsTable, io: Io): Promise<{ exitCode: number; summaries: RunSummary[] }> {
  const compiled = scenarios.map((r) => compileSchedule(r, hts));
  const input = openInput(req.input, io.stdin);
  const name = input.name;
  const output = batchOutputOf(req, io);
  const compute = { asOf: req.asOf, brokerageCents: req.brokerageCents };
  const totals = scenarios.map(() => new RunTotals());
  const onHeader = (h: HeaderReport): void => output.rejects?.setHeader(h.raw);
  const reader = { ...req.reader, file: name, defaultOrigin: defaultOrigin(scenarios[0]!) };
  const jobs = { input: req.input, format: req.format, layout: req.reader.layout, jobs: req.jobs, ...(req.trace ? { trace: req.trace } : {}) };
  const scattered = await scatteredEntriesOf(jobs, reader, input);
  const outcome = scattered.size > 0 ? 'serial' : await inParallel(
    jobs,
    { what: { command: 'compare', entriesOnly: req.entriesOnly }, ruleSets: scenarios, compiled, compute, reader: reader },
    { output, totals, onHeader },
    io.stderr,
  );
  let fatal: FatalInputError | undefined;
  let summaries: RunSummary[];
  if (outcome === 'serial') {
    const out = renderer(req.format);
    const comparer = new Comparer(compiled, name, compute);
    await settleScattered(input, reader, scattered, comparer, io.stderr);
    const events: CompareEvent[] = [];
    output.add(out.begin({ labels: scenarios.map((r) => r.scenario), provenances: compiled.map((c) => c.provenance), inputName: name, entriesOnly: req.entriesOnly }));
    const handle = (list: CompareEvent[]): void => {
      for (const ev of list) {
        if (ev.kind === 'entry') {
          ev.compared.results.forEach((r, i) => totals[i]!.addEntry(r));
          if (out.entryBytes) out.entryBytes(ev.compared, output.bytes);
          else output.add(out.entry(ev.compared));
        } else {
          for (const t of totals) t.linesRejected += 1;
          output.reject(ev.rejection, out.rejected(ev.rejection));
        }
      }
      list.length = 0;
    };
    fatal = await streamLines(input, reader, io.stderr, {
      header: onHeader,
      item: (item) => handle(comparer.push(item, events)),
      rejected: (rejection) => handle([{ kind: 'rejected', rejection }]),
      afterBatch: () => output.flush(),
    });
    handle(comparer.flush(events));
    summaries = totals.map((t, i) => summarize(t, compiled[i]!.provenance));
    output.add(out.end(summaries));
  } else {
    fatal = outcome.fatal;
    summaries = totals.map((t, i) => summarize(t, compiled[i]!.provenance));
  }
  await output.close();
  if (fatal) {
    io.stderr.write(`${shown(fatal.file)}:${fatal.sourceLine}: ${shown(fatal.reason)}\n`);
    return { exitCode: EXIT.USAGE_OR_RULES, summaries };
  }
  if (req.out) {
    const c = summaries[0]!.counts;
    io.stderr.write(`${countsLine(c)} (in the first scenario)\n`);
    for (const sentence of lineMarkSentences(c)) io.stderr.write(`${sentence} (in the first scenario)\n`);
  }
  return { exitCode: totals[0]!.linesRejected > 0 ? EXIT.SOME_REJECTED : EXIT.OK, summaries };
}
