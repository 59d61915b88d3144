/**
 * The terminal view for people: each line with its components (heading, rate, base, amount), entry
 * fees, the totals by legal authority, counts and provenance. Large files are capped: the table shows the
 * first lines and says how to get all of them.
 */
import chalk from 'chalk';
import Table from 'cli-table3';
import type { EntryResult, LineResult } from '../../engine/types.js';
import type { Rejection } from '../../model/line-item.js';
import { formatCentsGrouped } from '../../money/decimal.js';
import { formatHts } from '../../rules/hts/format.js';
import type { RenderContext, Renderer } from '../renderer.js';
import { effectiveRate, type RunSummary } from '../summary.js';
import { RejectionList } from '../rejection-list.js';
import { shown, terminalSafe } from '../terminal-text.js';
import { countsLine, lineMarkSentences } from '../line-marks.js';
import { currencySentence, valueWithInvoice } from '../invoice-currency.js';

const TABLE_LINE_LIMIT = 500;
const ENTRY_LIMIT = 100;

function componentLines(l: LineResult): string {
  if (l.status === 'prohibited') return chalk.red(`NOT IMPORTABLE: ${shown(l.prohibition?.reason ?? '')}`);
  const flag = (verified: boolean): string => (verified ? '' : chalk.yellow(' (UNVERIFIED)'));
  const rows = l.components.map((c) => {
    const where = c.heading ?? c.title;
    const base = c.basis.startsWith('quantity') ? c.basis : `${c.basis} ${formatCentsGrouped(c.baseCents)}`;
    return `${shown(`${where} ${c.rateText} on ${base}`)}: ${formatCentsGrouped(c.amountCents)}${flag(c.verified)}`;
  });
  for (const f of l.feeShares) rows.push(`${shown(f.title)}, this line's share by value: ${formatCentsGrouped(f.amountCents)}${flag(f.verified)}`);
  for (const n of l.notApplied) if (n.by) rows.push(chalk.dim(shown(`not applied: ${n.heading ?? n.measure}: ${n.reason}`)));
  for (const w of l.warnings) rows.push(chalk.yellow(`! ${shown(w.message)}`));
  return rows.join('\n');
}

export class TableRenderer implements Renderer {
  private table!: InstanceType<typeof Table>;
  /** The schedule's currency (USD unless it says). */
  private currency = 'USD';
  private shown = 0;
  private hidden = 0;
  private readonly entryRows: string[][] = [];
  private entriesHidden = 0;
  private readonly rejections = new RejectionList();
  private readonly outside = new RejectionList();
  private ctx!: RenderContext;

  begin(ctx: RenderContext): string {
    this.ctx = ctx;
    this.currency = ctx.schedule.currency ?? 'USD';
    const charges = ctx.schedule.measures.some((m) => m.category === 'tax') ? 'Duties, taxes and fees' : 'Duties and fees';
    this.table = new Table({
      head: ['Entry', 'Line', ctx.schedule.tariff_table ? 'Tariff item' : 'HTS', 'Date', `Value (${this.currency})`, charges, 'Total', 'Landed cost'],
      colWidths: [12, 6, 16, 12, 14, 70, 12, 14],
      wordWrap: true,
      style: { head: [], border: [] },
    });
    return '';
  }

  entry(e: EntryResult): string {
    // Rows held with the entry are listed apart, as every other rejected row is.
    for (const h of e.rejectedAmong ?? []) this.rejected(h.rejection);
    if (this.entryRows.length < ENTRY_LIMIT) {
      this.entryRows.push([shown(e.entry), e.entryDate, String(e.lines.length), formatCentsGrouped(e.valueCents), formatCentsGrouped(e.dutyCents), effectiveRate(e.dutyCents, e.valueCents), formatCentsGrouped(e.feeCents), formatCentsGrouped(e.totalCents), formatCentsGrouped(e.landedCostCents)]);
    } else this.entriesHidden += 1;
    for (const l of e.lines) {
      if (this.shown >= TABLE_LINE_LIMIT) {
        this.hidden += 1;
        continue;
      }
      this.shown += 1;
      const perUnit = l.landedCostPerUnitCents === undefined ? '' : `\n${formatCentsGrouped(l.landedCostPerUnitCents)}/${shown(l.item.unit ?? 'unit')}`;
      this.table.push([shown(l.item.entry), shown(l.item.line), formatHts(l.item.hts), l.item.entryDate, valueWithInvoice(l.item), componentLines(l), formatCentsGrouped(l.totalCents), `${formatCentsGrouped(l.landedCostCents)}${perUnit}`]);
    }
    for (const f of e.fees) {
      if (this.shown >= TABLE_LINE_LIMIT) break;
      const capped = f.uncappedCents !== f.amountCents && f.basis === 'entry value subject to the fee' ? ` (rate gives ${formatCentsGrouped(f.uncappedCents)}; minimum ${formatCentsGrouped(f.minimumCents ?? 0)}, maximum ${formatCentsGrouped(f.maximumCents ?? 0)})` : '';
      const w = f.wholeEntry;
      const text = w
        ? `entry fee: ${shown(f.title)} ${f.rateText} on the whole entry's ${formatCentsGrouped(w.baseCents)}: ${formatCentsGrouped(w.amountCents)}${w.uncappedCents !== w.amountCents ? ` (rate gives ${formatCentsGrouped(w.uncappedCents)})` : ''}; its rows are apart in the file, and these carry ${formatCentsGrouped(f.amountCents)} of it, shared by value`
        : `entry fee: ${shown(f.title)} ${f.rateText} on ${formatCentsGrouped(f.baseCents)}: ${formatCentsGrouped(f.amountCents)}${capped}, shared to the lines by value`;
      this.table.push([shown(e.entry), '', '', '', '', chalk.dim(text), '', '']);
    }
    return '';
  }

  rejected(r: Rejection): string {
    (r.outside ? this.outside : this.rejections).add(r);
    return '';
  }

  end(s: RunSummary): string {
    const out: string[] = [];
    if (this.shown > 0) out.push(this.table.toString());
    if (this.hidden > 0) out.push(chalk.dim(`… ${this.hidden} more lines not shown; use --format csv or json for every line`));
    out.push(...this.outside.lines((n) => chalk.yellow(`Outside these rules (${n}): not importable under these rules, no duty computed:`)));
    out.push(...this.rejections.lines((n) => chalk.red(`Rejected lines (${n}):`)));
    if (this.entryRows.length > 1) {
      const entries = new Table({ head: ['Entry', 'Date', 'Lines', 'Customs value', 'Duty', 'Duty/value', 'Fees', 'Total', 'Landed cost'], style: { head: [], border: [] }, colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'] });
      for (const r of this.entryRows) entries.push(r);
      out.push(entries.toString());
      if (this.entriesHidden > 0) out.push(chalk.dim(`… ${this.entriesHidden} more entries; use --format csv or json for all of them`));
    }
    const totals = new Table({ head: ['Legal authority', 'Lines reached', `Amount (${this.currency})`], style: { head: [], border: [] }, colAligns: ['left', 'right', 'right'] });
    for (const a of s.byAuthority) totals.push([shown(a.name), String(a.lines), formatCentsGrouped(a.amountCents)]);
    totals.push([chalk.bold('Duty'), '', chalk.bold(formatCentsGrouped(s.dutyCents))]);
    totals.push([chalk.bold(this.ctx.schedule.measures.some((m) => m.category === 'tax') ? 'Taxes and fees' : 'Fees'), '', chalk.bold(formatCentsGrouped(s.feeCents))]);
    totals.push([chalk.bold('Total'), '', chalk.bold(formatCentsGrouped(s.totalCents))]);
    out.push(totals.toString());
    const c = s.counts;
    out.push(
      `${countsLine(c)}; entries ${c.entries}; ${this.ctx.schedule.importing_country === 'CA' ? 'value for duty' : 'customs value'} ${formatCentsGrouped(s.valueCents)} ${this.currency}; duty ${s.effectiveRate} of value; landed cost ${formatCentsGrouped(s.landedCostCents)} ${this.currency}`,
    );
    out.push(currencySentence(s));
    for (const sentence of lineMarkSentences(c)) out.push(chalk.yellow(sentence));
    const p = s.provenance;
    out.push(chalk.dim(shown(`Rules: ${p.scheduleId} ${p.scheduleVersion} (scenario ${p.scenario}), as of ${p.asOf}, sha256 ${p.rulesSha256.slice(0, 16)}; ${this.ctx.schedule.tariff_table ? 'tariff table' : 'HTS'}: ${p.htsRevision}`)));
    if (p.unknowns.length > 0) out.push(chalk.dim(`The data does not know: ${p.unknowns.length} open points (see tariff rules list)`));
    void this.ctx;
    return terminalSafe(`${out.join('\n')}\n`);
  }
}
