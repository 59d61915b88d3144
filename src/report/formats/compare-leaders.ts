/**
 * The lines and entries a comparison changes most (last scenario less the first), for the table and HTML
 * views. Kept as results, not cells: each view formats the few that remain at the end.
 */
import type { ComparedEntry } from '../../engine/compare.js';
import type { LineResult } from '../../engine/types.js';
import { TopN } from './top-n.js';

const TOP = 20;

export interface ComparedLine {
  entry: string;
  /** The line under each scenario, in order. */
  lines: LineResult[];
  /** Last scenario's total less the first's, in cents. */
  diffCents: number;
}

export class CompareLeaders {
  private readonly lines = new TopN<ComparedLine>(TOP);
  private readonly entries = new TopN<ComparedEntry>(TOP);

  add(c: ComparedEntry): void {
    const first = c.results[0]!;
    const last = c.results[c.results.length - 1]!;
    first.lines.forEach((l, k) => {
      const diffCents = last.lines[k]!.totalCents - l.totalCents;
      const diff = BigInt(diffCents);
      if (this.lines.admits(diff)) this.lines.add(`${c.entry}/${l.item.line}`, diff, { entry: c.entry, lines: c.results.map((r) => r.lines[k]!), diffCents });
    });
    this.entries.add(c.entry, last.totalCents - first.totalCents, c);
  }

  /** Largest change first. */
  topLines(): ComparedLine[] {
    return this.lines.sorted();
  }

  topEntries(): ComparedEntry[] {
    return this.entries.sorted();
  }
}

/** An entry's change between the last scenario and the first, in cents. */
export function entryChange(c: ComparedEntry): bigint {
  return c.results[c.results.length - 1]!.totalCents - c.results[0]!.totalCents;
}
