/**
 * CSV output: one row per input line (computed, not importable, or rejected), stable columns for a
 * spreadsheet or pandas; provenance on every row so a row pasted elsewhere still says which rules made it.
 */
import type { Component, EntryResult, LineResult } from '../../engine/types.js';
import type { Rejection } from '../../model/line-item.js';
import { rejectionStatus } from '../rejection-list.js';
import { heldRowsAfter, linesWithHeldRows } from '../held-rows.js';
import { formatCents } from '../../money/decimal.js';
import { amountColumns, ColumnSummer } from '../columns.js';
import { encoded, writtenText, type ByteWriter } from '../../bytes/byte-writer.js';
import { LineKeyCells, needsQuotes, rejectionKeyCells, writeCurrencyCells, writeTextCell } from '../csv-bytes.js';
import { csvCell, csvRow, neutralizeFormula } from '../csv-cell.js';
import type { RenderContext, Renderer } from '../renderer.js';

const COMMA = 44;
const QUOTE = 34;

/** A component's words before its amount, as CSV bytes (quotes doubled), and whether they need the cell quoted. */
interface Words {
  bytes: Uint8Array;
  quoted: boolean;
  /** The where (heading, or measure id), rate and base words they were made from. */
  where: string;
  rateText: string;
  basis: string;
}

/** Words kept per measure (by its ordinal): a measure is charged on a few bases, rarely more. */
const WORDS_PER_MEASURE = 4;

/** The notes cells of lines whose notes are shared (frozen: the lines of a plan), by their not-applied list. */
const SHARED_NOTES_LIMIT = 50_000;

/** Words of components by where/rate/basis; few distinct ones in a run, but a basis can name a quantity, so each level is capped. */
const WORDS_PER_LEVEL = 256;

function words(text: string, where = '', rateText = '', basis = ''): Words {
  return { bytes: encoded(text.replace(/"/g, '""')), quoted: needsQuotes(text), where, rateText, basis };
}

/** The words say what the component says (its ordinal may be another measure's, in another schedule). */
const wordsFit = (w: Words, c: Component): boolean => w.basis === c.basis && w.rateText === c.rateText && w.where === (c.heading ?? c.measure);

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
  /** By measure ordinal: the words of its latest components (no lookup by text for a component charged alike). */
  private readonly byOrdinal: Words[][] = [];
  /**
   * Notes cells by a line's not-applied list, for lines whose lists are frozen (shared by lines alike, with their
   * warnings): the cell is the same text for every such line, made once.
   */
  private sharedNotes = new Map<readonly object[], { warnings: readonly object[]; bytes: Uint8Array }>();
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
      w = words(`${where} ${c.rateText} on ${c.basis} = `, where, c.rateText, c.basis);
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
    this.componentsCell(l, w);
    w.char(COMMA);
    this.notesCell(l, w);
    w.bytes(this.rowEnd);
  }

  /** The component's words, found by its measure's ordinal among the few kept for it (the same strings, mostly). */
  private wordsOf(c: Component): Words {
    let kept = this.byOrdinal[c.ordinal];
    if (kept === undefined) this.byOrdinal[c.ordinal] = kept = [];
    for (let i = 0; i < kept.length; i++) if (wordsFit(kept[i]!, c)) return kept[i]!;
    const found = this.componentWordsOf(c);
    if (kept.length >= WORDS_PER_MEASURE) kept.pop();
    kept.unshift(found);
    return found;
  }

  /** "<where> <rate> on <basis> = <amount>[ [UNVERIFIED]]; ..." then the entry fee shares, quoted when any words need it. */
  private componentsCell(l: LineResult, w: ByteWriter): void {
    const parts = this.lineWords;
    parts.length = 0;
    let quoted = false;
    const components = l.components;
    for (let i = 0; i < components.length; i++) {
      const words = this.wordsOf(components[i]!);
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

  private notesCell(l: LineResult, w: ByteWriter): void {
    // Lines alike share their frozen notes unless they have warnings of their own (input notes, mixed dates: a new list).
    if (l.status !== 'computed' || !Object.isFrozen(l.warnings) || !Object.isFrozen(l.notApplied)) {
      w.text(csvCell(neutralizeFormula(this.notes(l))));
      return;
    }
    if (l.notApplied.length === 0 && l.warnings.length === 0) return;
    let shared = this.sharedNotes.get(l.notApplied);
    if (shared === undefined || shared.warnings !== l.warnings) {
      if (this.sharedNotes.size >= SHARED_NOTES_LIMIT) this.sharedNotes = new Map();
      shared = { warnings: l.warnings, bytes: encoded(csvCell(neutralizeFormula(this.notes(l)))) };
      this.sharedNotes.set(l.notApplied, shared);
    }
    w.bytes(shared.bytes);
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
