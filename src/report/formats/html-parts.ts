/**
 * Building blocks of the self-contained HTML report: escaping, page frame (inline CSS, print styles, no
 * network), tables, and a stacked bar chart of duty by legal authority as inline SVG.
 */
import { formatCentsGrouped } from '../../money/decimal.js';
import { authorityColour } from './authority-colours.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every piece of text that reaches the page goes through here. */
export function esc(text: string | number | bigint): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:2rem;color:#1a1a1a;max-width:1200px}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.5rem 0}
th,td{border:1px solid #d0d0d0;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.cards{display:flex;flex-wrap:wrap;gap:1rem}.card{border:1px solid #d0d0d0;border-radius:6px;padding:.6rem 1rem;min-width:12rem}
.card .label{font-size:.8rem;color:#555}.card .value{font-size:1.35rem;font-weight:600}
.muted{color:#666;font-size:.85rem}.warn{color:#9a5b00}.neg{color:#1b7f3b}.pos{color:#b00020}
svg text{font-family:inherit}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}table{page-break-inside:auto}tr{page-break-inside:avoid}}
</style></head><body>
${body}
</body></html>
`;
}

export function table(head: string[], rows: string[][], numeric: boolean[] = []): string {
  const th = head.map((h, i) => `<th${numeric[i] ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  const trs = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric[i] ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${trs}\n</tbody></table>`;
}

export interface BarSeries {
  label: string;
  /** Amount in cents per authority id. */
  parts: Map<string, bigint>;
}

/** An authority as a chart shows it: its colour comes from its id. */
export interface ChartAuthority {
  id: string;
  name: string;
}

/** One horizontal stacked bar per series, segments by authority, with a legend: readable without a table. */
export function stackedBars(series: BarSeries[], authorities: ChartAuthority[], ariaLabel = 'Duty by legal authority', currency = 'USD'): string {
  const width = 900;
  const labelWidth = 190;
  const barHeight = 30;
  const gap = 14;
  const max = series.reduce((m, s) => {
    const total = [...s.parts.values()].reduce((a, b) => a + b, 0n);
    return total > m ? total : m;
  }, 1n);
  const scale = (cents: bigint): number => Number((cents * BigInt((width - labelWidth - 120) * 1000)) / max) / 1000;
  const rows = series.map((s, i) => {
    const y = i * (barHeight + gap);
    let x = labelWidth;
    const segments = authorities.map((a) => {
      const cents = s.parts.get(a.id) ?? 0n;
      if (cents <= 0n) return '';
      const w = Math.max(scale(cents), 0.5);
      const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${authorityColour(a.id)}" data-authority="${esc(a.id)}"><title>${esc(`${s.label}: ${a.name} ${formatCentsGrouped(cents)} ${currency}`)}</title></rect>`;
      x += w;
      return rect;
    });
    const total = [...s.parts.values()].reduce((a, b) => a + b, 0n);
    return `<text x="${labelWidth - 8}" y="${y + barHeight / 2 + 5}" text-anchor="end" font-size="13">${esc(s.label)}</text>${segments.join('')}<text x="${(x + 6).toFixed(1)}" y="${y + barHeight / 2 + 5}" font-size="13" data-total="${esc(total)}">${esc(formatCentsGrouped(total))}</text>`;
  });
  const legendY = series.length * (barHeight + gap) + 10;
  const legend = authorities.map((a, k) => {
    const lx = labelWidth + (k % 2) * 340;
    const ly = legendY + Math.floor(k / 2) * 20;
    return `<rect x="${lx}" y="${ly}" width="12" height="12" fill="${authorityColour(a.id)}"/><text x="${lx + 18}" y="${ly + 11}" font-size="12">${esc(a.name)}</text>`;
  });
  const height = legendY + Math.ceil(authorities.length / 2) * 20 + 10;
  return `<svg role="img" aria-label="${esc(ariaLabel)}" xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 ${width} ${height}">${rows.join('')}${legend.join('')}</svg>`;
}
