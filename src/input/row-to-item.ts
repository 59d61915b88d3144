/**
 * One CSV record -> a LineItem, or the first problem found (column, offending text, reason).
 */
import { mulDivRound, parseScaled, RATE_SCALE } from '../money/decimal.js';
import { CANONICAL_COLUMN_NAMES, type CanonicalColumn } from './columns.js';
import { DateOrderUnknown, FieldError, parseCountry, parseCurrency, parseDate, parseHts, parseMoney, parsePercentField, parseQuantity, parseTransport, parseYesNo } from './fields.js';
import type { HeaderReport } from './header.js';
import { CONTENT_COLUMNS, contentOf, FLAG_FACTS, flagsOf, type ContentColumn } from '../model/line-facts.js';
import type { LineItem } from '../model/line-item.js';
import type { DateOrder } from './date-order.js';

export interface RowContext {
  header: HeaderReport;
  /** Field index of every canonical column (-1 when the file has none), read once from the header. */
  cols: ColumnIndex;
  /** Field index of each Y/N fact and content value, in the facts table's order (see factColumns). */
  factCols: FactColumns;
  /** Units of the schedule's currency per unit, as nanos, by currency. */
  fxNanos: Map<string, { nanos: number; text: string }>;
  /** The currency values are converted into (the schedule's); absent: USD. */
  scheduleCurrency?: string;
  /** Currency of lines with no currency cell: the one the money headers name, else --currency, else USD. */
  currency: string;
  defaultDate?: string;
  defaultEntry: string;
  /** The origin of a line that gives none: the schedule's, when it covers one origin (else such a line is rejected). */
  defaultOrigin: string | undefined;
  /** --value-basis for the whole file. */
  valueBasis?: 'FOB' | 'CIF';
  /** The order of the file's slash dates (given or proven by the file); none when it is not known. */
  dateOrder?: DateOrder;
}

export type ColumnIndex = Record<CanonicalColumn, number>;

export interface FactColumns {
  flags: number[];
  content: number[];
}

/** The field indexes of the facts read in a loop, as arrays: a read by name in a loop over names costs more than the field. */
export function factColumns(cols: ColumnIndex): FactColumns {
  return { flags: FLAG_FACTS.map((name) => cols[name]), content: CONTENT_COLUMNS.map((name) => cols[name]) };
}

/** Every canonical column's field index, in one object of one shape (a lookup by name per field costs more than the field). */
export function columnIndex(header: HeaderReport): ColumnIndex {
  const out = {} as ColumnIndex;
  for (const name of CANONICAL_COLUMN_NAMES) out[name] = header.index[name] ?? -1;
  return out;
}

export interface RowProblem {
  column: string;
  value: string;
  reason: string;
  /** The row cannot be read without a guess that would apply to the rows after it too: the reading stops there. */
  stops?: true;
}

function problem(column: string, value: string, e: FieldError): RowProblem {
  return e instanceof DateOrderUnknown ? { column, value, reason: e.reason, stops: true } : { column, value, reason: e.reason };
}

/**
 * The notes of the row being converted (a rounded amount), reused from row to row: one conversion runs at a
 * time on a thread, and a row's notes are copied out when it has any.
 */
const rowNotes: string[] = [];
/** The row's Y/N facts and content values in the facts table's order, reused as rowNotes is (copied into the line's objects). */
const flagValues: Array<boolean | undefined> = FLAG_FACTS.map(() => undefined);
const contentValues: Array<number | undefined> = CONTENT_COLUMNS.map(() => undefined);

/** An optional money column in the line's currency: undefined when empty, else cents or the problem. */
function optionalMoney(text: string, column: string, currency: string): number | undefined | RowProblem {
  if (text.trim() === '') return undefined;
  const cents = parseMoney(text, column, currency, rowNotes);
  return cents instanceof FieldError ? problem(column, text, cents) : cents;
}

/** An optional percentage column of at most `max`%: undefined when empty, else the percentage or the problem. */
function optionalPercent(text: string, column: string, max: number): { nanos: number; value: number } | undefined | RowProblem {
  if (text.trim() === '') return undefined;
  const percent = parsePercentField(text, column, max);
  return percent instanceof FieldError ? problem(column, text, percent) : percent;
}

/** An optional Y/N column: undefined when empty (the line does not say), else the flag or the problem. */
function optionalYesNo(text: string, column: string): boolean | undefined | RowProblem {
  if (text.trim() === '') return undefined;
  const flag = parseYesNo(text, column);
  return flag instanceof FieldError ? problem(column, text, flag) : flag;
}

/** Said when a line gives no origin and none is implied. */
export const NO_ORIGIN = 'the line gives no country of origin and the schedule covers more than one: give the origin';

const isProblem = (v: unknown): v is RowProblem => typeof v === 'object' && v !== null && 'reason' in v;

/** Converts a record; `recordNumber` is 1 for the first data row. */
export function rowToItem(fields: string[], sourceLine: number, recordNumber: number, ctx: RowContext): LineItem | RowProblem {
  const c = ctx.cols;
  const get = (i: number): string => (i < 0 ? '' : (fields[i] ?? ''));

  const htsText = get(c.hts);
  const hts = parseHts(htsText);
  if (hts instanceof FieldError) return problem('hts', htsText, hts);

  const currencyText = get(c.currency);
  let currency = ctx.currency;
  if (currencyText.trim() !== '') {
    const cur = parseCurrency(currencyText);
    if (cur instanceof FieldError) return problem('currency', currencyText, cur);
    const named = ctx.header.currency;
    if (named !== undefined && cur !== named.code) {
      return { column: 'currency', value: currencyText, reason: `the currency cell says ${cur} but the column "${named.header}" is in ${named.code}; a line has one currency` };
    }
    currency = cur;
  }
  rowNotes.length = 0;
  const valueText = get(c.value);
  const valueRaw = parseMoney(valueText, 'value', currency, rowNotes);
  if (valueRaw instanceof FieldError) return problem('value', valueText, valueRaw);

  let fx: { nanos: number; text: string } | undefined;
  const into = ctx.scheduleCurrency ?? 'USD';
  if (currency !== into) {
    fx = ctx.fxNanos.get(currency);
    if (!fx) return { column: 'currency', value: currencyText, reason: `no exchange rate for ${currency}: give --fx ${currency}=<${into} per ${currency}> or an FX file` };
  }
  const toUsd = (cents: number): number => (fx ? mulDivRound(cents, fx.nanos, RATE_SCALE) : cents);
  const freight = optionalMoney(get(c.freight), 'freight', currency);
  if (isProblem(freight)) return freight;
  const insurance = optionalMoney(get(c.insurance), 'insurance', currency);
  if (isProblem(insurance)) return insurance;
  const otherCosts = optionalMoney(get(c.other_costs), 'other_costs', currency);
  if (isProblem(otherCosts)) return otherCosts;
  const brokerage = optionalMoney(get(c.brokerage), 'brokerage', currency);
  if (isProblem(brokerage)) return brokerage;
  const basisField = get(c.value_basis);
  const basisText = basisField.trim().toUpperCase();
  const valueBasis = basisText === '' ? ctx.valueBasis ?? 'FOB' : basisText;
  if (valueBasis !== 'FOB' && valueBasis !== 'CIF') return { column: 'value_basis', value: basisField, reason: `value_basis "${basisField}" must be FOB or CIF` };
  let customsRaw = valueRaw;
  if (valueBasis === 'CIF') {
    customsRaw = valueRaw - (freight ?? 0) - (insurance ?? 0);
    if (customsRaw < 0) {
      return { column: 'value', value: valueText, reason: `CIF value ${valueText.trim()} is less than its freight and insurance (${get(c.freight).trim() || '0'} + ${get(c.insurance).trim() || '0'}): the customs value would be negative` };
    }
  }

  const dateText = get(c.entry_date);
  let entryDate: string;
  if (dateText.trim() === '' && ctx.defaultDate !== undefined) entryDate = ctx.defaultDate;
  else {
    const d = parseDate(dateText, 'entry_date', ctx.dateOrder);
    if (d instanceof FieldError) return problem('entry_date', dateText, d);
    entryDate = d;
  }

  let origin = ctx.defaultOrigin;
  const originText = get(c.origin);
  if (originText.trim() !== '') {
    const o = parseCountry(originText);
    if (o instanceof FieldError) return problem('origin', originText, o);
    origin = o;
  }
  if (origin === undefined) return { column: 'origin', value: originText, reason: NO_ORIGIN };

  let quantityMicros: number | undefined;
  const quantityText = get(c.quantity);
  if (quantityText.trim() !== '') {
    const q = parseQuantity(quantityText);
    if (q instanceof FieldError) return problem('quantity', quantityText, q);
    quantityMicros = q;
  }
  const unitText = get(c.unit).trim();
  const unit = unitText ? unitText.toLowerCase() : undefined;

  let exportDate: string | undefined;
  const exportText = get(c.export_date);
  if (exportText.trim() !== '') {
    const d = parseDate(exportText, 'export_date', ctx.dateOrder);
    if (d instanceof FieldError) return problem('export_date', exportText, d);
    exportDate = d;
  }

  let usmcaClaimed = false;
  const usmcaText = get(c.usmca);
  if (usmcaText !== '') {
    const u = parseYesNo(usmcaText, 'usmca');
    if (u instanceof FieldError) return problem('usmca', usmcaText, u);
    usmcaClaimed = u;
  }

  // Every line's flags and content values have every fact, absent ones undefined: one shape for the plan key's reads.
  for (let i = 0; i < FLAG_FACTS.length; i++) {
    const flag = optionalYesNo(get(ctx.factCols.flags[i]!), FLAG_FACTS[i]!);
    if (isProblem(flag)) return flag;
    flagValues[i] = flag;
  }
  const flags = flagsOf(flagValues);

  let transport: string | undefined;
  const transportText = get(c.transport);
  if (transportText !== '') {
    const t = parseTransport(transportText);
    if (t instanceof FieldError) return problem('transport', transportText, t);
    transport = t;
  }

  for (let i = 0; i < CONTENT_COLUMNS.length; i++) {
    const cents = contentValue(get(ctx.factCols.content[i]!), CONTENT_COLUMNS[i]!, currency, valueRaw, valueText);
    if (isProblem(cents)) return cents;
    contentValues[i] = cents === undefined ? undefined : toUsd(cents);
  }
  const contentCents = contentOf(contentValues);

  const metalWeight = optionalPercent(get(c.metal_weight_pct), 'metal_weight_pct', 100);
  if (isProblem(metalWeight)) return metalWeight;
  const adcvdRate = optionalPercent(get(c.adcvd_rate), 'adcvd_rate', 1000);
  if (isProblem(adcvdRate)) return adcvdRate;
  const mfnRate = optionalPercent(get(c.mfn_rate), 'mfn_rate', 1000);
  if (isProblem(mfnRate)) return mfnRate;
  const metalWeightPct = metalWeight?.value;
  const adcvdRateNanos = adcvdRate?.nanos;
  const mfnRateNanos = mfnRate?.nanos;

  const costed = valueBasis === 'CIF' || freight !== undefined || insurance !== undefined || otherCosts !== undefined || brokerage !== undefined || ctx.valueBasis !== undefined;
  const description = get(c.description).trim();
  // Every line has every field, absent ones undefined: one shape for the engine's and renderers' reads.
  return {
    sourceLine,
    line: get(c.line).trim() || String(recordNumber),
    entry: get(c.entry).trim() || ctx.defaultEntry,
    hts: hts.code,
    description: description || undefined,
    origin,
    valueCents: toUsd(customsRaw),
    invoiceValue: { amount: valueText.trim(), currency },
    costing: costed
      ? {
          valueBasis,
          invoiceValueCents: toUsd(valueRaw),
          freightCents: toUsd(freight ?? 0),
          insuranceCents: toUsd(insurance ?? 0),
          otherCostsCents: toUsd(otherCosts ?? 0),
          ...(brokerage !== undefined ? { entryBrokerageCents: toUsd(brokerage) } : {}),
        }
      : undefined,
    fxRate: fx?.text,
    quantityMicros,
    unit,
    entryDate,
    exportDate,
    usmcaClaimed,
    transport,
    contentCents,
    metalWeightPct,
    flags,
    adcvdRateNanos,
    mfnRateNanos,
    inputNotes: rowNotes.length > 0 ? (hts.note ? [hts.note, ...rowNotes] : [...rowNotes]) : hts.note ? [hts.note] : undefined,
    raw: fields,
  };
}

/** A content value column: undefined when empty, cents in the line's currency, or the problem (it may not exceed the value). */
function contentValue(text: string, column: ContentColumn, currency: string, valueRaw: number, valueText: string): number | undefined | RowProblem {
  const cents = optionalMoney(text, column, currency);
  if (cents === undefined || isProblem(cents)) return cents;
  if (cents > valueRaw) return { column, value: text, reason: `${column} ${text.trim()} is more than the line value ${valueText.trim()}` };
  return cents;
}

/** FX options (decimal text, USD per unit) -> nanos. */
export function fxTable(fx: Record<string, string> = {}): Map<string, { nanos: number; text: string }> {
  const out = new Map<string, { nanos: number; text: string }>();
  for (const [code, text] of Object.entries(fx)) {
    const nanos = parseScaled(text, 9);
    if (nanos !== undefined && nanos > 0) out.set(code.toUpperCase(), { nanos, text });
  }
  return out;
}
