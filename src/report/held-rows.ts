/**
 * Rows rejected while an entry group was open are written with the group, each in its place in the file:
 * after the lines read before it; those after the group's last line follow the whole group (after an entry
 * row or item too), where a file read in parts puts them (see parallel/compute-part.ts `lead`).
 */
import type { RejectedAmong } from '../engine/types.js';
import type { Rejection } from '../model/line-item.js';

/** `line(k)` for each of the group's `count` lines, with `row` called first for each held row before line k. */
export function linesWithHeldRows(count: number, held: readonly RejectedAmong[] | undefined, line: (k: number) => void, row: (r: Rejection) => void): void {
  let h = 0;
  for (let k = 0; k < count; k++) {
    if (held) while (h < held.length && held[h]!.after <= k) row(held[h++]!.rejection);
    line(k);
  }
}

/** The held rows read after the group's last line, to write after the whole group. */
export function heldRowsAfter(count: number, held: readonly RejectedAmong[] | undefined, row: (r: Rejection) => void): void {
  if (held) for (const h of held) if (h.after >= count) row(h.rejection);
}
