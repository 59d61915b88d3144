/**
 * `tariff estimate FILE`: duty and fees for every line of a CSV.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { canonicalColumns, ColumnMapError, loadColumnMap, parseColumnOption } from '../../input/index.js';
import { EXIT } from '../../report/exit-codes.js';
import { openRules } from '../../report/open-rules.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../../report/renderer.js';
import { runEstimate } from '../../report/run-estimate.js';
import { FxOptionError, parseFxFile, parseFxOption } from '../../input/fx-options.js';
import { DEFAULT_SCHEDULE_PATH } from '../../rules/paths.js';
import { setExitCode } from '../exit-state.js';
import { UsageError } from '../usage-error.js';

const HELP = `
Input columns (header names are case-insensitive; aliases accepted):
${canonicalColumns.map((c) => `  ${c.name.padEnd(18)}${c.required ? 'required ' : '         '}${c.description}`).join('\n')}

Examples:
  $ tariff estimate data/examples/sample-entries.csv
  $ tariff estimate lines.csv --format csv --out duties.csv --rejects rejected.csv
  $ tariff estimate lines.csv --date 2025-09-15 --fx CAD=0.7312
  $ cat lines.csv | tariff estimate - --format json > result.json
  $ tariff estimate export.csv --column hts=Tariff --column value="Line Value"
`;

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

interface EstimateOptions {
  schedule: string;
  format?: string;
  out?: string;
  rejects?: string;
  date?: string;
  entry?: string;
  fx?: string[];
  fxFile?: string;
  map?: string;
  column?: string[];
  delimiter?: string;
  explain?: boolean;
}

export function registerEstimate(program: Command): void {
  program
    .command('estimate')
    .description('estimate duty and fees for every line of a CSV of import line items')
    .argument('<file>', 'line-item CSV, or - for standard input')
    .option('-s, --schedule <file>', 'schedule (rule) file', DEFAULT_SCHEDULE_PATH)
    .option('-f, --format <format>', `output format: ${OUTPUT_FORMATS.join(', ')} (default: table on a terminal, csv otherwise)`)
    .option('-o, --out <file>', 'write the result to a file instead of standard output')
    .option('--rejects <file>', 'write rejected rows, unchanged, plus a reason column')
    .option('--date <YYYY-MM-DD>', 'entry date for lines without an entry_date column')
    .option('--entry <id>', 'entry number for lines without an entry column (default: 1)')
    .option('--fx <CUR=rate>', 'USD per unit of a currency, e.g. CAD=0.7312 (repeatable)', collect)
    .option('--fx-file <file>', 'CSV of currency,rate (USD per unit)')
    .option('--map <file.json>', 'JSON object mapping canonical column names to your headers')
    .option('--column <name=header>', 'map one canonical column to a header of your file (repeatable)', collect)
    .option('--delimiter <char>', 'field delimiter (default: detected from the header: comma, semicolon or tab)')
    .option('--explain', 'record every measure that reached each line and why it did or did not apply (json output)')
    .addHelpText('after', HELP)
    .action(async (file: string, opts: EstimateOptions) => {
      try {
        await estimate(file, opts);
      } catch (e) {
        if (e instanceof FxOptionError || e instanceof ColumnMapError) throw new UsageError(e.message);
        throw e;
      }
    });
}

async function estimate(file: string, opts: EstimateOptions): Promise<void> {
  const format = (opts.format ?? (opts.out === undefined && process.stdout.isTTY ? 'table' : 'csv')) as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`unknown format "${opts.format}"; use one of ${OUTPUT_FORMATS.join(', ')}`);
  const fx: Record<string, string> = {};
  if (opts.fxFile) Object.assign(fx, parseFxFile(readFileSync(opts.fxFile, 'utf8'), opts.fxFile));
  for (const spec of opts.fx ?? []) Object.assign(fx, parseFxOption(spec));
  const columnMap: Record<string, string> = {};
  if (opts.map) Object.assign(columnMap, loadColumnMap(readFileSync(opts.map, 'utf8')));
  for (const spec of opts.column ?? []) {
    const [name, alias] = parseColumnOption(spec);
    columnMap[name] = alias;
  }
  const delimiter = opts.delimiter === '\\t' || opts.delimiter === 'tab' ? '\t' : opts.delimiter;
  const rules = openRules(opts.schedule, process.stderr);
  if (!rules) {
    setExitCode(EXIT.USAGE_OR_RULES);
    return;
  }
  const { exitCode } = await runEstimate(
    {
      input: file,
      format,
      out: opts.out,
      rejects: opts.rejects,
      explain: opts.explain,
      reader: { fx, defaultDate: opts.date, defaultEntry: opts.entry, columnMap, delimiter },
    },
    rules.ruleSet,
    rules.hts,
    { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
  );
  setExitCode(exitCode);
}
