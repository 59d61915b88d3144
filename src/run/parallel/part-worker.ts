/**
 * A worker thread of a parallel run: compiles the schedules once, then computes each part it is sent
 * (see compute-part) and sends the result back with its output transferred, not copied, written into the
 * memory the main thread lends with each part.
 */
import { openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { compileSchedules } from '../../engine/compile.js';
import { ChunkReader, type FilePart } from '../../input/chunk-reader.js';
import { loadTariffTable } from '../../rules/hts/load-hts.js';
import { computePart } from './compute-part.js';
import { csvPartRenderer, groupByOf } from './csv-part-renderer.js';
import { PiecePool, SharedPieces } from '../../bytes/piece-pool.js';
import type { PartPlace, WorkerSetup } from './worker-setup.js';

const setup = workerData as WorkerSetup;
const hts = loadTariffTable(setup.ruleSets[0]!);
const compiled = compileSchedules(setup.ruleSets, hts);
const renderer = csvPartRenderer(setup.what, compiled, setup.reader.file);
const reader = new ChunkReader(setup.header, setup.delimiter, setup.reader);

const pool = new PiecePool(new SharedPieces(setup.ring.memory, setup.ring.states));
const fd = openSync(setup.path, 'r');
/** Parts are read into this, grown when a part is larger. */
let input = Buffer.allocUnsafeSlow(1 << 18);

function read(place: PartPlace): FilePart {
  if (input.length < place.length) input = Buffer.allocUnsafeSlow(place.length);
  const bytes = input.subarray(0, place.length);
  if (readSync(fd, bytes, 0, place.length, place.offset) !== place.length) throw new Error(`the file changed while it was read (line ${place.firstLine})`);
  return { bytes, firstLine: place.firstLine, rowsBefore: place.rowsBefore };
}

parentPort!.on('message', (msg: { seq: number; place: PartPlace }) => {
  const result = computePart(read(msg.place), reader, compiled, setup.compute, renderer, pool, groupByOf(setup.what));
  // Pieces in shared slots go as they are; pieces of their own memory are moved, not copied.
  const own = [...result.lead, ...result.body, ...result.tail].flatMap((b) => (b.buffer instanceof ArrayBuffer ? [b.buffer] : []));
  parentPort!.postMessage({ seq: msg.seq, result }, own);
});
