/**
 * Worker threads that compute parts of a file; parts are handed out in turn and each result comes back
 * as a promise. The heap of each worker is capped: a part's working set is small and bounded.
 */
import { Worker } from 'node:worker_threads';
import type { NumberedPart } from '../../input/file-parts.js';
import type { PartResult } from './compute-part.js';
import type { PartPlace, WorkerSetup } from './worker-setup.js';
import { SharedPieces, type PiecePool } from '../../bytes/piece-pool.js';

// Measured on 1M lines (2 cores) with parts of 64 KB, whose working objects mostly die young: 8 MB young took
// peak memory from 195-210 to 166-172 MB (estimate) and 215-245 to 187-191 MB (compare). The old space holds
// the worker's rules, tariff table and plans for 3 scenarios: at 40 MB the collector thrashed once the plans of
// the segment after the rules' as-of date were added (compare on 2 threads 9.5 s, a third of the worker's time
// collecting); at 64 MB 6.1-6.3 s, peak memory unchanged (about 200 MB compare, 175-180 MB estimate).
const WORKER_OLD_SPACE_MB = 64;
const WORKER_YOUNG_SPACE_MB = 8;
/** Output slots shared with each worker (64 KB each): about four parts of estimate output, the results in flight. */
const RING_SLOTS = 64;

export class PartPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve(r: PartResult): void; reject(e: unknown): void }>();
  private failure: unknown;

  /** `output`: where the workers' output comes back to be freed once written. */
  constructor(size: number, setup: Omit<WorkerSetup, 'ring'>, output: PiecePool) {
    this.workers = Array.from({ length: size }, () => {
      const ring = SharedPieces.create(RING_SLOTS);
      output.adopt(ring);
      // execArgv: not the main thread's flags, which may hold a script (node -e) that a worker would run again.
      const w = new Worker(new URL('./part-worker.js', import.meta.url), { workerData: { ...setup, ring: ring.shared } satisfies WorkerSetup, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_SPACE_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_SPACE_MB } });
      w.on('message', (m: { seq: number; result: PartResult }) => {
        const r = m.result;
        for (const section of [r.lead, r.body, r.tail]) section.forEach((piece, i) => (section[i] = ring.own(piece)));
        this.waiting.get(m.seq)?.resolve(r);
        this.waiting.delete(m.seq);
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0 && this.waiting.size > 0) this.fail(new Error(`a worker thread stopped (exit code ${code})`));
      });
      return w;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  /** Parts sent whose results have not come back. */
  get pending(): number {
    return this.waiting.size;
  }

  private fail(e: unknown): void {
    this.failure ??= e;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }

  /** Computes part number `seq`, which the worker reads from the file by its place. */
  compute(seq: number, part: NumberedPart): Promise<PartResult> {
    if (this.failure) return Promise.reject(this.failure);
    const promise = new Promise<PartResult>((resolve, reject) => this.waiting.set(seq, { resolve, reject }));
    // A result may never be awaited (the run went on without it); its failure is then not an error.
    promise.catch(() => undefined);
    const place: PartPlace = { offset: part.offset, length: part.bytes.length, firstLine: part.firstLine, rowsBefore: part.rowsBefore };
    this.workers[seq % this.workers.length]!.postMessage({ seq, place });
    return promise;
  }

  async close(): Promise<void> {
    this.waiting.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
