/**
 * The HTML report of `compare`: what each scenario is (title and description from its file), its total,
 * change and effective rate, a waterfall from the first scenario's total to each other's with one step per
 * legal authority, duty by authority per scenario, the HTS headings that drive the change, duty by
 * authority per month when the entries span several months, and the lines and entries that change most.
 * It keeps only sums by heading and by month and authority, and bounded lists: it streams like the rest.
 */
import type { ComparedEntry } from '../../engine/compare.js';
import { GroupTotals } from '../../engine/group-totals.js';
import type { Rejection } from '../../model/line-item.js';
import { formatHts } from '../../rules/hts/format.js';
import { groupRows, type GroupRow } from '../grouped-rows.js';
import { currencySentence } from '../invoice-currency.js';
import type { RunSummary } from '../summary.js';
import type { CompareContext, CompareRenderer } from './compare.js';
import { CompareLeaders, entryChanges } from './compare-leaders.js';
import { esc, page, stackedBars, table, type BarSeries } from './html-parts.js';
import { authoritiesByWeight, authorityParts, card, countsBlock, money, provenanceBlock, RowsNotComputed, valueCell } from './html.js';
import { waterfall } from './waterfall.js';

/** Headings listed as driving the change. */
const TOP_HEADINGS = 10;

const abs = (x: bigint): bigint => (x < 0n ? -x : x);
const largestChange = (r: GroupRow): bigint => r.scenarios.reduce((m, f) => (abs(f.changeCents) > m ? abs(f.changeCents) : m), 0n);

export class CompareHtmlRenderer implements CompareRenderer {
  private ctx!: CompareContext;
  private readonly leaders = new CompareLeaders();
  private readonly notComputed = new RowsNotComputed();
  private byHeading: GroupTotals[] = [];
  private byMonth: GroupTotals[] = [];

  begin(ctx: CompareContext): string {
    this.ctx = ctx;
    this.byHeading = ctx.labels.map(() => new GroupTotals(['heading']));
    this.byMonth = ctx.labels.map(() => new GroupTotals(['month', 'authority']));
    return '';
  }

  entry(c: ComparedEntry): string {
    // Rows held with the entry are listed apart, as every other rejected row is.
    for (const h of c.results[0]!.rejectedAmong ?? []) this.rejected(h.rejection);
    this.leaders.add(c);
    c.results.forEach((r, i) => {
      this.byHeading[i]!.addEntry(r);
      this.byMonth[i]!.addEntry(r);
    });
    return '';
  }

  rejected(r: Rejection): string {
    this.notComputed.add(r);
    return '';
  }

  private scenarioBlock(summaries: RunSummary[]): string {
    const labels = this.ctx.labels;
    const rows = labels.map((l, i) => {
      const d = this.ctx.descriptions?.[i];
      return [esc(l), `<span data-field="scenario-title-${i}">${esc(d?.title ?? l)}</span>`, esc(d?.description ?? ''), esc(summaries[i]!.effectiveRate)];
    });
    return `<h2>Scenarios</h2>${table(['Scenario', 'Title', 'What it is', 'Duty / value'], rows, [false, false, false, true])}`;
  }

  private waterfalls(summaries: RunSummary[]): string {
    const labels = this.ctx.labels;
    const first = summaries[0]!;
    const authorities = authoritiesByWeight(summaries);
    const charts = summaries.slice(1).map((s, k) => {
      const from = authorityParts(first);
      const to = authorityParts(s);
      const steps = authorities.map((a) => ({ authority: a, changeCents: (to.get(a.id) ?? 0n) - (from.get(a.id) ?? 0n) }));
      return `<h3>${esc(labels[0]!)} → ${esc(labels[k + 1]!)}: ${money(s.totalCents - first.totalCents)}</h3>${waterfall({ fromLabel: labels[0]!, fromCents: first.totalCents, toLabel: labels[k + 1]!, toCents: s.totalCents, steps, ...(first.provenance.currency ? { currency: first.provenance.currency } : {}) })}`;
    });
    return `<h2>What changes the total, by legal authority</h2>
<p class="muted">Each step is the change of one authority's duty (or of the fees) from the first scenario; a measure that a removal brings back (it had given way to the one removed) rises. The steps add up to the change of the total.</p>
${charts.join('\n')}`;
  }

  private headingBlock(): string {
    const labels = this.ctx.labels;
    const rows = groupRows(['heading'], this.byHeading.map((g) => g.data()))
      .filter((r) => largestChange(r) > 0n)
      .sort((a, b) => (largestChange(b) > largestChange(a) ? 1 : largestChange(b) < largestChange(a) ? -1 : 0))
      .slice(0, TOP_HEADINGS);
    if (rows.length === 0) return '<h2>HTS headings that drive the change</h2><p>No heading changes.</p>';
    const cells = rows.map((r) => [esc(formatHts(r.keys[0]!)), ...r.scenarios.map((f) => money(f.totalCents)), ...r.scenarios.slice(1).map((f) => money(f.changeCents))]);
    const head = ['HTS heading', ...labels, ...labels.slice(1).map((l) => `Change: ${l}`)];
    return `<h2>HTS headings that drive the change</h2><p class="muted">The ${rows.length} headings (4 digits) whose duty and fees change most under any scenario.</p>${table(head, cells, head.map((_, i) => i > 0))}`;
  }

  private monthBlock(summaries: RunSummary[]): string {
    const labels = this.ctx.labels;
    const rows = groupRows(['month', 'authority'], this.byMonth.map((g) => g.data()));
    const months = [...new Set(rows.map((r) => r.keys[0]!))].sort();
    if (months.length < 2) return '';
    const authorities = authoritiesByWeight(summaries);
    const series: BarSeries[] = months.map((m) => ({ label: m, parts: new Map(rows.filter((r) => r.keys[0] === m).map((r) => [r.keys[1]!, r.scenarios[0]!.totalCents])) }));
    const perMonth = months.map((m) => {
      const of = rows.filter((r) => r.keys[0] === m);
      const totals = labels.map((_, i) => of.reduce((a, r) => a + r.scenarios[i]!.totalCents, 0n));
      return [esc(m), ...totals.map(money), ...totals.slice(1).map((t) => money(t - totals[0]!))];
    });
    const head = ['Month', ...labels, ...labels.slice(1).map((l) => `Change: ${l}`)];
    return `<h2>Duty and fees by legal authority, per month (${esc(labels[0]!)})</h2>${stackedBars(series, authorities, 'Duty by legal authority per month', summaries[0]?.provenance.currency)}
${table(head, perMonth, head.map((_, i) => i > 0))}`;
  }

  end(summaries: RunSummary[]): string {
    const labels = this.ctx.labels;
    const first = summaries[0]!;
    const authorities = authoritiesByWeight(summaries);
    const series: BarSeries[] = summaries.map((s, i) => ({ label: labels[i]!, parts: authorityParts(s) }));
    const cards = summaries
      .map((s, i) => card(labels[i]!, `${money(s.totalCents)}${i > 0 ? `<div class="muted" data-field="diff-${esc(i)}">${money(s.totalCents - first.totalCents)} vs ${esc(labels[0]!)}</div>` : ''}<div class="muted" data-field="rate-${esc(i)}">duty / value ${esc(s.effectiveRate)}</div>`, `total-${i}`))
      .join('');
    const byAuthority = authorities.map((a) => [esc(a.name), ...summaries.map((s) => money(s.byAuthority.find((x) => x.authority === a.id)?.amountCents ?? 0n))]);
    byAuthority.push(['<b>Total</b>', ...summaries.map((s) => `<b>${money(s.totalCents)}</b>`)]);
    byAuthority.push(['Change against the first', ...summaries.map((s) => money(s.totalCents - first.totalCents))]);
    byAuthority.push(['Duty / customs value', ...summaries.map((s) => esc(s.effectiveRate))]);
    byAuthority.push(['Landed cost', ...summaries.map((s) => money(s.landedCostCents))]);
    const numeric = [false, ...labels.map(() => true)];
    const changeHeads = labels.slice(1).map((l) => `Change: ${l}`);
    const changeNumeric = labels.slice(1).map(() => true);
    const entryRows = this.leaders.topEntries().map((c) => [esc(c.entry), esc(c.results[0]!.entryDate), money(c.results[0]!.valueCents), ...c.results.map((r) => money(r.totalCents)), ...entryChanges(c).map(money)]);
    const lineRows = this.leaders.topLines().map(({ entry, lines, changesCents }) => {
      const l = lines[0]!;
      return [esc(entry), esc(l.item.line), esc(formatHts(l.item.hts)), esc(l.item.entryDate), valueCell(l.item), ...lines.map((x) => money(x.totalCents)), ...changesCents.map(money)];
    });
    const body = `<h1>Scenario comparison</h1>
<p class="muted">${esc(this.ctx.inputName)} · ${esc(first.counts.computed)} lines in ${esc(first.counts.entries)} entries · changes are against ${esc(labels[0]!)}</p>
<div class="cards">${cards}</div>
${countsBlock(first.counts, ' (in the first scenario)')}
<p data-field="invoice-currency">${esc(currencySentence(first))}</p>
${this.scenarioBlock(summaries)}
${this.waterfalls(summaries)}
<h2>Duty and fees by legal authority, per scenario</h2>${stackedBars(series, authorities, undefined, summaries[0]?.provenance.currency)}
${table(['Legal authority', ...labels], byAuthority, numeric)}
${this.headingBlock()}
${this.monthBlock(summaries)}
<h2>Entries with the largest change</h2>${table(['Entry', 'Date', 'Customs value', ...labels, ...changeHeads], entryRows, [false, false, true, ...labels.map(() => true), ...changeNumeric])}
<h2>Lines with the largest change</h2>${table(['Entry', 'Line', 'HTS', 'Date', 'Customs value', ...labels, ...changeHeads], lineRows, [false, false, false, false, true, ...labels.map(() => true), ...changeNumeric])}
${this.notComputed.blocks()}
${provenanceBlock(this.ctx.provenances)}`;
    return page('Scenario comparison', body);
  }
}
