/**
 * `compare` outputs. CSV and JSON carry one column group per scenario (duty, fees, total, and the
 * difference to the first scenario), a row per line and a row per entry, stable enough for a spreadsheet or
 * pandas. The table shows the lines and entries with the largest differences, then totals by authority.
 */
import Table from 'cli-table3';
import type { ComparedEntry } from '../../engine/compare.js';
import type { EntryResult, LineResult, Provenance } from '../../engine/types.js';
import type { Rejection } from '../../model/line-item.js';
import { formatCents, formatCentsGrouped } from '../../money/decimal.js';
import { formatHts } from '../../rules/hts/format.js';
import { encoded, writtenText, type ByteWriter } from '../../bytes/byte-writer.js';
import { LineKeyCells, rejectionKeyCells, writeCurrencyCells } from '../csv-bytes.js';
import { csvCell, csvRow, neutralizeFormula } from '../csv-cell.js';
import { shown, terminalSafe } from '../terminal-text.js';
import { CompareLeaders, entryChanges } from './compare-leaders.js';
import { keyedRejection, rejectionStatus } from '../rejection-list.js';
import { heldRowsAfter } from '../held-rows.js';
import type { RunSummary } from '../summary.js';
import { countsLine, lineMarkSentences } from '../line-marks.js';
import { currencySentence, valueWithInvoice } from '../invoice-currency.js';

export interface CompareContext {
  /** Scenario labels, in order; the first is the reference for differences. */
  labels: string[];
  provenances: Provenance[];
  inputName: string;
  /** Write only the entry rows (e.g. the IEEPA refund view). */
  entriesOnly: boolean;
  /** Each scenario's title and description, from its file, for the reports a person reads. */
  descriptions?: ScenarioDescription[];
}

export interface ScenarioDescription {
  title: string;
  description?: string;
}

export interface CompareRenderer {
  begin(ctx: CompareContext): string;
  entry(c: ComparedEntry): string;
  /** The entry written as bytes, where a format can do that without building strings (CSV). */
  entryBytes?(c: ComparedEntry, out: ByteWriter): void;
  rejected(r: Rejection): string;
  end(summaries: RunSummary[]): string;
}

/** The prefix of a scenario's CSV columns: its name without version, in letters, digits and underscores. */
export const column = (label: string): string => label.replace(/@.*$/, '').replace(/[^a-z0-9]+/gi, '_');

/** The `scenarios` and `as_of` cells: each scenario with the start of its rules' sha256, and the rules' date. */
export function provenanceCells(ctx: CompareContext): string[] {
  return [ctx.provenances.map((p) => `${p.scenario}#${p.rulesSha256.slice(0, 12)}`).join(' '), ctx.provenances[0]!.asOf];
}

/** ",duty,fees,total,landed_cost[,diff]" per scenario, for lines (amounts in numbers): the tool's own figures need no quoting. */
function lineMoneyCells(w: ByteWriter, lines: readonly LineResult[]): void {
  const first = lines[0]!.totalCents;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    w.nextCents(l.dutyCents);
    w.nextCents(l.feeCents);
    w.nextCents(l.totalCents);
    w.nextCents(l.landedCostCents);
    if (i > 0) w.nextCents(l.totalCents - first);
  }
}

/** The same for entries, whose amounts are bigints. */
function entryMoneyCells(results: readonly EntryResult[]): string {
  const first = results[0]!.totalCents;
  let out = '';
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    out += `,${formatCents(r.dutyCents)},${formatCents(r.feeCents)},${formatCents(r.totalCents)},${formatCents(r.landedCostCents)}`;
    if (i > 0) out += `,${formatCents(r.totalCents - first)}`;
  }
  return out;
}

/** A cell of text taken from the user's file. */
const userCell = (text: string): string => csvCell(neutralizeFormula(text));

const COMMA = 44;
const LINE = encoded('line,');
const STATUS = { computed: encoded(',computed'), not_importable: encoded(',not_importable') };

export class CompareCsvRenderer implements CompareRenderer {
  private ctx!: CompareContext;
  /** ",<scenarios>,<as of>\n": the same on every row, so built once. */
  private rowEnd = '';
  private rowEndBytes = encoded('\n');
  private readonly lineKey = new LineKeyCells();
  private readonly lines: LineResult[] = [];

  begin(ctx: CompareContext): string {
    this.ctx = ctx;
    this.rowEnd = `,${csvRow(this.scenarioCells())}`;
    this.rowEndBytes = encoded(this.rowEnd);
    const groups = ctx.labels.flatMap((l, i) => {
      const c = column(l);
      return [`${c}_duty`, `${c}_fees`, `${c}_total`, `${c}_landed_cost`, ...(i > 0 ? [`${c}_diff`] : [])];
    });
    return csvRow(['level', 'entry', 'line', 'source_line', 'hts', 'description', 'entry_date', 'usmca', 'value_usd', 'invoice_currency', 'fx_rate', 'status', ...groups, 'scenarios', 'as_of']);
  }

  private scenarioCells(): string[] {
    return provenanceCells(this.ctx);
  }

  entryBytes(c: ComparedEntry, w: ByteWriter): void {
    const first = c.results[0]!;
    if (!this.ctx.entriesOnly) {
      const lines = this.lines;
      const held = first.rejectedAmong;
      let h = 0;
      for (let k = 0; k < first.lines.length; k++) {
        if (held) while (h < held.length && held[h]!.after <= k) w.text(this.rejected(held[h++]!.rejection));
        const l = first.lines[k]!;
        lines.length = 0;
        for (const r of c.results) lines.push(r.lines[k]!);
        const item = l.item;
        w.bytes(LINE);
        this.lineKey.write(w, item);
        w.char(COMMA);
        w.text(item.entryDate);
        w.char(COMMA);
        w.char(item.usmcaClaimed ? 89 : 78);
        w.nextCents(item.valueCents);
        writeCurrencyCells(w, item);
        w.bytes(l.status === 'prohibited' ? STATUS.not_importable : STATUS.computed);
        lineMoneyCells(w, lines);
        w.bytes(this.rowEndBytes);
      }
    }
    w.text(`entry,${userCell(c.entry)},,,,,${first.entryDate},,${formatCents(first.valueCents)},,,computed${entryMoneyCells(c.results)}${this.rowEnd}`);
    heldRowsAfter(first.lines.length, first.rejectedAmong, (r) => w.text(this.rejected(r)));
  }

  entry(c: ComparedEntry): string {
    return writtenText((w) => this.entryBytes(c, w));
  }

  rejected(r: Rejection): string {
    if (this.ctx.entriesOnly) return '';
    const blanks = this.ctx.labels.flatMap((_, i) => (i > 0 ? ['', '', '', '', ''] : ['', '', '', '']));
    return csvRow(['line', ...rejectionKeyCells(r), '', '', '', '', '', rejectionStatus(r), ...blanks, ...this.scenarioCells()]);
  }

  end(): string {
    return '';
  }
}

function lineJson(l: LineResult): Record<string, string> {
  const byAuthority: Record<string, bigint> = {};
  for (const c of [...l.components, ...l.feeShares]) byAuthority[c.authority] = (byAuthority[c.authority] ?? 0n) + BigInt(c.amountCents);
  return {
    duty: formatCents(l.dutyCents),
    fees: formatCents(l.feeCents),
    total: formatCents(l.totalCents),
    landed_cost: formatCents(l.landedCostCents),
    ...(l.landedCostPerUnitCents !== undefined ? { landed_cost_per_unit: formatCents(l.landedCostPerUnitCents) } : {}),
    ...Object.fromEntries(Object.entries(byAuthority).map(([a, v]) => [`by_${a}`, formatCents(v)])),
  };
}

export class CompareJsonRenderer implements CompareRenderer {
  private ctx!: CompareContext;
  private first = true;

  begin(ctx: CompareContext): string {
    this.ctx = ctx;
    return `{"scenarios":${JSON.stringify(ctx.labels)},\n"provenance":${JSON.stringify(ctx.provenances)},\n"input":${JSON.stringify(ctx.inputName)},\n"results":[`;
  }

  private item(v: unknown): string {
    const sep = this.first ? '\n' : ',\n';
    this.first = false;
    return sep + JSON.stringify(v);
  }

  private perScenario<T>(values: T[], render: (v: T) => Record<string, string>): Record<string, Record<string, string>> {
    const first = values[0];
    return Object.fromEntries(
      values.map((v, i) => {
        const r = render(v);
        if (i > 0 && first !== undefined) r.diff = formatCents(BigInt(r.total!.replace('.', '')) - BigInt(render(first).total!.replace('.', '')));
        return [this.ctx.labels[i]!, r];
      }),
    );
  }

  entry(c: ComparedEntry): string {
    let out = '';
    const first = c.results[0]!;
    if (!this.ctx.entriesOnly) {
      const held = first.rejectedAmong;
      let h = 0;
      first.lines.forEach((l, k) => {
        const item = l.item;
        if (held) while (h < held.length && held[h]!.after <= k) out += this.rejected(held[h++]!.rejection);
        out += this.item({
          type: 'line', entry: item.entry, line: item.line, source_line: item.sourceLine, hts: formatHts(item.hts), entry_date: item.entryDate,
          value_usd: formatCents(item.valueCents), invoice_currency: item.invoiceValue.currency, fx_rate: item.fxRate ?? '1', scenarios: this.perScenario(c.results.map((r) => r.lines[k]!), lineJson),
        });
      });
    }
    const entryJson = (e: EntryResult): Record<string, string> => ({ duty: formatCents(e.dutyCents), fees: formatCents(e.feeCents), total: formatCents(e.totalCents), landed_cost: formatCents(e.landedCostCents) });
    out += this.item({ type: 'entry', entry: c.entry, entry_date: first.entryDate, lines: first.lines.length, value_usd: formatCents(first.valueCents), scenarios: this.perScenario(c.results, entryJson) });
    heldRowsAfter(first.lines.length, first.rejectedAmong, (r) => (out += this.rejected(r)));
    return out;
  }

  rejected(r: Rejection): string {
    return this.ctx.entriesOnly ? '' : this.item(keyedRejection(r));
  }

  end(summaries: RunSummary[]): string {
    const totals = summaries.map((s, i) => ({
      scenario: this.ctx.labels[i],
      duty: formatCents(s.dutyCents),
      fees: formatCents(s.feeCents),
      total: formatCents(s.totalCents),
      landed_cost: formatCents(s.landedCostCents),
      effective_rate: s.effectiveRate,
      diff: formatCents(s.totalCents - summaries[0]!.totalCents),
      by_authority: Object.fromEntries(s.byAuthority.map((a) => [a.authority, formatCents(a.amountCents)])),
      by_category: Object.fromEntries(s.byCategory.map((c) => [c.category, formatCents(c.amountCents)])),
    }));
    return `\n],\n"summary":${JSON.stringify({ counts: summaries[0]!.counts, invoice_currencies: summaries[0]!.currencies.map((c) => ({ invoice_currency: c.currency, fx_rate: c.fxRate })), scenarios: totals })}}\n`;
  }
}


export class CompareTableRenderer implements CompareRenderer {
  private ctx!: CompareContext;
  private readonly leaders = new CompareLeaders();
  private rejected_ = 0;

  begin(ctx: CompareContext): string {
    this.ctx = ctx;
    return '';
  }

  entry(c: ComparedEntry): string {
    for (const h of c.results[0]!.rejectedAmong ?? []) this.rejected(h.rejection);
    this.leaders.add(c);
    return '';
  }

  rejected(r: Rejection): string {
    if (!r.outside) this.rejected_ += 1;
    return '';
  }

  end(summaries: RunSummary[]): string {
    const labels = this.ctx.labels.map(shown);
    const diffLabel = `each scenario - ${labels[0]}`;
    const changeHeads = labels.slice(1).map((l) => `${l} - ${labels[0]}`);
    const out: string[] = [];
    const lineTable = new Table({ head: ['Entry', 'Line', 'HTS', 'Date', 'Value', ...labels, ...changeHeads], style: { head: [], border: [] } });
    for (const { entry, lines, changesCents } of this.leaders.topLines()) {
      const l = lines[0]!;
      lineTable.push([shown(entry), shown(l.item.line), formatHts(l.item.hts), l.item.entryDate, valueWithInvoice(l.item), ...lines.map((x) => formatCentsGrouped(x.totalCents)), ...changesCents.map(formatCentsGrouped)]);
    }
    out.push(`Lines with the largest difference (${diffLabel}):`, lineTable.toString());
    const entryTable = new Table({ head: ['Entry', 'Date', 'Lines', 'Value', ...labels, ...changeHeads], style: { head: [], border: [] } });
    for (const c of this.leaders.topEntries()) {
      const first = c.results[0]!;
      entryTable.push([shown(c.entry), first.entryDate, String(first.lines.length), formatCentsGrouped(first.valueCents), ...c.results.map((r) => formatCentsGrouped(r.totalCents)), ...entryChanges(c).map(formatCentsGrouped)]);
    }
    out.push(`Entries with the largest difference (${diffLabel}):`, entryTable.toString());
    const authorities = [...new Set(summaries.flatMap((s) => s.byAuthority.map((a) => a.name)))];
    const totals = new Table({ head: ['Legal authority', ...labels], style: { head: [], border: [] }, colAligns: ['left', ...labels.map(() => 'right' as const)] });
    for (const name of authorities) totals.push([shown(name), ...summaries.map((s) => formatCentsGrouped(s.byAuthority.find((a) => a.name === name)?.amountCents ?? 0n))]);
    totals.push(['Total', ...summaries.map((s) => formatCentsGrouped(s.totalCents))]);
    totals.push(['Landed cost', ...summaries.map((s) => formatCentsGrouped(s.landedCostCents))]);
    totals.push(['Duty as a share of value', ...summaries.map((s) => s.effectiveRate)]);
    totals.push(['Difference to the first', ...summaries.map((s) => formatCentsGrouped(s.totalCents - summaries[0]!.totalCents))]);
    out.push(totals.toString());
    const c = summaries[0]!.counts;
    out.push(`${countsLine(c)}; entries ${c.entries}`);
    out.push(currencySentence(summaries[0]!));
    out.push(...lineMarkSentences(c).map((sentence) => `${sentence} (in the first scenario)`));
    for (const p of this.ctx.provenances) out.push(shown(`Rules: ${p.scheduleId} ${p.scheduleVersion}, scenario ${p.scenario}, as of ${p.asOf}, sha256 ${p.rulesSha256.slice(0, 16)}`));
    return terminalSafe(`${out.join('\n')}\n`);
  }
}
