/**
 * The first pass over a line-item file, before anything is computed: which entries have lines apart
 * (scattered-entries) and, when --date-format is not given, the order its slash dates prove (date-order).
 */
import { inferredNote, SlashDateEvidence } from '../input/date-order.js';
import type { ReaderOptions } from '../input/read-line-items.js';
import type { InputSource } from './input-source.js';
import type { JobsRequest } from './parallel/jobs.js';
import { scatteredEntries, scatteredEntriesOf } from './scattered-entries.js';

export type FirstPass = { ok: true; scattered: ReadonlySet<string>; reader: ReaderOptions } | { ok: false; reason: string };

/**
 * The scattered entries and the reader options with the order of the file's slash dates settled; not ok when
 * the file has slash dates whose order it does not prove (or proves two ways) and --date-format is not given.
 * The inferred order is said on `notes`.
 */
export async function firstPass(input: InputSource, reader: ReaderOptions, notes: NodeJS.WritableStream, run?: JobsRequest & { trace?: (message: string) => void }): Promise<FirstPass> {
  const evidence = reader.dateOrder ? undefined : new SlashDateEvidence();
  const scattered = run ? await scatteredEntriesOf(run, reader, input, evidence) : await scatteredEntries(input, reader, evidence);
  if (!evidence) return { ok: true, scattered, reader };
  const decision = evidence.decide();
  if (!decision.ok) return { ok: false, reason: decision.reason };
  if (!decision.order) return { ok: true, scattered, reader };
  if (decision.proof) notes.write(`${inferredNote(decision.order, decision.proof)}\n`);
  return { ok: true, scattered, reader: { ...reader, dateOrder: decision.order } };
}
