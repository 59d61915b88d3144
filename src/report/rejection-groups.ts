/**
 * Rejected rows grouped by kind of reason (the HTML report): the reason with what is particular to the row
 * (quoted text, numbers, codes, and what follows a semicolon) left out, how many rows have it, and the first
 * few as examples. Bounded: past MAX_GROUPS kinds, the rest are counted under one.
 */
import type { Rejection } from '../model/line-item.js';

const EXAMPLES = 3;
const MAX_GROUPS = 50;
const OTHER = 'other reasons';

export interface RejectionGroup {
  /** The reason with the row's own text left out. */
  kind: string;
  count: number;
  /** The first rows of the kind. */
  examples: Rejection[];
}

/** The reason as a kind: `value "12x" is not a number` -> `value "…" is not a number`. */
export function reasonKind(r: Rejection): string {
  let first = r.reason.split(/;\s/)[0]!;
  const value = r.value?.trim();
  if (value) first = first.split(`"${value}"`).join('"…"').split(value).join('…');
  const kind = first
    .replace(/"(?:[^"]|"")*"/g, '"…"')
    .replace(/[A-Za-z$€£]*\d[\w.,/:$%-]*/g, '#')
    .trim();
  const said = (c: string): boolean => kind.toLowerCase().startsWith(c.toLowerCase());
  return r.column && !said(r.column) && !said(r.column.replace(/_/g, ' ')) ? `${r.column}: ${kind}` : kind;
}

export class RejectionGroups {
  private readonly groups = new Map<string, RejectionGroup>();

  add(r: Rejection): void {
    let kind = reasonKind(r);
    if (!this.groups.has(kind) && this.groups.size >= MAX_GROUPS) kind = OTHER;
    let g = this.groups.get(kind);
    if (!g) this.groups.set(kind, (g = { kind, count: 0, examples: [] }));
    g.count += 1;
    if (g.examples.length < EXAMPLES) g.examples.push(r);
  }

  /** The kinds, the most frequent first (ties in the order first met). */
  sorted(): RejectionGroup[] {
    return [...this.groups.values()].sort((a, b) => b.count - a.count);
  }
}
