/**
 * `tariff audit FILE`: an ACE ES-003 export recomputed from the law and reconciled with what was filed.
 */
import type { Command } from 'commander';
import { EXIT } from '../../report/exit-codes.js';
import { DEFAULT_REFUND_PROGRAM_PATH, DEFAULT_SCHEDULE_PATH, schedulePath } from '../../rules/paths.js';
import { setExitCode } from '../exit-state.js';
import { UsageError } from '../usage-error.js';
import { dateOption } from '../date-option.js';
import { localToday } from '../local-today.js';
import { checkOutputFiles, OUTPUT_FILES_HELP, OUTPUT_HELP } from '../output-files.js';

export interface EsOptions {
  schedule: string;
  format?: string;
  out?: string;
  rejects?: string;
  today?: string;
  cape?: string;
  program?: string;
  input?: string;
}

export async function runEsCommand(mode: 'audit' | 'refund', file: string, opts: EsOptions): Promise<void> {
  checkOutputFiles([['--out', opts.out], ['--rejects', opts.rejects], ['--cape', opts.cape]], [['input', file], ['--schedule', opts.schedule], ['--program', opts.program]]);
  const format = opts.format ?? (opts.out === undefined && process.stdout.isTTY ? 'table' : 'csv');
  if (format !== 'csv' && format !== 'json' && format !== 'table') throw new UsageError(`unknown format "${format}"; use table, csv or json`);
  if (opts.input !== undefined && opts.input !== 'es003') throw new UsageError(`--input ${opts.input}: ${mode} reads ACE ES-003 exports only (--input es003)`);
  const today = dateOption('--today', opts.today) ?? localToday();
  const [{ openRules, openRefundProgram }, { runAudit }] = await Promise.all([import('../../report/open-rules.js'), import('../../report/run-audit.js')]);
  const rules = await openRules(opts.schedule, process.stderr);
  if (!rules) {
    setExitCode(EXIT.USAGE_OR_RULES);
    return;
  }
  const program = mode === 'refund' ? await openRefundProgram(opts.program ?? DEFAULT_REFUND_PROGRAM_PATH, rules.ruleSet, process.stderr) : undefined;
  if (mode === 'refund' && !program) {
    setExitCode(EXIT.USAGE_OR_RULES);
    return;
  }
  const { exitCode } = await runAudit(
    { input: file, format, mode, today, reader: {}, ...(program ? { program } : {}), ...(opts.out ? { out: opts.out } : {}), ...(opts.rejects ? { rejects: opts.rejects } : {}), ...(opts.cape ? { cape: opts.cape } : {}) },
    rules.ruleSet,
    rules.hts,
    { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
  );
  setExitCode(exitCode);
}

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('recompute an ACE ES-003 export from the law and reconcile it with what was filed, heading by heading')
    .argument('<file>', 'ES-003 "Entry Summary Line Tariff Details" CSV, or - for standard input')
    .option('-s, --schedule <file>', 'schedule (rule) file, or the name of a shipped one (us-canada, canada-us)', schedulePath, DEFAULT_SCHEDULE_PATH)
    .option('-f, --format <format>', 'table, csv or json (default: table on a terminal, csv otherwise)')
    .option('-o, --out <file>', OUTPUT_HELP.out)
    .option('--rejects <file>', OUTPUT_HELP.rejects)
    .option('--input <layout>', 'es003: the only layout audit reads (recognised by its header anyway)')
    .addHelpText('after', `
Statuses: match (within one cent), underpaid, overpaid, wrong heading (filed_heading filed where the law
names heading, same authority: both amounts on one row), filed but not owed, owed but not filed, outside these
rules (an origin the schedule does not encode: no figure, not rejected); heading "column1" is the ordinary
duty; difference = computed - filed. The warning column flags contradictory liquidation columns.

Examples:
  $ tariff audit data/examples/es003-sample.csv
  $ tariff audit ace-export.csv --format csv --out audit.csv
${OUTPUT_FILES_HELP}`)
    .action((file: string, opts: EsOptions) => runEsCommand('audit', file, opts));
}
