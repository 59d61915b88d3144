/**
 * `estimate` end to end: the lines under one schedule, through the shared loop (line-run.ts).
 */
import { compileSchedule } from '../engine/compile.js';
import { Estimator } from '../engine/estimator.js';
import { RunTotals } from '../engine/totals.js';
import type { EntryResult } from '../engine/types.js';
import type { HeaderReport } from '../input/header.js';
import type { HtsTable } from '../rules/hts/types.js';
import type { RuleSet } from '../rules/rule-set.js';
import type { OutputFormat, Renderer } from '../report/renderer.js';
import type { RunSummary } from '../report/summary.js';
import { shown } from '../report/terminal-text.js';
import type { Io } from './io.js';
import { runLines, type EntryRenderer, type LineRequest } from './line-run.js';

export interface EstimateRequest extends LineRequest {
  explain?: boolean;
}

/** The renderer of a format; each is imported only when used (the table's and HTML's libraries cost start-up). */
async function makeRenderer(format: OutputFormat): Promise<Renderer> {
  switch (format) {
    case 'csv':
      return new (await import('../report/formats/csv.js')).CsvRenderer();
    case 'json':
      return new (await import('../report/formats/json.js')).JsonRenderer();
    case 'table':
      return new (await import('../report/formats/table.js')).TableRenderer();
    case 'html':
      return new (await import('../report/formats/html.js')).HtmlRenderer();
  }
}

export async function runEstimate(req: EstimateRequest, rules: RuleSet, hts: HtsTable, io: Io): Promise<{ exitCode: number; summary?: RunSummary }> {
  const compiled = compileSchedule(rules, hts);
  const compute = { explain: req.explain, asOf: req.asOf, brokerageCents: req.brokerageCents };
  const { exitCode, summaries } = await runLines<EntryResult>(
    req,
    {
      ruleSets: [rules],
      compiled: [compiled],
      compute,
      what: { command: 'estimate' },
      totals: [new RunTotals()],
      feed: (name) => new Estimator(compiled, name, compute),
      renderer: async (name): Promise<EntryRenderer<EntryResult>> => {
        const r = await makeRenderer(req.format);
        return {
          begin: () => r.begin({ provenance: compiled.provenance, schedule: rules.schedule, inputName: name }),
          entry: (e) => r.entry(e),
          ...(r.entryBytes ? { entryBytes: (e: EntryResult, out) => r.entryBytes!(e, out) } : {}),
          rejected: (x) => r.rejected(x),
          end: (s) => r.end(s[0]!),
        };
      },
      results: (e) => [e],
      header: (h: HeaderReport) => {
        if (h.ignored.length > 0) io.stderr.write(`note: ignored columns: ${h.ignored.map(shown).join(', ')}\n`);
      },
      countsNote: '',
    },
    io,
  );
  return { exitCode, ...(summaries[0] ? { summary: summaries[0] } : {}) };
}
