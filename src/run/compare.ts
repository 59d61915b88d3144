/**
 * `compare` end to end: every line under each scenario, through the shared loop (line-run.ts), with
 * per-scenario totals.
 */
import { compileSchedules } from '../engine/compile.js';
import { Comparer, type ComparedEntry } from '../engine/compare.js';
import { RunTotals } from '../engine/totals.js';
import type { GroupLevel } from '../engine/group-totals.js';
import type { HtsTable } from '../rules/hts/types.js';
import type { RuleSet } from '../rules/rule-set.js';
import { CompareCsvRenderer, CompareJsonRenderer, CompareTableRenderer, type CompareContext, type CompareRenderer, type ScenarioDescription } from '../report/formats/compare.js';
import { CompareHtmlRenderer } from '../report/formats/compare-html.js';
import { groupedRenderer } from '../report/formats/grouped.js';
import type { OutputFormat } from '../report/renderer.js';
import type { RunSummary } from '../report/summary.js';
import type { Io } from './io.js';
import { runLines, type LineRequest } from './line-run.js';

export interface CompareRequest extends LineRequest {
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
  const compiled = compileSchedules(scenarios, hts);
  const compute = { asOf: req.asOf, brokerageCents: req.brokerageCents };
  const context = (inputName: string): CompareContext => ({ labels: scenarios.map((r) => r.scenario), provenances: compiled.map((c) => c.provenance), inputName, entriesOnly: req.entriesOnly, descriptions: scenarios.map(describedScenario) });
  return runLines<ComparedEntry>(
    req,
    {
      ruleSets: scenarios,
      compiled,
      compute,
      what: { command: 'compare', entriesOnly: req.entriesOnly, ...(req.by ? { by: req.by } : {}) },
      totals: scenarios.map(() => new RunTotals(req.by)),
      feed: (name) => new Comparer(compiled, name, compute),
      renderer: async (name) => {
        const out = renderer(req.format, req.by);
        return {
          begin: () => out.begin(context(name)),
          entry: (e) => out.entry(e),
          ...(out.entryBytes ? { entryBytes: (e: ComparedEntry, bytes) => out.entryBytes!(e, bytes) } : {}),
          rejected: (r) => out.rejected(r),
          end: (s) => out.end(s),
        };
      },
      results: (e) => e.results,
      // The grouped report is written at the end, from the sums the threads put together.
      ...(req.by ? { afterThreads: (summaries: RunSummary[], name: string) => {
        const out = groupedRenderer(req.format, req.by!);
        out.begin(context(name));
        return out.end(summaries);
      } } : {}),
      countsNote: ' (in the first scenario)',
    },
    io,
  );
}
