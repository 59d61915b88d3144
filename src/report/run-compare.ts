/**
 * `compare` end to end: every line under each scenario, streamed, with per-scenario totals.
 */
import { compileSchedule } from '../engine/compile.js';
import { Comparer, type CompareEvent } from '../engine/compare.js';
import { RunTotals } from '../engine/totals.js';
import type { HtsTable } from '../rules/hts/types.js';
import { defaultOrigin, scheduleCurrency, type RuleSet } from '../rules/rule-set.js';
import { shown } from './terminal-text.js';
import { EXIT } from './exit-codes.js';
import { CompareCsvRenderer, CompareJsonRenderer, CompareTableRenderer, type CompareRenderer, type ScenarioDescription } from './formats/compare.js';
import { CompareHtmlRenderer } from './formats/compare-html.js';
import type { OutputFormat } from './renderer.js';
import { openInput } from './input-source.js';
import { batchOutputOf, type EstimateRequest, type Io } from './run-estimate.js';
import { streamLines } from './stream-lines.js';
import { settleScattered } from './scattered-entries.js';
import { firstPass } from './first-pass.js';
import type { HeaderReport } from '../input/header.js';
import type { FatalInputError } from '../input/read-line-items.js';
import { inParallel } from './parallel/jobs.js';
import { countsLine, lineMarkSentences } from './line-marks.js';
import { unusedRateWarnings } from './invoice-currency.js';
import { summarize, type RunSummary } from './summary.js';
import type { GroupLevel } from '../engine/group-totals.js';
import { groupedRenderer } from './formats/grouped.js';

export interface CompareRequest extends Omit<EstimateRequest, 'explain'> {
  entriesOnly: boolean;
  /** Group sums instead of lines (--by): the levels, outermost first. */
  by?: GroupLevel[];
}

function renderer(format: OutputFormat, by: GroupLevel[] | undefined): CompareRenderer {
  if (by) return groupedRenderer(format, by);
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

/** A scenario's title and description from its file; the schedule as is (current) is described by the schedule. */
function describedScenario(r: RuleSet): ScenarioDescription {
  if (r.scenarioTitle !== undefined) return { title: r.scenarioTitle, ...(r.scenarioDescription !== undefined ? { description: r.scenarioDescription } : {}) };
  return { title: `${r.schedule.title} as it is`, description: `No scenario: schedule ${r.schedule.id} ${r.schedule.version}` };
}

export async function runCompare(req: CompareRequest, scenarios: RuleSet[], hts: HtsTable, io: Io): Promise<{ exitCode: number; summaries: RunSummary[] }> {
  const compiled = scenarios.map((r) => compileSchedule(r, hts));
  const input = openInput(req.input, io.stdin);
  const name = input.name;
  const compute = { asOf: req.asOf, brokerageCents: req.brokerageCents };
  const totals = scenarios.map(() => new RunTotals(req.by));
  const onHeader = (h: HeaderReport): void => output.rejects?.setHeader(h.raw);
  const given = { ...req.reader, file: name, defaultOrigin: defaultOrigin(scenarios[0]!), scheduleCurrency: scheduleCurrency(scenarios[0]!) };
  const jobs = { input: req.input, format: req.format, layout: req.reader.layout, jobs: req.jobs, ...(req.trace ? { trace: req.trace } : {}) };
  const first = await firstPass(input, given, io.stderr, jobs);
  if (!first.ok) {
    io.stderr.write(`${shown(name)}: ${shown(first.reason)}\n`);
    return { exitCode: EXIT.USAGE_OR_RULES, summaries: [] };
  }
  const { scattered, reader } = first;
  const output = batchOutputOf(req, io);
  const outcome = scattered.size > 0 ? 'serial' : await inParallel(
    jobs,
    { what: { command: 'compare', entriesOnly: req.entriesOnly, ...(req.by ? { by: req.by } : {}) }, ruleSets: scenarios, compiled, compute, reader },
    { output, totals, onHeader },
    io.stderr,
  );
  const context = { labels: scenarios.map((r) => r.scenario), provenances: compiled.map((c) => c.provenance), inputName: name, entriesOnly: req.entriesOnly, descriptions: scenarios.map(describedScenario) };
  let fatal: FatalInputError | undefined;
  let summaries: RunSummary[];
  if (outcome === 'serial') {
    const out = renderer(req.format, req.by);
    const comparer = new Comparer(compiled, name, compute);
    await settleScattered(input, reader, scattered, comparer, io.stderr);
    const events: CompareEvent[] = [];
    output.add(out.begin(context));
    const handle = (list: CompareEvent[]): void => {
      for (const ev of list) {
        if (ev.kind === 'entry') {
          ev.compared.results.forEach((r, i) => totals[i]!.addEntry(r));
          for (const t of totals) t.addHeldRejections(ev.compared.results[0]!);
          output.heldWith(ev.compared.results[0]!);
          if (out.entryBytes) out.entryBytes(ev.compared, output.bytes);
          else output.add(out.entry(ev.compared));
        } else {
          for (const t of totals) t.addRejection(ev.rejection);
          output.reject(ev.rejection, out.rejected(ev.rejection));
        }
      }
      list.length = 0;
    };
    fatal = await streamLines(input, reader, io.stderr, {
      header: onHeader,
      item: (item) => handle(comparer.push(item, events)),
      rejected: (rejection) => {
        if (!comparer.holdIfOpen(rejection)) handle([{ kind: 'rejected', rejection }]);
      },
      afterBatch: () => output.flush(),
    });
    handle(comparer.flush(events));
    summaries = totals.map((t, i) => summarize(t, compiled[i]!.provenance));
    output.add(out.end(summaries));
  } else {
    fatal = outcome.fatal;
    summaries = totals.map((t, i) => summarize(t, compiled[i]!.provenance));
    // The grouped report is written at the end, from the sums the threads put together.
    if (req.by) {
      const out = groupedRenderer(req.format, req.by);
      out.begin(context);
      output.add(out.end(summaries));
    }
  }
  await output.close();
  if (fatal) {
    io.stderr.write(`${shown(fatal.file)}:${fatal.sourceLine}: ${shown(fatal.reason)}\n`);
    return { exitCode: EXIT.USAGE_OR_RULES, summaries };
  }
  for (const warning of unusedRateWarnings(req.reader.fx, summaries[0]!)) io.stderr.write(`${warning}\n`);
  if (req.out) {
    const c = summaries[0]!.counts;
    io.stderr.write(`${countsLine(c)} (in the first scenario)\n`);
    for (const sentence of lineMarkSentences(c)) io.stderr.write(`${sentence} (in the first scenario)\n`);
  }
  return { exitCode: totals[0]!.linesRejected > 0 ? EXIT.SOME_REJECTED : EXIT.OK, summaries };
}
