/**
 * A waterfall chart as inline SVG: from one scenario's total to another's, one step per legal authority
 * (its change), so a reader sees which authorities a scenario takes away and which come back. The steps add
 * up to the difference of the totals exactly: they are the per-authority changes, and fees are an
 * authority of their own.
 */
import { formatCentsGrouped } from '../../money/decimal.js';
import { authorityColour, shortName } from './authority-colours.js';
import { esc, type ChartAuthority } from './html-parts.js';

export interface WaterfallStep {
  authority: ChartAuthority;
  changeCents: bigint;
}

export interface Waterfall {
  fromLabel: string;
  fromCents: bigint;
  toLabel: string;
  toCents: bigint;
  steps: WaterfallStep[];
  /** The schedule's currency (default USD). */
  currency?: string;
}

const WIDTH = 900;
const PLOT_TOP = 24;
const PLOT_HEIGHT = 220;
const AXIS_LABELS = 54;
const TOTAL_COLOUR = '#404040';

const signed = (cents: bigint): string => `${cents > 0n ? '+' : ''}${formatCentsGrouped(cents)}`;

export function waterfall(w: Waterfall): string {
  const steps = w.steps.filter((s) => s.changeCents !== 0n);
  const columns = steps.length + 2;
  const colWidth = (WIDTH - 20) / columns;
  const barWidth = Math.min(70, colWidth * 0.7);
  // Running levels: every bar's ends, so the scale holds them all (a total may be below zero in no case, a level may).
  const levels: bigint[] = [0n, w.fromCents];
  let running = w.fromCents;
  for (const s of steps) levels.push((running += s.changeCents));
  levels.push(w.toCents);
  const low = levels.reduce((m, x) => (x < m ? x : m), 0n);
  const high = levels.reduce((m, x) => (x > m ? x : m), 1n);
  const span = high - low;
  const y = (cents: bigint): number => PLOT_TOP + Number(((high - cents) * BigInt(PLOT_HEIGHT * 100)) / span) / 100;
  const x = (i: number): number => 10 + i * colWidth + (colWidth - barWidth) / 2;
  const bar = (i: number, a: bigint, b: bigint, fill: string, label: string, value: string, attrs: string): string => {
    const top = Math.min(y(a), y(b));
    const height = Math.max(Math.abs(y(a) - y(b)), 1);
    const cx = x(i) + barWidth / 2;
    return `<g ${attrs}><rect x="${x(i).toFixed(1)}" y="${top.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${height.toFixed(1)}" fill="${fill}"><title>${esc(`${label}: ${value} ${w.currency ?? 'USD'}`)}</title></rect>`
      + `<text x="${cx.toFixed(1)}" y="${(top - 5).toFixed(1)}" text-anchor="middle" font-size="11">${esc(value)}</text>`
      + `<text x="${cx.toFixed(1)}" y="${PLOT_TOP + PLOT_HEIGHT + 16}" text-anchor="middle" font-size="11">${esc(label)}</text></g>`;
  };
  const parts: string[] = [];
  parts.push(bar(0, 0n, w.fromCents, TOTAL_COLOUR, w.fromLabel, formatCentsGrouped(w.fromCents), 'data-step="from"'));
  running = w.fromCents;
  steps.forEach((s, k) => {
    const next = running + s.changeCents;
    parts.push(bar(k + 1, running, next, authorityColour(s.authority.id), shortName(s.authority.name), signed(s.changeCents), `data-step="${esc(s.authority.id)}" data-change="${esc(s.changeCents)}"`));
    // A connector from this step's end to the next bar.
    if (k + 1 < columns - 1) parts.push(`<line x1="${(x(k + 1) + barWidth).toFixed(1)}" x2="${x(k + 2).toFixed(1)}" y1="${y(next).toFixed(1)}" y2="${y(next).toFixed(1)}" stroke="#999" stroke-dasharray="3,2"/>`);
    running = next;
  });
  parts.push(bar(columns - 1, 0n, w.toCents, TOTAL_COLOUR, w.toLabel, formatCentsGrouped(w.toCents), `data-step="to" data-total="${esc(w.toCents)}"`));
  const zero = `<line x1="0" x2="${WIDTH}" y1="${y(0n).toFixed(1)}" y2="${y(0n).toFixed(1)}" stroke="#666"/>`;
  const height = PLOT_TOP + PLOT_HEIGHT + AXIS_LABELS;
  return `<svg role="img" aria-label="${esc(`From ${w.fromLabel} to ${w.toLabel}, by legal authority`)}" class="waterfall" xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 ${WIDTH} ${height}">${zero}${parts.join('')}</svg>`;
}
