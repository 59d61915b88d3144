/**
 * A renderer turns the stream of run events into text chunks; the caller writes them. Renderers hold no
 * more than one entry at a time, except the table view, which is for people and caps what it keeps.
 */
import type { EntryResult, Provenance } from '../engine/types.js';
import type { Rejection } from '../model/line-item.js';
import type { Schedule } from '../rules/schedule-schema.js';
import type { ByteWriter } from '../bytes/byte-writer.js';
import type { RunSummary } from './summary.js';

export interface RenderContext {
  provenance: Provenance;
  schedule: Schedule;
  /** Display name of the input file. */
  inputName: string;
}

export interface Renderer {
  begin(ctx: RenderContext): string;
  entry(entry: EntryResult): string;
  /** The entry written as bytes, where a format can do that without building strings (CSV). */
  entryBytes?(entry: EntryResult, out: ByteWriter): void;
  rejected(rejection: Rejection): string;
  end(summary: RunSummary): string;
}

export const OUTPUT_FORMATS = ['table', 'csv', 'json', 'html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
