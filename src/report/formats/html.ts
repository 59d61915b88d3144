/**
 * The HTML report of `estimate` and `compare`: one self-contained file (inline CSS and SVG, no network) that
 * shows, before any table, which legal authority costs the most and what each scenario changes. It keeps
 * only bounded lists (the largest lines and entries, the first rejections), so it streams like the rest.
 */
import type { EntryResult, Provenance } from '../../engine/types.js';
import type { LineItem, Rejection } from '../../model/line-item.js';
import { formatCentsGrouped } from '../../money/decimal.js';
import { formatHts } from '../../rules/hts/format.js';
import type { RenderContext, Renderer } from '../renderer.js';
import { RejectionList } from '../rejection-list.js';
import { RejectionGroups } from '../rejection-groups.js';
import type { RunSummary } from '../summary.js';
import { countsLine, lineMarkSentences } from '../line-marks.js';
import { currencySentence, invoicedAs } from '../invoice-currency.js';
import { TopN } from './top-n.js';
import { esc, page, stackedBars, table, type ChartAuthority } from './html-parts.js';

const TOP = 20;
/** Rejected rows listed in the report (the count is always whole). */
export const REJECTION_LIMIT = 200;

export function money(cents: bigint | number): string {
  return esc(formatCentsGrouped(cents));
}

/** A line's USD value, with the amount as invoiced under it when converted. */
export function valueCell(item: LineItem): string {
  const invoiced = invoicedAs(item);
  return invoiced === undefined ? money(item.valueCents) : `${money(item.valueCents)}<br><span class="muted">${esc(invoiced)}</span>`;
}

export function card(label: string, value: string, field: string): string {
  return `<div class="card"><div class="label">${esc(label)}</div><div class="value" data-field="${esc(field)}">${value}</div></div>`;
}

/** Every count, zeros too, and a sentence for each kind of line whose figure is not simply right. */
export function countsBlock(c: RunSummary['counts'], scope = ''): string {
  const marks = lineMarkSentences(c).map((sentence) => `<p class="warn">${esc(sentence + scope)}</p>`);
  return [`<p data-field="counts-line">${esc(countsLine(c) + scope)}</p>`, ...marks].join('\n');
}

export function provenanceBlock(provenances: Provenance[]): string {
  const rows = provenances.map((p) => [esc(p.scenario), esc(`${p.scheduleId} ${p.scheduleVersion}`), esc(p.asOf), `<code>${esc(p.rulesSha256.slice(0, 16))}</code>`, esc(p.htsRevision)]);
  const unknowns = provenances[0]?.unknowns ?? [];
  return `<h2>Rules used</h2>${table(['Scenario', 'Schedule', 'As of', 'Rules sha256', 'HTS'], rows)}
<p class="muted">What the data does not know:</p><ul class="muted">${unknowns.map((u) => `<li>${esc(u)}</li>`).join('')}</ul>`;
}

/** Lines of an origin the schedule does not encode: not errors, listed apart from the rejected rows. */
export function outsideBlock(list: RejectionList): string {
  if (list.count === 0) return '';
  const rows = list.kept.map((r) => [esc(r.sourceLine), esc(r.key?.entry ?? ''), esc(r.key?.line ?? ''), esc(r.value ?? ''), esc(r.reason)]);
  const more = list.count > list.kept.length ? `<p class="muted">${list.count - list.kept.length} more lines outside these rules; the CSV and JSON outputs list every one.</p>` : '';
  return `<h2>Outside these rules (${list.count})</h2><p class="muted">Not importable under these rules: no duty is computed and they are kept out of every total.</p>
<div data-field="outside-these-rules">${table(['Line', 'Entry', 'Line no.', 'Origin', 'Reason'], rows)}</div>${more}`;
}

/** The rows a report lists apart from its figures: those outside these rules, and the rejected rows. */
export class RowsNotComputed {
  private readonly rejections = new RejectionList(REJECTION_LIMIT);
  private readonly outside = new RejectionList(REJECTION_LIMIT);
  private readonly groups = new RejectionGroups();

  add(r: Rejection): void {
    if (r.outside) {
      this.outside.add(r);
      return;
    }
    this.rejections.add(r);
    this.groups.add(r);
  }

  blocks(): string {
    return `${outsideBlock(this.outside)}\n${rejectionBlock(this.rejections, this.groups)}`;
  }
}

/** Rejected rows: a count and examples by kind of reason, then the first rows one by one. */
export function rejectionBlock(list: RejectionList, groups: RejectionGroups): string {
  const { kept: rejections, count } = list;
  if (count === 0) return '<h2>Rejected lines</h2><p>None.</p>';
  const example = (r: Rejection): string => `line ${esc(r.sourceLine)}${r.column ? `: ${esc(r.column)}` : ''}${r.value !== undefined ? ` "${esc(r.value)}"` : ''}`;
  const byReason = groups.sorted().map((g) => [esc(g.kind), esc(g.count), g.examples.map(example).join('<br>')]);
  const rows = rejections.map((r) => [esc(r.sourceLine), esc(r.column ?? ''), esc(r.value ?? ''), esc(r.reason)]);
  const more = count > rejections.length ? `<p class="muted">${count - rejections.length} more rejected lines; use --rejects FILE to keep them all.</p>` : '';
  return `<h2>Rejected lines (${count})</h2><p class="muted">Rejected lines are kept out of every total.</p>
<h3>By reason</h3><div data-field="rejections-by-reason">${table(['Reason', 'Lines', 'Examples'], byReason, [false, true, false])}</div>
<h3>The rows</h3>${table(['Line', 'Column', 'Value', 'Reason'], rows)}${more}`;
}

/** Amounts by authority id. */
export function authorityParts(s: RunSummary): Map<string, bigint> {
  return new Map(s.byAuthority.map((a) => [a.authority, a.amountCents]));
}

/** The authorities of the runs, the largest (over all of them) first. */
export function authoritiesByWeight(summaries: RunSummary[]): ChartAuthority[] {
  const weight = new Map<string, { name: string; cents: bigint }>();
  for (const s of summaries) for (const a of s.byAuthority) weight.set(a.authority, { name: a.name, cents: (weight.get(a.authority)?.cents ?? 0n) + a.amountCents });
  return [...weight.entries()].sort((a, b) => (b[1].cents > a[1].cents ? 1 : b[1].cents < a[1].cents ? -1 : 0)).map(([id, w]) => ({ id, name: w.name }));
}

export class HtmlRenderer implements Renderer {
  private ctx!: RenderContext;
  private readonly lines = new TopN<string[]>(TOP);
  private readonly entries = new TopN<string[]>(TOP);
  private readonly notComputed = new RowsNotComputed();

  begin(ctx: RenderContext): string {
    this.ctx = ctx;
    return '';
  }

  entry(e: EntryResult): string {
    // Rows held with the entry are listed apart, as every other rejected row is.
    for (const h of e.rejectedAmong ?? []) this.rejected(h.rejection);
    for (const l of e.lines) {
      const total = BigInt(l.totalCents);
      if (!this.lines.admits(total)) continue;
      const parts = [...l.components, ...l.feeShares].filter((c) => c.amountCents > 0).map((c) => `${esc(c.heading ?? c.title)} ${esc(c.rateText)}: ${money(c.amountCents)}`);
      // A line's lower bound or assumed rate is said on the line itself, not only in the counts.
      for (const w of l.warnings) if (w.code === 'assumed-rate' || w.code === 'after-as-of' || w.code === 'lower-bound') parts.push(`<span class="warn">${esc(w.message)}</span>`);
      if (l.incomplete && !l.warnings.some((w) => w.code === 'lower-bound')) parts.push('<span class="warn">lower bound: a rate could not be computed</span>');
      this.lines.add(`${e.entry}/${l.item.line}`, total, [
        esc(e.entry), esc(l.item.line), esc(formatHts(l.item.hts)), esc(l.item.description ?? ''), esc(l.item.entryDate), valueCell(l.item), parts.join('<br>'), money(l.totalCents), money(l.landedCostCents),
      ]);
    }
    if (this.entries.admits(e.totalCents)) this.entries.add(e.entry, e.totalCents, [esc(e.entry), esc(e.entryDate), esc(e.lines.length), money(e.valueCents), money(e.dutyCents), money(e.feeCents), money(e.totalCents), money(e.landedCostCents)]);
    return '';
  }

  rejected(r: Rejection): string {
    this.notComputed.add(r);
    return '';
  }

  end(s: RunSummary): string {
    const p = this.ctx.provenance;
    const authorities = authoritiesByWeight([s]);
    const chart = stackedBars([{ label: 'This file', parts: authorityParts(s) }], authorities, undefined, s.provenance.currency);
    const byAuthority = s.byAuthority.map((a) => [esc(a.name), esc(a.lines), money(a.amountCents), esc(s.totalCents > 0n ? `${(a.amountCents * 1000n) / s.totalCents / 10n}.${(a.amountCents * 1000n) / s.totalCents % 10n}%` : '')]);
    const body = `<h1>Duty and fee estimate</h1>
<p class="muted">${esc(this.ctx.inputName)} · ${esc(p.scheduleId)} ${esc(p.scheduleVersion)} (scenario ${esc(p.scenario)}), rules as of ${esc(p.asOf)}</p>
<div class="cards">${card(s.provenance.currency ? `Value for duty (${s.provenance.currency})` : 'Customs value (USD)', money(s.valueCents), 'value')}${card('Duty', money(s.dutyCents), 'duty')}${card('Fees', money(s.feeCents), 'fees')}${card('Total', money(s.totalCents), 'total')}${card('Duty / value', esc(s.effectiveRate), 'effective-rate')}${card('Landed cost', money(s.landedCostCents), 'landed-cost')}${card('Lines computed / rejected', `${esc(s.counts.computed)} / ${esc(s.counts.rejected)}`, 'counts')}</div>
${countsBlock(s.counts)}
<p data-field="invoice-currency">${esc(currencySentence(s))}</p>
<h2>Where the money goes, by legal authority</h2>${chart}
${table(['Legal authority', 'Lines', `Amount (${s.provenance.currency ?? 'USD'})`, 'Share'], byAuthority, [false, true, true, true])}
<p class="muted">Removing an authority saves at least its amount here; <code>tariff compare --scenario current --scenario no-section-232</code> (or another scenario) shows the saving after the measures it displaced apply again.</p>
<h2>Entries with the largest total</h2>${table(['Entry', 'Date', 'Lines', 'Customs value', 'Duty', 'Fees', 'Total', 'Landed cost'], this.entries.sorted(), [false, false, true, true, true, true, true, true])}
<h2>Lines with the largest total</h2>${table(['Entry', 'Line', 'HTS', 'Description', 'Date', 'Customs value', 'Components', 'Total', 'Landed cost'], this.lines.sorted(), [false, false, false, false, false, true, false, true, true])}
${this.notComputed.blocks()}
${provenanceBlock([p])}`;
    return page('Duty and fee estimate', body);
  }
}
