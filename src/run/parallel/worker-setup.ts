/** What a worker thread of a parallel run is started with (plain data: it is copied to the thread). */
import type { ComputeOptions } from '../../engine/compute-line.js';
import type { HeaderReport } from '../../input/header.js';
import type { ReaderOptions } from '../../input/read-line-items.js';
import type { RuleSet } from '../../rules/rule-set.js';
import type { ParallelCommand } from './csv-part-renderer.js';

export interface WorkerSetup {
  /** The file: each part is read from it by its offset. */
  path: string;
  /** Memory for the output, shared with the main thread (see SharedPieces). */
  ring: { memory: SharedArrayBuffer; states: SharedArrayBuffer };
  what: ParallelCommand;
  ruleSets: RuleSet[];
  compute: ComputeOptions;
  reader: ReaderOptions;
  header: HeaderReport;
  delimiter: string;
}

/** Where a part is in the file, and where it starts in the file's numbering. */
export interface PartPlace {
  offset: number;
  length: number;
  firstLine: number;
  rowsBefore: number;
}
