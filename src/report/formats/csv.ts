/**
 * CSV output: one row per input line (computed, not importable, or rejected), stable columns for a
 * spreadsheet or pandas; provenance on every row so a row pasted elsewhere still says which rules made it.
 */
import type { Component, EntryResult, LineResult } from '../../engine/types.js';
import type { Rejection } from '../../input/line-item.js';
import { formatCents } from '../../money/decimal.js';
import { formatHts } from '../../rules/hts/format.js';
import { amountColumns, ColumnSummer } from '../columns.js';
import { csvCell, csvRow, neutralizeFormula } from '../csv-cell.js';
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
  /** ",<schedule>,<scenario>,<sha>,<as of>\n": the same on every row, so built once. */
  private rowEnd = '\n';
  private readonly htsText = new Map<string, string>();

  begin(ctx: RenderContext): string {
    this.summer = new ColumnSummer(amountColumns(ctx.schedule));
    const p = ctx.provenance;
    this.provenanceCells = [`${p.scheduleId}@${p.scheduleVersion}`, p.scenario, p.rulesSha256.slice(0, 12), p.asOf];
    this.rowEnd = `,${csvRow(this.provenanceCells)}`;
    return csvRow([
      'entry', 'line', 'source_line', 'hts', 'description', 'origin', 'entry_date', 'usmca', 'invoice_value', 'customs_value', 'status',
      ...this.summer.columns.map((c) => c.name), 'duty', 'fees', 'total', 'brokerage', 'landed_cost', 'landed_cost_per_unit', 'components', 'notes',
      'schedule', 'scenario', 'rules_sha256', 'as_of',
    ]);
  }

  private hts(code: string): string {
    let text = this.htsText.get(code);
    if (text === undefined) {
      text = formatHts(code);
      this.htsText.set(code, text);
    }
    return text;
  }

  // Cells this tool writes (numbers, dates, codes, status words) need no quoting; only text is checked.
  private lineRow(l: LineResult): string {
    const item = l.item;
    let row = `${csvCell(neutralizeFormula(item.entry))},${csvCell(neutralizeFormula(item.line))},${item.sourceLine},${this.hts(item.hts)},${csvCell(neutralizeFormula(item.description ?? ''))},${csvCell(item.origin)},${item.entryDate},${item.usmcaClaimed ? 'Y' : 'N'},`;
    row += `${formatCents(item.costing?.invoiceValueCents ?? item.valueCents)},${formatCents(item.valueCents)},${l.status === 'prohibited' ? 'not_importable' : l.incomplete ? 'incomplete' : 'computed'}`;
    for (const a of this.summer.sums(l.components, l.feeShares)) row += `,${formatCents(a)}`;
    row += `,${formatCents(l.dutyCents)},${formatCents(l.feeCents)},${formatCents(l.totalCents)},${formatCents(l.brokerageCents)},${formatCents(l.landedCostCents)},${l.landedCostPerUnitCents === undefined ? '' : formatCents(l.landedCostPerUnitCents)}`;
    let components = '';
    for (const c of l.components) components += (components ? '; ' : '') + componentText(c);
    for (const c of l.feeShares) components += (components ? '; ' : '') + feeShareText(c);
    return `${row},${csvCell(components)},${csvCell(neutralizeFormula(this.notes(l)))}${this.rowEnd}`;
  }

  private notes(l: LineResult): string {
    let notes = l.status === 'prohibited' && l.prohibition ? `not importable: ${l.prohibition.reason} (${l.prohibition.heading ?? l.prohibition.measure})` : '';
    for (const w of l.warnings) notes += (notes ? ' | ' : '') + w.message;
    for (const n of l.notApplied) if (n.by) notes += (notes ? ' | ' : '') + `${n.heading ?? n.measure} not applied: ${n.reason}`;
    return notes;
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
