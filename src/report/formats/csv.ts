/**
 * CSV output: one row per input line (computed, not importable, or rejected), stable columns for a
 * spreadsheet or pandas; provenance on every row so a row pasted elsewhere still says which rules made it.
 */
import type { LinePlan } from '../../engine/line-plan.js';
import type { Component, EntryResult, LineResult } from '../../engine/types.js';
import type { Rejection } from '../../input/line-item.js';
import { rejectionStatus } from '../rejection-list.js';
import { heldRowsAfter, linesWithHeldRows } from '../held-rows.js';
import { formatCents } from '../../money/decimal.js';
import { amountColumns, ColumnSummer } from '../columns.js';
import { encoded, writtenText, type ByteWriter } from '../byte-writer.js';
import { LineKeyCells, needsQuotes, rejectionKeyCells, writeCurrencyCells, writeTextCell } from '../csv-bytes.js';
import { csvCell, csvRow, neutralizeFormula } from '../csv-cell.js';
import type { RenderContext, Renderer } from '../renderer.js';

const COMMA = 44;
const QUOTE = 34;

/** A component's words before its amount, as CSV bytes (quotes doubled), and whether they need the cell quoted. */
interface Words {
  bytes: Uint8Array;
  quoted: boolean;
  /** The rate and base words they were made from. */
  rateText: string;
  basis: string;
}

/** Words of components by where/rate/basis; few distinct ones in a run, but a basis can name a quantity, so each level is capped. */
const WORDS_PER_LEVEL = 256;

function words(text: string, rateText = '', basis = ''): Words {
  return { bytes: encoded(text.replace(/"/g, '""')), quoted: needsQuotes(text), rateText, basis };
}

const UNVERIFIED = encoded(' [UNVERIFIED]');
const SEPARATOR = encoded('; ');
const STATUS = { computed: encoded('computed'), incomplete: encoded('incomplete'), not_importable: encoded('not_importable') };

export class CsvRenderer implements Renderer {
  private summer = new ColumnSummer([]);
  private provenanceCells: string[] = [];
  /** ",<schedule>,<scenario>,<sha>,<as of>\n": the same on every row, so encoded once. */
  private rowEnd = encoded('\n');
  private readonly lineKey = new LineKeyCells();
  private readonly componentWords = new Map<string, Map<string, Map<string, Words>>>();
  private readonly feeShareWords = new Map<string, Words>();
  /** By plan (lines alike): the words of each component, and the notes cell of lines with the plan's own warnings. */
  private readonly byPlan = new WeakMap<LinePlan, { words: Array<Words | undefined>; notes: Uint8Array | undefined }>();
  private sums: number[] = [];
  private readonly lineWords: Words[] = [];

  begin(ctx: RenderContext): string {
    this.summer = new ColumnSummer(amountColumns(ctx.schedule));
    this.sums = this.summer.columns.map(() => 0);
    const p = ctx.provenance;
    this.provenanceCells = [`${p.scheduleId}@${p.scheduleVersion}`, p.scenario, p.rulesSha256.slice(0, 12), p.asOf];
    this.rowEnd = encoded(`,${csvRow(this.provenanceCells)}`);
    return csvRow([
      'entry', 'line', 'source_line', 'hts', 'description', 'origin', 'entry_date', 'usmca', 'invoice_value', 'customs_value', 'invoice_currency', 'fx_rate', 'status',
      ...this.summer.columns.map((c) => c.name), 'duty', 'fees', 'total', 'brokerage', 'landed_cost', 'landed_cost_per_unit', 'components', 'notes',
      'schedule', 'scenario', 'rules_sha256', 'as_of',
    ]);
  }

  private componentWordsOf(c: Component): Words {
    const where = c.heading ?? c.measure;
    let byRate = this.componentWords.get(where);
    if (!byRate) this.componentWords.set(where, (byRate = new Map()));
    let byBasis = byRate.get(c.rateText);
    if (!byBasis) {
      byBasis = new Map();
      if (byRate.size < WORDS_PER_LEVEL) byRate.set(c.rateText, byBasis);
    }
    let w = byBasis.get(c.basis);
    if (!w) {
      w = words(`${where} ${c.rateText} on ${c.basis} = `, c.rateText, c.basis);
      if (byBasis.size < WORDS_PER_LEVEL) byBasis.set(c.basis, w);
    }
    return w;
  }

  private feeShareWordsOf(c: Component): Words {
    let w = this.feeShareWords.get(c.title);
    if (!w) this.feeShareWords.set(c.title, (w = words(`${c.title} (this line's share of the entry fee, by value) = `)));
    return w;
  }

  // Cells this tool writes (numbers, dates, codes, status words) need no quoting; only text is checked.
  private lineTo(l: LineResult, w: ByteWriter): void {
    const item = l.item;
    this.lineKey.write(w, item);
    w.char(COMMA);
    writeTextCell(w, item.origin);
    w.char(COMMA);
    w.text(item.entryDate);
    w.char(COMMA);
    w.char(item.usmcaClaimed ? 89 : 78);
    w.nextCents(item.costing?.invoiceValueCents ?? item.valueCents);
    w.nextCents(item.valueCents);
    writeCurrencyCells(w, item);
    w.char(COMMA);
    w.bytes(l.status === 'prohibited' ? STATUS.not_importable : l.incomplete ? STATUS.incomplete : STATUS.computed);
    const sums = this.summer.sumsInto(this.sums, l.components, l.feeShares);
    for (let i = 0; i < sums.length; i++) w.nextCents(sums[i]!);
    w.nextCents(l.dutyCents);
    w.nextCents(l.feeCents);
    w.nextCents(l.totalCents);
    w.nextCents(l.brokerageCents);
    w.nextCents(l.landedCostCents);
    w.char(COMMA);
    if (l.landedCostPerUnitCents !== undefined) w.cents(l.landedCostPerUnitCents);
    w.char(COMMA);
    const planned = this.planned(l);
    this.componentsCell(l, w, planned);
    w.char(COMMA);
    this.notesCell(l, w, planned);
    w.bytes(this.rowEnd);
  }

  private planned(l: LineResult): { words: Array<Words | undefined>; notes: Uint8Array | undefined } | undefined {
    const plan = l.plan;
    if (plan === undefined) return undefined;
    let p = this.byPlan.get(plan);
    if (!p) this.byPlan.set(plan, (p = { words: [], notes: undefined }));
    return p;
  }

  /** "<where> <rate> on <basis> = <amount>[ [UNVERIFIED]]; ..." then the entry fee shares, quoted when any words need it. */
  private componentsCell(l: LineResult, w: ByteWriter, planned: { words: Array<Words | undefined> } | undefined): void {
    const parts = this.lineWords;
    parts.length = 0;
    let quoted = false;
    const components = l.components;
    for (let i = 0; i < components.length; i++) {
      const c = components[i]!;
      // The plan fixes the component's measure; its rate and base words are checked (the same strings, mostly).
      let words = planned?.words[i];
      if (words === undefined || words.rateText !== c.rateText || words.basis !== c.basis) {
        words = this.componentWordsOf(c);
        if (planned) planned.words[i] = words;
      }
      quoted ||= words.quoted;
      parts.push(words);
    }
    for (const c of l.feeShares) {
      const words = this.feeShareWordsOf(c);
      quoted ||= words.quoted;
      parts.push(words);
    }
    if (quoted) w.char(QUOTE);
    const n = l.components.length;
    for (let i = 0; i < parts.length; i++) {
      const c = i < n ? l.components[i]! : l.feeShares[i - n]!;
      if (i > 0) w.bytes(SEPARATOR);
      w.bytes(parts[i]!.bytes);
      w.cents(c.amountCents);
      if (!c.verified) w.bytes(UNVERIFIED);
    }
    if (quoted) w.char(QUOTE);
  }

  private notesCell(l: LineResult, w: ByteWriter, planned: { notes: Uint8Array | undefined } | undefined): void {
    // Lines of a plan share its notes unless they have warnings of their own (input notes, mixed dates).
    if (l.status !== 'computed' || planned === undefined || l.warnings !== l.plan!.warnings || l.notApplied !== l.plan!.skipped) {
      w.text(csvCell(neutralizeFormula(this.notes(l))));
      return;
    }
    if (l.notApplied.length === 0 && l.warnings.length === 0) return;
    planned.notes ??= encoded(csvCell(neutralizeFormula(this.notes(l))));
    w.bytes(planned.notes);
  }

  private notes(l: LineResult): string {
    let notes = l.status === 'prohibited' && l.prohibition ? `not importable: ${l.prohibition.reason} (${l.prohibition.heading ?? l.prohibition.measure})` : '';
    for (const w of l.warnings) notes += (notes ? ' | ' : '') + w.message;
    for (const n of l.notApplied) if (n.by) notes += (notes ? ' | ' : '') + `${n.heading ?? n.measure} not applied: ${n.reason}`;
    return notes;
  }

  entryBytes(e: EntryResult, w: ByteWriter): void {
    const held = e.rejectedAmong;
    if (held === undefined) {
      for (const l of e.lines) this.lineTo(l, w);
      return;
    }
    const row = (r: Rejection): void => w.text(this.rejected(r));
    linesWithHeldRows(e.lines.length, held, (k) => this.lineTo(e.lines[k]!, w), row);
    heldRowsAfter(e.lines.length, held, row);
  }

  entry(e: EntryResult): string {
    return writtenText((w) => this.entryBytes(e, w));
  }

  rejected(r: Rejection): string {
    const blanks = this.summer.columns.map(() => '');
    return csvRow([
      ...rejectionKeyCells(r), '', '', '', '', '', '', '', rejectionStatus(r), ...blanks, '', '', '', '', '', '', '',
      neutralizeFormula(`${r.column ? `${r.column}: ` : ''}${r.reason}`), ...this.provenanceCells,
    ]);
  }

  end(): string {
    return '';
  }
}
