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
import { OutputOpenError, OutputWriteError } from '../run/output-target.js';
import { Invocation, processIo, type ProgramIo } from './invocation.js';
import { UsageError } from './usage-error.js';
import { guardStderr } from './stderr-guard.js';

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function configureColour(invocation: Invocation): void {
  if (invocation.env.NO_COLOR !== undefined && invocation.env.NO_COLOR !== '') chalk.level = 0;
  else if (!invocation.stdout.isTTY && invocation.env.FORCE_COLOR === undefined) chalk.level = 0;
}

export function buildProgram(invocation: Invocation): Command {
  const program = new Command();
  program
    .name('tariff')
    .description('Duty, tax and fee estimates for import line items under versioned tariff schedules (--schedule), line by line, with the law behind each cent.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('--debug', 'print stack traces of internal errors')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', `\n${EXIT_CODES_HELP}\n`)
    .exitOverride()
    .configureOutput({ writeOut: (text) => invocation.stdout.write(text), writeErr: (text) => invocation.stderr.write(text) });
  registerEstimate(program, invocation);
  registerCompare(program, invocation);
  registerExplain(program, invocation);
  registerLookup(program, invocation);
  registerAudit(program, invocation);
  registerRefund(program, invocation);
  registerRules(program, invocation);
  return program;
}

/**
 * A failed write to standard output is an error event on the stream, which without a listener ends the
 * process with a stack trace. It is noted (and said, unless the reader closed the pipe: `| head`), and the
 * run's own writes stop on it (OutputSink throws it again).
 */
function watchStdout(invocation: Invocation): void {
  const stdout = invocation.stdout;
  if (stdout.listenerCount('error') > 0) return;
  stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') invocation.stdoutClosed = true;
    else if (!invocation.stdoutFailure) {
      invocation.stdoutFailure = e;
      invocation.stderr.write(`tariff: cannot write standard output: ${e.message}\n`);
    }
    // A write can fail after main has returned its code (the last output was still on its way).
    if (stdout === process.stdout) process.exitCode = invocation.stdoutFailure ? EXIT.INTERNAL : EXIT.OUTPUT_CLOSED;
  });
}

/**
 * Runs the program once with `argv` (as process.argv: node, script, arguments) on the given streams, the
 * process's own unless a test gives others, and returns the exit code. The files a run wrote replace their
 * targets only when it succeeded (0, or 2: some rows rejected, the rest written); after any other outcome
 * each target is left as it was (see output-target).
 */
export async function main(argv: string[], io: ProgramIo = processIo()): Promise<number> {
  const invocation = new Invocation(argv, io);
  const code = await run(invocation);
  if (code !== EXIT.OK && code !== EXIT.SOME_REJECTED) {
    invocation.outputs.discard();
    return code;
  }
  const failures = invocation.outputs.commit();
  for (const f of failures) invocation.stderr.write(`tariff: ${f}\n`);
  return failures.length > 0 ? EXIT.INTERNAL : code;
}

async function run(invocation: Invocation): Promise<number> {
  configureColour(invocation);
  guardStderr(invocation.stderr);
  watchStdout(invocation);
  const program = buildProgram(invocation);
  const stderr = invocation.stderr;
  try {
    await program.parseAsync([...invocation.argv]);
    if (invocation.stdoutClosed) return EXIT.OUTPUT_CLOSED;
    return invocation.stdoutFailure ? EXIT.INTERNAL : invocation.exitCode;
  } catch (err) {
    if (err instanceof OutputClosedError) return EXIT.OUTPUT_CLOSED;
    if (err instanceof OutputOpenError) {
      stderr.write(`tariff: ${err.message}\n`);
      return EXIT.USAGE_OR_RULES;
    }
    if (err instanceof OutputWriteError) {
      stderr.write(`tariff: ${err.message}\n`);
      return EXIT.INTERNAL;
    }
    // Said when it happened.
    if (err !== undefined && err === invocation.stdoutFailure) return EXIT.INTERNAL;
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.OK;
      // `rules diff` says a usage error with 2, as diff does (its 1 means "different").
      return err.exitCode === DIFF_EXIT.TROUBLE ? DIFF_EXIT.TROUBLE : EXIT.USAGE_OR_RULES;
    }
    if (err instanceof UsageError) {
      stderr.write(`tariff: ${err.message}\n`);
      return EXIT.USAGE_OR_RULES;
    }
    const e = err as NodeJS.ErrnoException;
    if (e && (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EISDIR')) {
      stderr.write(`tariff: cannot open ${e.path ?? 'file'}: ${e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a directory' : 'permission denied'}\n`);
      return EXIT.USAGE_OR_RULES;
    }
    if (invocation.debug) stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
    else stderr.write(`tariff: internal error: ${(err as Error)?.message ?? String(err)} (run again with --debug for details)\n`);
    return EXIT.INTERNAL;
  }
}
