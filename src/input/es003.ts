/**
 * ACE report ES-003 "Entry Summary Line Tariff Details": one row per tariff number of an entry line. The
 * commodity row (chapters 1-97) gives the HTS, value and quantity; each Chapter 99 row is a measure that was
 * filed, with its duty. Rows of one entry line are grouped into one LineItem carrying what was filed.
 */
import { FieldError, parseCountry, parseDate, parseHts, parseMoney, parseQuantity } from './fields.js';
import type { LineItem } from '../model/line-item.js';
import type { Filed, FiledHeading, FiledLineItem } from '../model/filing.js';
import { normalizeHeader } from './columns.js';
import type { DateOrder } from './date-order.js';

/** ACE writes its dates month first, whatever --date-format says of line files. */
const ACE_DATE_ORDER: DateOrder = 'MDY';
import { NO_ORIGIN } from './row-to-item.js';

export const ES003_COLUMNS = {
  entry: 'entry_summary_number',
  line: 'entry_summary_line_number',
  entryDate: 'entry_date',
  summaryDate: 'entry_summary_date',
  origin: 'country_of_origin_code',
  spi: 'line_spi_code',
  hts: 'hts_number_full',
  value: 'line_tariff_goods_value_amount',
  duty: 'line_tariff_duty_amount',
  quantity: 'line_tariff_quantity_(1)',
  unit: 'line_tariff_uom_(1)_code',
  liquidationStatus: 'liquidation_status',
  liquidationDate: 'liquidation_date',
  importer: 'importer_number',
} as const;

type Es003Field = keyof typeof ES003_COLUMNS;
export type Es003Index = Partial<Record<Es003Field, number>>;

/** An ES-003 header has the entry summary number and the full HTS number columns. */
export function es003Index(header: readonly string[]): Es003Index | undefined {
  const norm = header.map((h) => normalizeHeader(h).replace(/_-_/g, '_'));
  const index: Es003Index = {};
  for (const [field, name] of Object.entries(ES003_COLUMNS) as Array<[Es003Field, string]>) {
    const i = norm.indexOf(name);
    if (i >= 0) index[field] = i;
  }
  return index.entry !== undefined && index.hts !== undefined ? index : undefined;
}

export interface Es003Row {
  sourceLine: number;
  fields: string[];
}

export type GroupOutcome = { item: LineItem } | { column?: string; value?: string; reason: string; sourceLine: number; raw: string[] };

/** The grouping key of a row: entry and line number. */
export function es003Key(fields: readonly string[], index: Es003Index): string {
  return `${(fields[index.entry!] ?? '').trim()}\u0000${(fields[index.line ?? -1] ?? '').trim()}`;
}

/**
 * ACE's export order: entry summary number (filer code and serial, compared as text of equal length), then
 * line number as a number. A file whose keys never go down has each entry line's rows together.
 */
export function compareEs003Keys(a: string, b: string): number {
  if (a === b) return 0;
  const [entryA = '', lineA = ''] = a.split('\u0000');
  const [entryB = '', lineB = ''] = b.split('\u0000');
  if (entryA !== entryB) return entryA.length - entryB.length || (entryA < entryB ? -1 : 1);
  const nA = Number(lineA);
  const nB = Number(lineB);
  if (Number.isFinite(nA) && Number.isFinite(nB) && nA !== nB) return nA - nB;
  return lineA === lineB ? 0 : lineA < lineB ? -1 : 1;
}

const get = (fields: readonly string[], i: number | undefined): string => (i === undefined ? '' : (fields[i] ?? '').trim());

const DUTY = 'Line Tariff Duty Amount';

/**
 * A filed duty in cents. A negative one (a refund or correction row) is refused rather than netted: the audit
 * compares each heading's filed duty with what is owed, and the refund list adds up what was paid, so a
 * credit read as a payment would be a wrong figure; the row is rejected with its reason instead.
 */
function filedDuty(text: string, notes: string[]): number | FieldError {
  if (text === '') return 0;
  const cents = parseMoney(text, DUTY, 'USD', notes);
  if (cents instanceof FieldError && /^\(|^-|^\$\s*-/.test(text) && /[1-9]/.test(text)) {
    return new FieldError(`${DUTY} "${text}" is negative (a refund or correction row): this audit reads duty paid, not credits; net the correction into the row it corrects, or leave the row out`);
  }
  return cents;
}

/**
 * ES-003 liquidation columns that cannot both be true: an unliquidated entry with a liquidation date, a
 * liquidated one without it, a liquidation before the entry. The refund route depends on them, so such a line
 * is warned about rather than read one way without saying so.
 */
function liquidationContradiction(status: string, dateText: string, date: string | undefined, entryDate: string): string | undefined {
  const unliquidated = /^un/i.test(status);
  if (unliquidated && dateText) return `Liquidation Status "${status}" but a Liquidation Date ${dateText} is given: check the entry's liquidation in ACE`;
  if (/^liquidated$/i.test(status) && !dateText) return `Liquidation Status "${status}" but no Liquidation Date is given: check the entry's liquidation in ACE`;
  if (date && date < entryDate) return `Liquidation Date ${dateText} is before the entry date ${entryDate}: check the entry's liquidation in ACE`;
  return undefined;
}

/** Turns the rows of one entry line into a LineItem with what was filed, or the first problem found. */
export function groupToItem(rows: readonly Es003Row[], index: Es003Index, defaultOrigin: string | undefined): GroupOutcome {
  const first = rows[0]!;
  let commodity: Es003Row | undefined;
  const headings: FiledHeading[] = [];
  const notes: string[] = [];
  for (const row of rows) {
    const htsText = get(row.fields, index.hts);
    const digits = htsText.replace(/\D/g, '');
    const dutyText = get(row.fields, index.duty);
    const duty = filedDuty(dutyText, notes);
    if (duty instanceof FieldError) return { column: DUTY, value: dutyText, reason: duty.reason, sourceLine: row.sourceLine, raw: row.fields };
    if (digits.startsWith('99')) {
      headings.push({ heading: `${digits.slice(0, 4)}.${digits.slice(4, 6)}.${digits.slice(6, 8)}`, cents: duty });
      continue;
    }
    if (commodity) return { column: 'HTS Number - Full', value: htsText, reason: 'the entry line has two commodity rows (HTS outside chapter 99); an entry line has one', sourceLine: row.sourceLine, raw: row.fields };
    commodity = row;
  }
  if (!commodity) return { column: 'HTS Number - Full', reason: 'the entry line has Chapter 99 rows but no commodity row (HTS of chapters 1-97)', sourceLine: first.sourceLine, raw: first.fields };
  const f = commodity.fields;
  const htsText = get(f, index.hts);
  const hts = parseHts(htsText);
  if (hts instanceof FieldError) return { column: 'HTS Number - Full', value: htsText, reason: hts.reason, sourceLine: commodity.sourceLine, raw: f };
  const valueText = get(f, index.value);
  const value = parseMoney(valueText, 'Line Tariff Goods Value Amount', 'USD', notes);
  if (value instanceof FieldError) return { column: 'Line Tariff Goods Value Amount', value: valueText, reason: value.reason, sourceLine: commodity.sourceLine, raw: f };
  const dateText = get(f, index.entryDate) || get(f, index.summaryDate);
  const entryDate = parseDate(dateText, 'Entry Date', ACE_DATE_ORDER);
  if (entryDate instanceof FieldError) return { column: 'Entry Date', value: dateText, reason: entryDate.reason, sourceLine: commodity.sourceLine, raw: f };
  const originText = get(f, index.origin) || defaultOrigin;
  if (originText === undefined) return { column: 'Country of Origin Code', value: '', reason: NO_ORIGIN, sourceLine: commodity.sourceLine, raw: f };
  const origin = parseCountry(originText);
  if (origin instanceof FieldError) return { column: 'Country of Origin Code', value: originText, reason: origin.reason, sourceLine: commodity.sourceLine, raw: f };
  // Read without error in the loop above.
  const column1 = filedDuty(get(f, index.duty), []) as number;
  const spi = get(f, index.spi).toUpperCase();
  const filed: Filed = { column1Cents: column1, headings };
  const status = get(f, index.liquidationStatus);
  if (status) filed.liquidationStatus = status;
  const liq = get(f, index.liquidationDate);
  if (liq) {
    const d = parseDate(liq, 'Liquidation Date', ACE_DATE_ORDER);
    if (d instanceof FieldError) return { column: 'Liquidation Date', value: liq, reason: d.reason, sourceLine: commodity.sourceLine, raw: f };
    filed.liquidationDate = d;
  }
  const warning = liquidationContradiction(status, liq, filed.liquidationDate, entryDate);
  if (warning) filed.warning = warning;
  const summary = get(f, index.summaryDate);
  if (summary) {
    const d = parseDate(summary, 'Entry Summary Date', ACE_DATE_ORDER);
    if (!(d instanceof FieldError)) filed.entrySummaryDate = d;
  }
  const item: FiledLineItem = {
    sourceLine: commodity.sourceLine,
    line: get(f, index.line) || '1',
    entry: get(f, index.entry),
    hts: hts.code,
    origin,
    valueCents: value,
    invoiceValue: { amount: valueText, currency: 'USD' },
    entryDate,
    usmcaClaimed: spi === 'S' || spi === 'S+',
    contentCents: {},
    flags: {},
    raw: f,
    filed,
  };
  if (hts.note) notes.unshift(hts.note);
  if (notes.length > 0) item.inputNotes = notes;
  const qText = get(f, index.quantity);
  if (qText) {
    const q = parseQuantity(qText);
    if (!(q instanceof FieldError)) item.quantityMicros = q;
  }
  const unit = get(f, index.unit);
  if (unit) item.unit = unit.toLowerCase();
  return { item };
}
