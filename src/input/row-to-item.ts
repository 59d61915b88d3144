/**
 * One CSV record -> a LineItem, or the first problem found (column, offending text, reason).
 */
import { mulDivRound, parseScaled, RATE_SCALE } from '../money/decimal.js';
import type { CanonicalColumn } from './columns.js';
import { FieldError, parseCountry, parseCurrency, parseDate, parseHts, parseMoney, parsePercentField, parseQuantity, parseTransport, parseYesNo } from './fields.js';
import type { HeaderReport } from './header.js';
import type { ContentColumn, LineItem } from './line-item.js';

export interface RowContext {
  header: HeaderReport;
  /** USD per unit, as nanos, by currency. */
  fxNanos: Map<string, { nanos: number; text: string }>;
  defaultDate?: string;
  defaultEntry: string;
  /** --value-basis for the whole file. */
  valueBasis?: 'FOB' | 'CIF';
}

export interface RowProblem {
  column: string;
  value: string;
  reason: string;
}

const CONTENT: ContentColumn[] = ['steel_value', 'aluminum_value', 'copper_value', 'us_content_value'];

function problem(column: string, value: string, e: FieldError): RowProblem {
  return { column, value, reason: e.reason };
}

/** Converts a record; `recordNumber` is 1 for the first data row. */
export function rowToItem(fields: string[], sourceLine: number, recordNumber: number, ctx: RowContext): LineItem | RowProblem {
  const ix = ctx.header.index;
  const get = (c: CanonicalColumn): string => {
    const i = ix[c];
    return i === undefined ? '' : (fields[i] ?? '');
  };

  const htsText = get('hts');
  const hts = parseHts(htsText);
  if (hts instanceof FieldError) return problem('hts', htsText, hts);

  const valueText = get('value');
  const valueRaw = parseMoney(valueText, 'value');
  if (valueRaw instanceof FieldError) return problem('value', valueText, valueRaw);

  const currencyText = get('currency');
  let currency = 'USD';
  if (currencyText.trim() !== '') {
    const c = parseCurrency(currencyText);
    if (c instanceof FieldError) return problem('currency', currencyText, c);
    currency = c;
  }
  let fx: { nanos: number; text: string } | undefined;
  if (currency !== 'USD') {
    fx = ctx.fxNanos.get(currency);
    if (!fx) return { column: 'currency', value: currencyText, reason: `no exchange rate for ${currency}: give --fx ${currency}=<USD per ${currency}> or an FX file` };
  }
  const toUsd = (cents: number): number => (fx ? mulDivRound(cents, fx.nanos, RATE_SCALE) : cents);
  const costs: Record<'freight' | 'insurance' | 'other_costs' | 'brokerage', number | undefined> = { freight: undefined, insurance: undefined, other_costs: undefined, brokerage: undefined };
  for (const c of ['freight', 'insurance', 'other_costs', 'brokerage'] as const) {
    const text = get(c);
    if (text.trim() === '') continue;
    const cents = parseMoney(text, c);
    if (cents instanceof FieldError) return problem(c, text, cents);
    costs[c] = cents;
  }
  const basisText = get('value_basis').trim().toUpperCase();
  const valueBasis = basisText === '' ? ctx.valueBasis ?? 'FOB' : basisText;
  if (valueBasis !== 'FOB' && valueBasis !== 'CIF') return { column: 'value_basis', value: get('value_basis'), reason: `value_basis "${get('value_basis')}" must be FOB or CIF` };
  let customsRaw = valueRaw;
  if (valueBasis === 'CIF') {
    customsRaw = valueRaw - (costs.freight ?? 0) - (costs.insurance ?? 0);
    if (customsRaw < 0) {
      return { column: 'value', value: valueText, reason: `CIF value ${valueText.trim()} is less than its freight and insurance (${get('freight').trim() || '0'} + ${get('insurance').trim() || '0'}): the customs value would be negative` };
    }
  }
  const valueCents = toUsd(customsRaw);

  const dateText = get('entry_date');
  let entryDate: string;
  if (dateText.trim() === '' && ctx.defaultDate !== undefined) entryDate = ctx.defaultDate;
  else {
    const d = parseDate(dateText, 'entry_date');
    if (d instanceof FieldError) return problem('entry_date', dateText, d);
    entryDate = d;
  }

  const item: LineItem = {
    sourceLine,
    line: get('line').trim() || String(recordNumber),
    entry: get('entry').trim() || ctx.defaultEntry,
    hts: hts.code,
    origin: 'CA',
    valueCents,
    invoiceValue: { amount: valueText.trim(), currency },
    entryDate,
    usmcaClaimed: false,
    contentCents: {},
    raw: fields,
  };
  if (hts.note) item.inputNotes = [hts.note];
  if (valueBasis === 'CIF' || costs.freight !== undefined || costs.insurance !== undefined || costs.other_costs !== undefined || costs.brokerage !== undefined || ctx.valueBasis !== undefined) {
    item.costing = {
      valueBasis,
      invoiceValueCents: toUsd(valueRaw),
      freightCents: toUsd(costs.freight ?? 0),
      insuranceCents: toUsd(costs.insurance ?? 0),
      otherCostsCents: toUsd(costs.other_costs ?? 0),
      ...(costs.brokerage !== undefined ? { entryBrokerageCents: toUsd(costs.brokerage) } : {}),
    };
  }
  if (fx) item.fxRate = fx.text;

  const description = get('description').trim();
  if (description) item.description = description;

  const originText = get('origin');
  if (originText.trim() !== '') {
    const o = parseCountry(originText);
    if (o instanceof FieldError) return problem('origin', originText, o);
    item.origin = o;
  }

  const quantityText = get('quantity');
  if (quantityText.trim() !== '') {
    const q = parseQuantity(quantityText);
    if (q instanceof FieldError) return problem('quantity', quantityText, q);
    item.quantityMicros = q;
  }
  const unit = get('unit').trim();
  if (unit) item.unit = unit.toLowerCase();

  const exportText = get('export_date');
  if (exportText.trim() !== '') {
    const d = parseDate(exportText, 'export_date');
    if (d instanceof FieldError) return problem('export_date', exportText, d);
    item.exportDate = d;
  }

  const usmcaText = get('usmca');
  if (usmcaText !== '') {
    const u = parseYesNo(usmcaText, 'usmca');
    if (u instanceof FieldError) return problem('usmca', usmcaText, u);
    item.usmcaClaimed = u;
  }

  const aircraftText = get('civil_aircraft');
  if (aircraftText.trim() !== '') {
    const a = parseYesNo(aircraftText, 'civil_aircraft');
    if (a instanceof FieldError) return problem('civil_aircraft', aircraftText, a);
    item.civilAircraft = a;
  }

  const transportText = get('transport');
  if (transportText !== '') {
    const t = parseTransport(transportText);
    if (t instanceof FieldError) return problem('transport', transportText, t);
    if (t !== undefined) item.transport = t;
  }

  for (const c of CONTENT) {
    const text = get(c);
    if (text.trim() === '') continue;
    const cents = parseMoney(text, c);
    if (cents instanceof FieldError) return problem(c, text, cents);
    if (cents > valueRaw) return { column: c, value: text, reason: `${c} ${text.trim()} is more than the line value ${valueText.trim()}` };
    item.contentCents[c] = toUsd(cents);
  }

  const weightText = get('metal_weight_pct');
  if (weightText.trim() !== '') {
    const w = parsePercentField(weightText, 'metal_weight_pct', 100);
    if (w instanceof FieldError) return problem('metal_weight_pct', weightText, w);
    item.metalWeightPct = w.value;
  }

  const usMetalText = get('us_metal');
  if (usMetalText.trim() !== '') {
    const u = parseYesNo(usMetalText, 'us_metal');
    if (u instanceof FieldError) return problem('us_metal', usMetalText, u);
    item.usMetal = u;
  }

  const adcvdText = get('adcvd_rate');
  if (adcvdText.trim() !== '') {
    const r = parsePercentField(adcvdText, 'adcvd_rate', 1000);
    if (r instanceof FieldError) return problem('adcvd_rate', adcvdText, r);
    item.adcvdRateNanos = r.nanos;
  }
  return item;
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
