/**
 * The lines and entries a comparison changes most, for the table and HTML views: ranked by the largest
 * change of any scenario against the first, each kept with its change under every scenario. Kept as
 * results, not cells: each view formats the few that remain at the end.
 */
import type { ComparedEntry } from '../../engine/compare.js';
import type { LineResult } from '../../engine/types.js';
import { TopN } from './top-n.js';

const TOP = 20;

export interface ComparedLine {
  entry: string;
  /** The line under each scenario, in order. */
  lines: LineResult[];
  /** Each scenario's total less the first's, in cents, for the scenarios after the first. */
  changesCents: number[];
}

const abs = (x: number): number => (x < 0 ? -x : x);

/** The change of largest size, its sign kept (what the ranking goes by). */
function largest(changes: readonly number[]): number {
  let m = 0;
  for (const c of changes) if (abs(c) > abs(m)) m = c;
  return m;
}

export class CompareLeaders {
  private readonly lines = new TopN<ComparedLine>(TOP);
  private readonly entries = new TopN<ComparedEntry>(TOP);

  add(c: ComparedEntry): void {
    const first = c.results[0]!;
    first.lines.forEach((l, k) => {
      const changesCents = c.results.slice(1).map((r) => r.lines[k]!.totalCents - l.totalCents);
      const rank = BigInt(largest(changesCents));
      if (this.lines.admits(rank)) this.lines.add(`${c.entry}/${l.item.line}`, rank, { entry: c.entry, lines: c.results.map((r) => r.lines[k]!), changesCents });
    });
    const changes = entryChanges(c);
    this.entries.add(c.entry, changes.reduce((m, x) => ((x < 0n ? -x : x) > (m < 0n ? -m : m) ? x : m), 0n), c);
  }

  /** Largest change first. */
  topLines(): ComparedLine[] {
    return this.lines.sorted();
  }

  topEntries(): ComparedEntry[] {
    return this.entries.sorted();
  }
}

/** An entry's change under each scenario after the first, against the first, in cents. */
export function entryChanges(c: ComparedEntry): bigint[] {
  const first = c.results[0]!.totalCents;
  return c.results.slice(1).map((r) => r.totalCents - first);
}
