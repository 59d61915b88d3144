/** `--jobs`, for the commands that can compute a large file on several threads (estimate, compare). */
import type { Command } from 'commander';
import type { Invocation } from './invocation.js';
import { UsageError } from './usage-error.js';

export function addJobsOption(command: Command): Command {
  return command.option('-j, --jobs <n>', 'threads computing a file for CSV output: the main thread and n - 1 workers (default: one per CPU core, up to 8, for files over 16 MB; 1 = one thread)');
}

export function jobsOption(opts: { jobs?: string }): number | undefined {
  if (opts.jobs === undefined) return undefined;
  // Digits only: Number() would also take 0x2, 1e1, " 2" and 2.0.
  const n = /^[0-9]{1,2}$/.test(opts.jobs) ? Number(opts.jobs) : NaN;
  if (!(n >= 1 && n <= 64)) throw new UsageError(`--jobs ${opts.jobs}: expected a whole number of threads from 1 to 64`);
  return n;
}

/**
 * How a run on threads is watched and cut: with --debug, how it divided the file goes to stderr;
 * TARIFF_PART_BYTES sets the size of the parts (tests cut small files into many parts).
 */
export function parallelSettings(invocation: Invocation): { trace?: (message: string) => void; partBytes?: number } {
  const bytes = Number(invocation.env.TARIFF_PART_BYTES);
  return {
    ...(invocation.debug ? { trace: (m: string) => invocation.stderr.write(`debug: ${m}\n`) } : {}),
    ...(Number.isInteger(bytes) && bytes > 0 ? { partBytes: bytes } : {}),
  };
}
