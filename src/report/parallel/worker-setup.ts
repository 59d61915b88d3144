/** What a worker thread of a parallel run is started with (plain data: it is copied to the thread). */
import type { ComputeOptions } from '../../engine/compute-line.js';
import type { HeaderReport } from '../../input/header.js';
import type { ReaderOptions } from '../../input/read-line-items.js';
import type { RuleSet } from '../../rules/rule-set.js';
import type { ParallelCommand } from './csv-part-renderer.js';

export interface WorkerSetup {
  what: ParallelCommand;
  ruleSets: RuleSet[];
  compute: ComputeOptions;
  reader: ReaderOptions;
  header: HeaderReport;
  delimiter: string;
}
