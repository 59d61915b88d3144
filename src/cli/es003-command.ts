/**
 * What `audit` and `refund` share on the command line: both read an ACE ES-003 export with the same options
 * and differ only in mode (each command's file declares its own options and help).
 */
import { EXIT } from '../run/exit-codes.js';
import { DEFAULT_REFUND_PROGRAM_PATH } from '../rules/paths.js';
import type { Invocation } from './invocation.js';
import { UsageError } from './usage-error.js';
import { dateOption } from './date-option.js';
import { localToday } from './local-today.js';
import { checkOutputFiles } from './output-files.js';

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

export async function runEsCommand(mode: 'audit' | 'refund', file: string, opts: EsOptions, invocation: Invocation): Promise<void> {
  checkOutputFiles([['--out', opts.out], ['--rejects', opts.rejects], ['--cape', opts.cape]], [['input', file], ['--schedule', opts.schedule], ['--program', opts.program]]);
  const format = opts.format ?? (opts.out === undefined && invocation.stdout.isTTY ? 'table' : 'csv');
  if (format !== 'csv' && format !== 'json' && format !== 'table') throw new UsageError(`unknown format "${format}"; use table, csv or json`);
  if (opts.input !== undefined && opts.input !== 'es003') throw new UsageError(`--input ${opts.input}: ${mode} reads ACE ES-003 exports only (--input es003)`);
  const today = dateOption('--today', opts.today) ?? localToday();
  const [{ openRules, openRefundProgram }, { runAudit }] = await Promise.all([import('../run/open-rules.js'), import('../run/audit.js')]);
  const rules = await openRules(opts.schedule, invocation.stderr);
  if (!rules) {
    invocation.exitCode = EXIT.USAGE_OR_RULES;
    return;
  }
  const program = mode === 'refund' ? await openRefundProgram(opts.program ?? DEFAULT_REFUND_PROGRAM_PATH, rules.ruleSet, invocation.stderr) : undefined;
  if (mode === 'refund' && !program) {
    invocation.exitCode = EXIT.USAGE_OR_RULES;
    return;
  }
  const { exitCode } = await runAudit(
    { input: file, format, mode, today, reader: {}, ...(program ? { program } : {}), ...(opts.out ? { out: opts.out } : {}), ...(opts.rejects ? { rejects: opts.rejects } : {}), ...(opts.cape ? { cape: opts.cape } : {}) },
    rules.ruleSet,
    rules.hts,
    invocation,
  );
  invocation.exitCode = exitCode;
}
