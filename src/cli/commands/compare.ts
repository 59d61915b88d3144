/**
 * `tariff compare FILE --scenario A --scenario B ...`: the same lines under several scenarios.
 */
import type { Command } from 'commander';
import { EXIT } from '../../run/exit-codes.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../../report/renderer.js';
import { DEFAULT_SCHEDULE_PATH, schedulePath } from '../../rules/paths.js';
import type { Invocation } from '../invocation.js';
import { addInputOptions, brokerageCents, readerOptions, type InputOptions } from '../input-options.js';
import { UsageError } from '../usage-error.js';
import { addJobsOption, jobsOption, parallelSettings } from '../jobs-option.js';
import { addByOption, byLevels } from '../by-option.js';
import { bomOption, checkOutputFiles, OUTPUT_FILES_HELP, OUTPUT_HELP } from '../output-files.js';

interface CompareOptions extends InputOptions {
  jobs?: string;
  schedule?: string[];
  scenario?: string[];
  refund?: boolean;
  entries?: boolean;
  format?: string;
  out?: string;
  rejects?: string;
  bom?: boolean;
  by?: string[];
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerCompare(program: Command, invocation: Invocation): void {
  const command = program
    .command('compare')
    .description('compare duty and fees of the same lines under several scenarios or versions of the rule files (difference to the first)')
    .argument('<file>', 'line-item CSV, or - for standard input')
    .option('-s, --schedule <file>', 'schedule (rule) file or shipped name (default: us-canada); repeat it to compare versions of the rule files', (v: string, prev?: string[]) => collect(schedulePath(v), prev))
    .option('--scenario <name|file>', 'a scenario (repeatable; the first is the reference; "current" is the schedule as is)', collect)
    .option('--refund', 'the IEEPA refund view: current against no-ieepa, one row per entry')
    .option('--entries', 'one row per entry only (CSV and JSON)')
    .option('-f, --format <format>', `output format: ${OUTPUT_FORMATS.join(', ')} (default: table on a terminal, csv otherwise)`)
    .option('-o, --out <file>', OUTPUT_HELP.out)
    .option('--rejects <file>', OUTPUT_HELP.rejects)
    .option('--bom', OUTPUT_HELP.bom);
  addJobsOption(addInputOptions(addByOption(command)))
    .addHelpText('after', `
Built-in scenarios (data/scenarios/): current, tariffs-removed, no-ieepa, no-section-232, no-section-338, no-trade-remedy,
usmca-ended, scheduled-2027; with --schedule canada-us: current, surtaxes-removed; or the path of your own scenario file.

Examples:
  $ tariff compare data/examples/sample-entries.csv --scenario current --scenario tariffs-removed
  $ tariff compare lines.csv --scenario current --scenario no-section-232 --scenario my-scenario.yaml --format csv --out compare.csv
  $ tariff compare entries-2025.csv --refund --format csv --out refund.csv
  $ tariff compare lines.csv --scenario current --scenario no-section-232 --by authority
  $ tariff compare lines.csv --scenario current --scenario tariffs-removed --by month,authority --format csv --out by-month.csv
  $ tariff compare book.csv --schedule old/data/schedules/us-canada.yaml --schedule data/schedules/us-canada.yaml

Versions of the rule files: with two or more --schedule options the lines run under each schedule (columns
named by schedule id and version; an edited copy with the same version also by its sha256). With --scenario,
each scenario runs under each schedule, schedule by schedule; the difference is to the first column (the
first schedule under the first scenario).
${OUTPUT_FILES_HELP}`)
    .action(async (file: string, opts: CompareOptions) => {
      const schedules = opts.schedule ?? [DEFAULT_SCHEDULE_PATH];
      checkOutputFiles([['--out', opts.out], ['--rejects', opts.rejects]], [['input', file], ...schedules.map((s) => ['--schedule', s] as const), ...(opts.scenario ?? []).map((s) => ['--scenario', s] as const), ['--fx-file', opts.fxFile], ['--map', opts.map]]);
      const [{ openRules }, { runCompare }] = await Promise.all([import('../../run/open-rules.js'), import('../../run/compare.js')]);
      const format = (opts.format ?? (opts.out === undefined && invocation.stdout.isTTY ? 'table' : 'csv')) as OutputFormat;
      if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`unknown format "${opts.format}"; use one of ${OUTPUT_FORMATS.join(', ')}`);
      const versions = schedules.length > 1;
      const scenarios = opts.refund ? ['current', 'no-ieepa'] : (opts.scenario ?? (versions ? ['current'] : []));
      if (scenarios.length < 2 && !versions) throw new UsageError('give at least two --scenario options (e.g. --scenario current --scenario tariffs-removed), two --schedule options, or --refund');
      const by = byLevels(opts.by);
      if (by && opts.entries) throw new UsageError('--by and --entries: give one (--by writes group sums, --entries one row per entry)');
      const bom = bomOption(opts, format);
      const reader = await readerOptions(opts);
      const brokerage = brokerageCents(opts);
      const rules = versions ? await (await import('../../run/schedule-versions.js')).openScheduleVersions(schedules, scenarios, invocation.stderr) : await openRules(schedules[0]!, invocation.stderr, { scenarios });
      if (!rules) {
        invocation.exitCode = EXIT.USAGE_OR_RULES;
        return;
      }
      const { exitCode } = await runCompare(
        { input: file, format, out: opts.out, rejects: opts.rejects, bom, reader, entriesOnly: opts.refund === true || opts.entries === true, ...(by ? { by } : {}), ...(opts.asOf ? { asOf: opts.asOf } : {}), ...(brokerage !== undefined ? { brokerageCents: brokerage } : {}), jobs: jobsOption(opts), ...parallelSettings(invocation) },
        rules.scenarios,
        rules.hts,
        invocation,
      );
      invocation.exitCode = exitCode;
    });
}
