/**
 * Field parsers for the line-item CSV. Each returns the value or a FieldError sentence a broker
 * understands. Cheap by design: they run once per field of files with millions of rows.
 */
import { isCalendarDay } from '../calendar/dates.js';
import { DATE_PATTERN, slashDateIn, slashFields, type DateOrder } from './date-order.js';
import { formatCents, parseScaled, QUANTITY_DIGITS, RATE_DIGITS } from '../money/decimal.js';

export class FieldError {
  constructor(readonly reason: string) {}
}

const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** A currency sign or code before the amount (`US$`, `CA$`, `C$`, `$`, `€`, `£`, or a three-letter code), and after it. */
const SIGN_BEFORE = /^(US\$|CA\$|C\$|\$|€|£|[A-Za-z]{3})\s*/;
const SIGN_AFTER = /\s*(US\$|CA\$|C\$|\$|€|£|[A-Za-z]{3})$/;
/** The currencies written with a bare `$`: it does not say which, so it agrees with any of them. */
const DOLLAR_CURRENCIES = new Set(['USD', 'CAD', 'AUD', 'NZD', 'HKD', 'SGD', 'MXN']);
const SIGN_CURRENCY: Record<string, string> = { 'US$': 'USD', 'CA$': 'CAD', 'C$': 'CAD', '€': 'EUR', '£': 'GBP' };

/** The sign contradicts the line's currency: the reason, else undefined. */
function signConflict(sign: string, text: string, column: string, currency: string): string | undefined {
  if (sign === '$') {
    return DOLLAR_CURRENCIES.has(currency) ? undefined : `${column} "${text}" has a dollar sign but the line's currency is ${currency}: give the amount in ${currency} or set the line's currency`;
  }
  const signCurrency = SIGN_CURRENCY[sign] ?? sign.toUpperCase();
  if (signCurrency === currency) return undefined;
  return `${column} "${text}" is marked ${signCurrency} (${sign}) but the line's currency is ${currency}: give the amount in ${currency} or set the line's currency to ${signCurrency}`;
}

/**
 * The common forms, read in one pass without a regular expression: `1234.56`, `1,234.5`, `$1,234.56`
 * (ACE exports), at most 13 whole digits and 2 decimals. -1 when the text is in any other form.
 */
function commonMoneyCents(t: string): number {
  const n = t.length;
  let i = n > 0 && t.charCodeAt(0) === 36 ? 1 : 0;
  let whole = 0;
  let digits = 0;
  let sinceComma = -1;
  for (; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      whole = whole * 10 + (c - 48);
      digits += 1;
      if (sinceComma >= 0) sinceComma += 1;
    } else if (c === 44) {
      if (digits === 0 || (sinceComma < 0 ? digits > 3 : sinceComma !== 3)) return -1;
      sinceComma = 0;
    } else break;
  }
  if (digits === 0 || digits > 13 || (sinceComma >= 0 && sinceComma !== 3)) return -1;
  if (i === n) return whole * 100;
  if (t.charCodeAt(i) !== 46) return -1;
  const decimals = n - i - 1;
  if (decimals < 1 || decimals > 2) return -1;
  let frac = 0;
  for (i += 1; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    frac = frac * 10 + (c - 48);
  }
  return whole * 100 + (decimals === 1 ? frac * 10 : frac);
}

const notANumber = (text: string, column: string): FieldError => new FieldError(`${column} "${text}" is not a number (use digits with a decimal point, e.g. 1234.56)`);

/**
 * Money text -> integer cents, exactly. A currency sign or code before or after the amount must agree with
 * the line's `currency` (a bare `$` agrees with any dollar currency); one that contradicts it is an error.
 * More than two decimals are rounded half up to the cent, in the line's currency, with a note pushed on
 * `notes`. `-0` is zero; any other negative amount is an error.
 */
export function parseMoney(text: string, column: string, currency = 'USD', notes?: string[]): number | FieldError {
  const common = commonMoneyCents(text);
  if (common >= 0 && (text.charCodeAt(0) !== 36 || DOLLAR_CURRENCIES.has(currency))) return common;
  let t = text.trim();
  if (t === '') return new FieldError(`${column} is empty`);
  if (!/\d/.test(t)) return notANumber(text, column);
  let negative = false;
  if (t.startsWith('(') && t.endsWith(')')) {
    negative = true;
    t = t.slice(1, -1).trim();
  }
  if (t.startsWith('-')) {
    negative = true;
    t = t.slice(1).trim();
  }
  for (const sign of [SIGN_BEFORE.exec(t), SIGN_AFTER.exec(t)]) {
    if (!sign) continue;
    const conflict = signConflict(sign[1]!, text, column, currency);
    if (conflict) return new FieldError(conflict);
    t = sign.index === 0 ? t.slice(sign[0].length) : t.slice(0, sign.index);
  }
  if (t.startsWith('-')) {
    negative = true;
    t = t.slice(1);
  }
  t = t.replace(/\s+/g, '');
  if (GROUPED.test(t)) t = t.replace(/,/g, '');
  if (!/^\d+(?:\.\d+)?$/.test(t)) return notANumber(text, column);
  const [whole = '0', frac = ''] = t.split('.');
  if (whole.length > 13) return new FieldError(`${column} "${text}" is larger than this tool accepts (up to 9,999,999,999,999.99)`);
  const cents = Number(whole) * 100 + Number((frac + '00').slice(0, 2));
  const rounded = frac.length > 2 && Number(frac[2]) >= 5 ? cents + 1 : cents;
  if (negative && /[1-9]/.test(t)) return new FieldError(`${column} "${text}" is negative: an amount cannot be below zero`);
  if (frac.length > 2 && /[1-9]/.test(frac.slice(2))) {
    notes?.push(`${column} "${text.trim()}" has more than two decimals: read as ${formatCents(rounded)} ${currency} (rounded half up to the cent before conversion)`);
  }
  return rounded;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A slash date in a file whose order of slash dates is not known (input read once, not given --date-format):
 * reading it either way would be a guess, so the run stops there (see date-order).
 */
export class DateOrderUnknown extends FieldError {}

/** Digits of text[from, from + n) as a number, or -1 when one is not a digit. */
function digitsAt(text: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * YYYY-MM-DD, or a slash date in `order` (the file's, see date-order) -> YYYY-MM-DD, a real calendar date.
 * Without an order a slash date is a DateOrderUnknown.
 */
export function parseDate(text: string, column: string, order: DateOrder | undefined): string | FieldError {
  // The common case, already YYYY-MM-DD, read without a regular expression and returned as it is.
  if (text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const y = digitsAt(text, 0, 4);
    const mo = digitsAt(text, 5, 2);
    const d = digitsAt(text, 8, 2);
    if (y >= 0 && mo >= 0 && d >= 0) return isCalendarDay(y, mo, d) ? text : new FieldError(`${column} "${text}" is not a calendar date`);
  }
  // A slash date of two, two and four digits (an ACE export's MM/DD/YYYY) in a day-and-month order, read the same
  // way when it is a calendar date; anything else takes the general path below, which says what is wrong.
  if (text.length === 10 && text.charCodeAt(2) === 47 && text.charCodeAt(5) === 47 && (order === 'MDY' || order === 'DMY')) {
    const first = digitsAt(text, 0, 2);
    const second = digitsAt(text, 3, 2);
    const year = digitsAt(text, 6, 4);
    const [month, day] = order === 'MDY' ? [first, second] : [second, first];
    if (first >= 0 && second >= 0 && year >= 1000 && isCalendarDay(year, month, day)) {
      return order === 'MDY' ? `${text.slice(6, 10)}-${text.slice(0, 2)}-${text.slice(3, 5)}` : `${text.slice(6, 10)}-${text.slice(3, 5)}-${text.slice(0, 2)}`;
    }
  }
  const t = text.trim();
  const m = ISO.exec(t);
  let y: number, mo: number, d: number;
  if (m) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  } else if (slashFields(t)) {
    if (order === undefined) return new DateOrderUnknown(`${column} "${t}" is a slash date`);
    const read = slashDateIn(t, order);
    const expected = `${DATE_PATTERN[order]} (${order}, the order of this file's slash dates) or YYYY-MM-DD`;
    if (!read || read.mo < 1 || read.mo > 12) return new FieldError(`${column} "${text}" does not fit the date format: expected ${expected}`);
    ({ y, mo, d } = read);
    if (!isCalendarDay(y, mo, d)) return new FieldError(`${column} "${text}" is not a calendar date (read as ${DATE_PATTERN[order]})`);
  } else {
    const expected = order ? `YYYY-MM-DD or ${DATE_PATTERN[order]}` : 'YYYY-MM-DD';
    return new FieldError(t === '' ? `${column} is empty` : `${column} "${text}" is not a date (use ${expected})`);
  }
  if (!isCalendarDay(y, mo, d)) return new FieldError(`${column} "${text}" is not a calendar date`);
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export interface HtsParsed {
  code: string;
  note?: string;
}

const HTS_DIGITS = /^\d{8}(?:\d{2})?$/;

/** HTS text -> digits; a code a spreadsheet shortened by its leading zero gets the zero back, with a note. */
export function parseHts(text: string): HtsParsed | FieldError {
  if (HTS_DIGITS.test(text)) return { code: text };
  const t = text.trim();
  if (t === '') return new FieldError('hts is empty');
  if (!/^[\d.\s-]+$/.test(t)) return new FieldError(`hts "${text}" is not an HTS number (8 or 10 digits, dots optional)`);
  const digits = t.replace(/[.\s-]/g, '');
  // 7 or 9 digits: an 8- or 10-digit code whose leading zero a spreadsheet dropped (0101.21.00 -> 101.21.00).
  if (digits.length === 7 || digits.length === 9) {
    const restored = `0${digits}`;
    return { code: restored, note: `HTS "${text}" read as ${restored}: a spreadsheet had dropped the leading zero` };
  }
  if (digits.length === 6) return new FieldError(`hts "${text}" has 6 digits; give the 8-digit subheading or 10-digit statistical number`);
  if (!HTS_DIGITS.test(digits)) return new FieldError(`hts "${text}" has ${digits.length} digits; an HTS number has 8 or 10`);
  return { code: digits };
}

const YES = new Set(['y', 'yes', 'true', '1', 's', 's+', 'x']);
const NO = new Set(['', 'n', 'no', 'false', '0']);

export function parseYesNo(text: string, column: string): boolean | FieldError {
  if (text === 'Y') return true;
  if (text === 'N') return false;
  const t = text.trim().toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return new FieldError(`${column} "${text}" must be Y or N`);
}

const TRANSPORT = new Map<string, string>([
  ['ocean', 'ocean'], ['vessel', 'ocean'], ['sea', 'ocean'], ['ship', 'ocean'], ['air', 'air'], ['truck', 'truck'], ['road', 'truck'], ['rail', 'rail'],
  ['mail', 'mail'], ['pipeline', 'pipeline'], ['other', 'other'],
]);

export function parseTransport(text: string): string | undefined | FieldError {
  const mode = TRANSPORT.get(text);
  if (mode !== undefined) return mode;
  const t = text.trim().toLowerCase();
  if (t === '') return undefined;
  return TRANSPORT.get(t) ?? new FieldError(`transport "${text}" is not a mode this tool knows (ocean, air, truck, rail, mail, pipeline, other)`);
}

/** A percentage 0..max ("35.19" or "35.19%") -> nanos of a fraction, or the plain number. */
export function parsePercentField(text: string, column: string, max: number): { nanos: number; value: number } | FieldError {
  const t = text.trim().replace(/%$/, '').trim();
  const nanos = parseScaled(t, RATE_DIGITS - 2);
  if (nanos === undefined || nanos < 0) return new FieldError(`${column} "${text}" is not a percentage (e.g. 35.19)`);
  const value = Number(t);
  if (value > max) return new FieldError(`${column} "${text}" is more than ${max}%`);
  return { nanos, value };
}

export function parseQuantity(text: string): number | FieldError {
  // The common case, a whole number of up to 9 digits.
  if (text.length > 0 && text.length <= 9) {
    const whole = digitsAt(text, 0, text.length);
    if (whole >= 0) return whole * 1_000_000;
  }
  const t = text.trim().replace(/,/g, '');
  const micros = parseScaled(t, QUANTITY_DIGITS);
  if (micros === undefined) return new FieldError(`quantity "${text}" is not a number with up to ${QUANTITY_DIGITS} decimals`);
  if (micros < 0) return new FieldError(`quantity "${text}" is negative`);
  return micros;
}

const COUNTRY = /^[A-Za-z]{2}$/;

export function parseCountry(text: string): string | FieldError {
  const t = text.trim();
  if (COUNTRY.test(t)) return t.toUpperCase();
  return new FieldError(`origin "${text}" is not a two-letter ISO country code (e.g. CA)`);
}

const CURRENCY = /^[A-Za-z]{3}$/;

export function parseCurrency(text: string): string | FieldError {
  const t = text.trim();
  if (CURRENCY.test(t)) return t.toUpperCase();
  return new FieldError(`currency "${text}" is not a three-letter ISO currency code (e.g. USD, CAD)`);
}
