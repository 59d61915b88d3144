/**
 * `tariff estimate FILE`: duty and fees for every line of a CSV.
 */
import type { Command } from 'commander';
import { canonicalColumns } from '../../input/columns.js';
import { EXIT } from '../../run/exit-codes.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../../report/renderer.js';
import { DEFAULT_SCHEDULE_PATH, schedulePath } from '../../rules/paths.js';
import type { Invocation } from '../invocation.js';
import { addInputOptions, brokerageCents, readerOptions, type InputOptions } from '../input-options.js';
import { UsageError } from '../usage-error.js';
import { addJobsOption, jobsOption, parallelSettings } from '../jobs-option.js';
import { addByOption, byLevels } from '../by-option.js';
import { bomOption, checkOutputFiles, OUTPUT_FILES_HELP, OUTPUT_HELP } from '../output-files.js';

const HELP = `
Input columns (header names are case-insensitive; aliases accepted):
${canonicalColumns.map((c) => `  ${c.name.padEnd(18)}${c.required ? 'required ' : '         '}${c.description}`).join('\n')}

Examples:
  $ tariff estimate data/examples/sample-entries.csv
  $ tariff estimate lines.csv --format csv --out duties.csv --rejects rejected.csv
  $ tariff estimate lines.csv --date 2025-09-15 --fx CAD=0.7312
  $ tariff estimate lines.csv --scenario tariffs-removed
  $ tariff estimate lines.csv --by chapter --format csv --out by-chapter.csv
  $ cat lines.csv | tariff estimate - --format json > result.json
  $ tariff estimate export.csv --column hts=Tariff --column value="Line Value"
`;

interface EstimateOptions extends InputOptions {
  jobs?: string;
  schedule: string;
  scenario: string;
  format?: string;
  out?: string;
  rejects?: string;
  bom?: boolean;
  explain?: boolean;
  by?: string[];
}

export function registerEstimate(program: Command, invocation: Invocation): void {
  const command = program
    .command('estimate')
    .description('estimate duty and fees for every line of a CSV of import line items')
    .argument('<file>', 'line-item CSV, or - for standard input')
    .option('-s, --schedule <file>', 'schedule (rule) file, or the name of a shipped one (us-canada, canada-us)', schedulePath, DEFAULT_SCHEDULE_PATH)
    .option('--scenario <name|file>', 'a scenario applied to the schedule (built-in names: see data/scenarios/)', 'current')
    .option('-f, --format <format>', `output format: ${OUTPUT_FORMATS.join(', ')} (default: table on a terminal, csv otherwise)`)
    .option('-o, --out <file>', OUTPUT_HELP.out)
    .option('--rejects <file>', OUTPUT_HELP.rejects)
    .option('--bom', OUTPUT_HELP.bom)
    .option('--explain', 'record every measure that reached each line and why it did or did not apply (json output)');
  addJobsOption(addInputOptions(addByOption(command)))
    .addHelpText('after', HELP + OUTPUT_FILES_HELP)
    .action(async (file: string, opts: EstimateOptions) => {
      checkOutputFiles([['--out', opts.out], ['--rejects', opts.rejects]], [['input', file], ['--schedule', opts.schedule], ['--scenario', opts.scenario], ['--fx-file', opts.fxFile], ['--map', opts.map]]);
      const [{ openRules }, { runEstimate }] = await Promise.all([import('../../run/open-rules.js'), import('../../run/estimate.js')]);
      const format = (opts.format ?? (opts.out === undefined && invocation.stdout.isTTY ? 'table' : 'csv')) as OutputFormat;
      if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`unknown format "${opts.format}"; use one of ${OUTPUT_FORMATS.join(', ')}`);
      const by = byLevels(opts.by);
      if (by && opts.explain) throw new UsageError('--by and --explain: give one (--by writes group sums, --explain every line)');
      const bom = bomOption(opts, format);
      const reader = await readerOptions(opts);
      const brokerage = brokerageCents(opts);
      const rules = await openRules(opts.schedule, invocation.stderr, { scenario: opts.scenario });
      if (!rules) {
        invocation.exitCode = EXIT.USAGE_OR_RULES;
        return;
      }
      if (by) {
        // Group sums of one scenario: the comparison's grouped report with a single column group.
        const { runCompare } = await import('../../run/compare.js');
        const { exitCode } = await runCompare(
          { input: file, format, out: opts.out, rejects: opts.rejects, bom, reader, entriesOnly: false, by, ...(opts.asOf ? { asOf: opts.asOf } : {}), ...(brokerage !== undefined ? { brokerageCents: brokerage } : {}), jobs: jobsOption(opts), ...parallelSettings(invocation) },
          [rules.ruleSet],
          rules.hts,
          invocation,
        );
        invocation.exitCode = exitCode;
        return;
      }
      const { exitCode } = await runEstimate(
        { input: file, format, out: opts.out, rejects: opts.rejects, bom, explain: opts.explain, reader, ...(opts.asOf ? { asOf: opts.asOf } : {}), ...(brokerage !== undefined ? { brokerageCents: brokerage } : {}), jobs: jobsOption(opts), ...parallelSettings(invocation) },
        rules.ruleSet,
        rules.hts,
        invocation,
      );
      invocation.exitCode = exitCode;
    });
}
