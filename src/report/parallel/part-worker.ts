/**
 * A worker thread of a parallel run: compiles the schedules once, then computes each part it is sent
 * (see compute-part) and sends the result back with its text buffers transferred, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileSchedule } from '../../engine/compile.js';
import { ChunkReader, type FilePart } from '../../input/chunk-reader.js';
import { loadHtsTable } from '../../rules/hts/load-hts.js';
import { computePart } from './compute-part.js';
import { csvPartRenderer } from './csv-part-renderer.js';
import type { WorkerSetup } from './worker-setup.js';

const setup = workerData as WorkerSetup;
const hts = loadHtsTable();
const compiled = setup.ruleSets.map((r) => compileSchedule(r, hts));
const renderer = csvPartRenderer(setup.what, compiled, setup.reader.file);
const reader = new ChunkReader(setup.header, setup.delimiter, setup.reader);

parentPort!.on('message', (msg: { seq: number; part: FilePart }) => {
  const result = computePart(msg.part, reader, compiled, setup.compute, renderer);
  parentPort!.postMessage({ seq: msg.seq, result }, [...result.lead, ...result.body, ...result.tail].map((b) => b.buffer as ArrayBuffer));
});
