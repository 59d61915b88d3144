/**
 * CSV output: one row per input line (computed, not importable, or rejected), stable columns for a
 * spreadsheet or pandas; provenance on every row so a row pasted elsewhere still says which rules made it.
 */
import type { Component, EntryResult, LineResult } from '../../engine/types.js';
import type { Rejection } from '../../input/line-item.js';
import { formatCents } from '../../money/decimal.js';
import { formatHts } from '../../rules/hts/format.js';
import { amountColumns, ColumnSummer } from '../columns.js';
import { csvRow, neutralizeFormula } from '../csv-cell.js';
import type { RenderContext, Renderer } from '../renderer.js';

export function componentText(c: Component): string {
  const where = c.heading ?? c.measure;
  return `${where} ${c.rateText} on ${c.basis} = ${formatCents(c.amountCents)}${c.verified ? '' : ' [UNVERIFIED]'}`;
}

export function feeShareText(c: Component): string {
  return `${c.title} (this line's share of the entry fee, by value) = ${formatCents(c.amountCents)}${c.verified ? '' : ' [UNVERIFIED]'}`;
}

export class CsvRenderer implements Renderer {
  private summer = new ColumnSummer([]);
  private provenanceCells: string[] = [];

  begin(ctx: RenderContext): string {
    this.summer = new ColumnSummer(amountColumns(ctx.schedule));
    const p = ctx.provenance;
    this.provenanceCells = [`${p.scheduleId}@${p.scheduleVersion}`, p.scenario, p.rulesSha256.slice(0, 12), p.asOf];
    return csvRow([
      'entry', 'line', 'source_line', 'hts', 'description', 'origin', 'entry_date', 'usmca', 'invoice_value', 'customs_value', 'status',
      ...this.summer.columns.map((c) => c.name), 'duty', 'fees', 'total', 'brokerage', 'landed_cost', 'landed_cost_per_unit', 'components', 'notes',
      'schedule', 'scenario', 'rules_sha256', 'as_of',
    ]);
  }

  private lineRow(l: LineResult): string {
    const item = l.item;
    const amounts = this.summer.sums(l.components, l.feeShares).map((a) => formatCents(a));
    const notes = l.status === 'prohibited' && l.prohibition
      ? [`not importable: ${l.prohibition.reason} (${l.prohibition.heading ?? l.prohibition.measure})`]
      : [];
    for (const w of l.warnings) notes.push(w.message);
    for (const n of l.notApplied) if (n.by) notes.push(`${n.heading ?? n.measure} not applied: ${n.reason}`);
    return csvRow([
      neutralizeFormula(item.entry), neutralizeFormula(item.line), String(item.sourceLine), formatHts(item.hts),
      neutralizeFormula(item.description ?? ''), item.origin, item.entryDate, item.usmcaClaimed ? 'Y' : 'N',
      formatCents(item.costing?.invoiceValueCents ?? item.valueCents), formatCents(item.valueCents), l.status === 'prohibited' ? 'not_importable' : l.incomplete ? 'incomplete' : 'computed',
      ...amounts, formatCents(l.dutyCents), formatCents(l.feeCents), formatCents(l.totalCents), formatCents(l.brokerageCents), formatCents(l.landedCostCents),
      l.landedCostPerUnitCents === undefined ? '' : formatCents(l.landedCostPerUnitCents),
      [...l.components.map(componentText), ...l.feeShares.map(feeShareText)].join('; '), neutralizeFormula(notes.join(' | ')),
      ...this.provenanceCells,
    ]);
  }

  entry(e: EntryResult): string {
    let out = '';
    for (const l of e.lines) out += this.lineRow(l);
    return out;
  }

  rejected(r: Rejection): string {
    const blanks = this.summer.columns.map(() => '');
    const where = r.column ? `${r.column}: ` : '';
    return csvRow([
      '', '', String(r.sourceLine), '', '', '', '', '', '', '', 'rejected', ...blanks, '', '', '', '', '', '', '',
      neutralizeFormula(`${where}${r.reason}`), ...this.provenanceCells,
    ]);
  }

  end(): string {
    return '';
  }
}
