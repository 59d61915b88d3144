/**
 * How many worker threads a run uses: only for CSV output of a regular file (not a stream, which can be
 * read only once and in order) in the line-item layout, and by default only when the file is large enough
 * to repay starting the threads.
 */
import { availableParallelism } from 'node:os';
import { ProgressMeter } from '../progress.js';
import { statOf } from '../input-source.js';
import type { ParallelContext, ParallelOutcome, ParallelRun } from './run-parallel.js';

/** About 200,000 lines: below this, starting threads costs more than it saves. */
const AUTO_MIN_BYTES = 16 << 20;
const AUTO_MAX_JOBS = 8;
const DEFAULT_PART_BYTES = 1 << 16;

export interface JobsRequest {
  input: string;
  format: string;
  layout?: string;
  /** --jobs: undefined for automatic, 1 for one thread. */
  jobs?: number;
  /** Size of the parts of the file given to the threads (tests cut small files into many parts). */
  partBytes?: number;
}

export function workerThreads(req: JobsRequest): number {
  if (req.format !== 'csv' || req.input === '-' || req.layout === 'es003' || req.jobs === 1) return 0;
  // The one-thread reader reports a file that cannot be opened.
  const stat = statOf(req.input);
  if (!stat?.isFile()) return 0;
  if (req.jobs !== undefined) return req.jobs;
  const size = stat.size;
  const cores = Math.min(availableParallelism(), AUTO_MAX_JOBS);
  return size >= AUTO_MIN_BYTES && cores > 1 ? cores : 0;
}

/**
 * Runs on worker threads when `workerThreads` says so (run-parallel is loaded only then); 'serial' when it
 * does not or the file cannot be divided, and nothing was written.
 */
export async function inParallel(
  req: JobsRequest & { trace?: (message: string) => void },
  run: Omit<ParallelRun, 'path' | 'jobs' | 'partBytes'>,
  ctx: Omit<ParallelContext, 'progress' | 'trace'>,
  stderr: NodeJS.WritableStream & { isTTY?: boolean },
): Promise<ParallelOutcome> {
  const threads = workerThreads(req);
  if (threads < 2) return 'serial';
  const { runParallel } = await import('./run-parallel.js');
  const progress = new ProgressMeter(stderr);
  try {
    return await runParallel({ ...run, path: req.input, jobs: threads, partBytes: req.partBytes ?? DEFAULT_PART_BYTES }, { ...ctx, progress, ...(req.trace ? { trace: req.trace } : {}) });
  } finally {
    progress.done();
  }
}
