/**
 * Commander wiring: builds the program from one file per command and maps failures to exit codes.
 */
import './heap-settings.js';
import chalk from 'chalk';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { DIFF_EXIT, EXIT, EXIT_CODES_HELP } from '../run/exit-codes.js';
import { PACKAGE_ROOT } from '../rules/paths.js';
import { registerAudit } from './commands/audit.js';
import { registerCompare } from './commands/compare.js';
import { registerEstimate } from './commands/estimate.js';
import { registerExplain } from './commands/explain.js';
import { registerLookup } from './commands/lookup.js';
import { registerRefund } from './commands/refund.js';
import { registerRules } from './commands/rules.js';
import { OutputClosedError } from '../run/output-sink.js';
import { commitOutputs, discardOutputs, OutputOpenError, OutputWriteError } from '../run/output-target.js';
import { exitCode } from './exit-state.js';
import { UsageError } from './usage-error.js';
import { guardStderr } from './stderr-guard.js';

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function configureColour(): void {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') chalk.level = 0;
  else if (!process.stdout.isTTY && process.env.FORCE_COLOR === undefined) chalk.level = 0;
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('tariff')
    .description('Duty and fee estimates for Canadian-origin goods entering the United States, line by line, with the law behind each cent.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('--debug', 'print stack traces of internal errors')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', `\n${EXIT_CODES_HELP}\n`)
    .exitOverride();
  registerEstimate(program);
  registerCompare(program);
  registerExplain(program);
  registerLookup(program);
  registerAudit(program);
  registerRefund(program);
  registerRules(program);
  return program;
}

/**
 * A failed write to standard output is an error event on process.stdout, which without a listener ends the
 * process with a stack trace. It is noted (and said, unless the reader closed the pipe: `| head`), and the
 * run's own writes stop on it (OutputSink throws it again).
 */
let stdoutClosed = false;
let stdoutFailure: Error | undefined;
function watchStdout(): void {
  if (process.stdout.listenerCount('error') > 0) return;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') stdoutClosed = true;
    else if (!stdoutFailure) {
      stdoutFailure = e;
      process.stderr.write(`tariff: cannot write standard output: ${e.message}\n`);
    }
    // A write can fail after main has returned its code (the last output was still on its way).
    process.exitCode = stdoutFailure ? EXIT.INTERNAL : EXIT.OUTPUT_CLOSED;
  });
}

/**
 * The files a run wrote replace their targets only when it succeeded (0, or 2: some rows rejected, the
 * rest written); after any other outcome each target is left as it was (see output-target).
 */
export async function main(argv: string[]): Promise<number> {
  const code = await run(argv);
  if (code !== EXIT.OK && code !== EXIT.SOME_REJECTED) {
    discardOutputs();
    return code;
  }
  const failures = commitOutputs();
  for (const f of failures) process.stderr.write(`tariff: ${f}\n`);
  return failures.length > 0 ? EXIT.INTERNAL : code;
}

async function run(argv: string[]): Promise<number> {
  configureColour();
  guardStderr();
  watchStdout();
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    if (stdoutClosed) return EXIT.OUTPUT_CLOSED;
    return stdoutFailure ? EXIT.INTERNAL : exitCode();
  } catch (err) {
    if (err instanceof OutputClosedError) return EXIT.OUTPUT_CLOSED;
    if (err instanceof OutputOpenError) {
      process.stderr.write(`tariff: ${err.message}\n`);
      return EXIT.USAGE_OR_RULES;
    }
    if (err instanceof OutputWriteError) {
      process.stderr.write(`tariff: ${err.message}\n`);
      return EXIT.INTERNAL;
    }
    // Said when it happened.
    if (err !== undefined && err === stdoutFailure) return EXIT.INTERNAL;
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.OK;
      // `rules diff` says a usage error with 2, as diff does (its 1 means "different").
      return err.exitCode === DIFF_EXIT.TROUBLE ? DIFF_EXIT.TROUBLE : EXIT.USAGE_OR_RULES;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`tariff: ${err.message}\n`);
      return EXIT.USAGE_OR_RULES;
    }
    const e = err as NodeJS.ErrnoException;
    if (e && (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EISDIR')) {
      process.stderr.write(`tariff: cannot open ${e.path ?? 'file'}: ${e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a directory' : 'permission denied'}\n`);
      return EXIT.USAGE_OR_RULES;
    }
    if (argv.includes('--debug')) process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
    else process.stderr.write(`tariff: internal error: ${(err as Error)?.message ?? String(err)} (run again with --debug for details)\n`);
    return EXIT.INTERNAL;
  }
}
