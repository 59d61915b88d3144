/**
 * Exact decimal arithmetic for money, rates and quantities.
 *
 * Everything is a non-negative integer in a fixed scale:
 *  - money: integer cents (a JS number, always a safe integer for one line; totals use bigint);
 *  - rates: integer billionths ("nanos"): 25% = 250_000_000, 0.3464% = 3_464_000, $1.035 = 1_035_000_000;
 *  - quantities: integer millionths of the unit.
 * Binary floating point never touches a money value: products go through mulDivRound, which uses
 * plain numbers only while every intermediate stays exactly representable and bigint otherwise.
 */

export const RATE_DIGITS = 9;
export const RATE_SCALE = 1_000_000_000;
export const QUANTITY_DIGITS = 6;
export const QUANTITY_SCALE = 1_000_000;

const SAFE_PRODUCT = 2 ** 52;

/**
 * floor(n / d) exactly, for integers n >= 0 and d > 0 with n + d a safe integer (so q * d is exact): the
 * division in floating point may round across an integer, and the remainder says which way.
 */
export function exactFloorDiv(n: number, d: number): number {
  const q = Math.floor(n / d);
  const r = n - q * d;
  if (r < 0) return q - 1;
  return r >= d ? q + 1 : q;
}

/** round(a * b / d) with halves rounded up; a, b >= 0 integers, d > 0 integer. */
export function mulDivRound(a: number, b: number, d: number): number {
  const product = a * b;
  if (product < SAFE_PRODUCT) {
    const q = exactFloorDiv(product, d);
    return 2 * (product - q * d) >= d ? q + 1 : q;
  }
  const big = BigInt(a) * BigInt(b);
  const bd = BigInt(d);
  const q = big / bd;
  const r = big - q * bd;
  const rounded = 2n * r >= bd ? q + 1n : q;
  if (rounded > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`amount ${rounded} cents exceeds the exact range of one line`);
  }
  return Number(rounded);
}

/**
 * Parses a plain decimal ("1234.5", "0.3464", "-2") into an integer scaled by 10^digits.
 * Returns undefined when the text is not a decimal or has more fractional digits than the scale holds
 * (never rounds silently).
 */
export function parseScaled(text: string, digits: number): number | undefined {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m) return undefined;
  const [, sign, whole = '', frac = ''] = m;
  if (whole === '' && frac === '') return undefined;
  const trimmedFrac = frac.replace(/0+$/, '');
  if (trimmedFrac.length > digits) return undefined;
  const digitsText = (whole === '' ? '0' : whole) + trimmedFrac.padEnd(digits, '0');
  const value = Number(digitsText);
  if (!Number.isSafeInteger(value)) return undefined;
  return sign === '-' ? -value : value;
}

/** Formats an integer scaled by 10^digits as a decimal string, trimming trailing zeros down to minDigits. */
export function formatScaled(value: number | bigint, digits: number, minDigits = 0): string {
  const negative = value < 0;
  const abs = (negative ? -BigInt(value) : BigInt(value)).toString().padStart(digits + 1, '0');
  const whole = abs.slice(0, abs.length - digits);
  let frac = abs.slice(abs.length - digits);
  while (frac.length > minDigits && frac.endsWith('0')) frac = frac.slice(0, -1);
  return (negative ? '-' : '') + whole + (frac ? `.${frac}` : '');
}

/** Cents as "1234.56" (no grouping); bigint accepted for totals. */
export function formatCents(cents: number | bigint): string {
  if (typeof cents === 'number' && Number.isSafeInteger(cents) && cents >= 0) {
    // The common case, a line amount, without a detour through bigint.
    const frac = cents % 100;
    return `${(cents - frac) / 100}.${frac < 10 ? '0' : ''}${frac}`;
  }
  return formatScaled(cents, 2, 2);
}

/** Cents as "1,234.56" for people. */
export function formatCentsGrouped(cents: number | bigint): string {
  const plain = formatCents(cents);
  const negative = plain.startsWith('-');
  const [whole = '0', frac = '00'] = (negative ? plain.slice(1) : plain).split('.');
  return (negative ? '-' : '') + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + '.' + frac;
}

/** A rate in nanos as a percentage string: 250_000_000 -> "25%", 3_464_000 -> "0.3464%". */
export function formatPercent(rateNanos: number): string {
  return `${formatScaled(rateNanos, RATE_DIGITS - 2)}%`;
}

/** "25%", "0.3464%", "7.5 %" -> nanos; undefined when not a percentage. */
export function parsePercent(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(text);
  if (!m || m[1] === undefined) return undefined;
  return parseScaled(m[1], RATE_DIGITS - 2);
}

/** Whole dollars from cents, halves up (19 CFR 159.3(a): under 50 cents dropped, 50 cents or more rounded up). */
export function wholeDollars(cents: number): number {
  return Math.floor((cents + 50) / 100);
}

/** Ad valorem duty in cents on a whole-dollar value: round(dollars x rate) to the cent. */
export function adValoremCents(dollars: number, rateNanos: number): number {
  return mulDivRound(dollars * 100, rateNanos, RATE_SCALE);
}

/**
 * The rate on a base: on its whole dollars when they are given (19 CFR 159.3), else on its cents (Canada's
 * value for duty is kept to the cent); rounded to the cent, halves up.
 */
export function onBase(baseCents: number, baseDollars: number | undefined, rateNanos: number): number {
  return baseDollars === undefined ? mulDivRound(baseCents, rateNanos, RATE_SCALE) : adValoremCents(baseDollars, rateNanos);
}

/** Duty in cents for quantity (millionths of a unit) x rate (nano-dollars per `per` units). */
export function specificCents(quantityMicros: number, perUnitNanoDollars: number, per = 1): number {
  // cents = q/1e6 * r/1e9 * 100 / per
  const q = BigInt(quantityMicros) * BigInt(perUnitNanoDollars) * 100n;
  const d = BigInt(QUANTITY_SCALE) * BigInt(RATE_SCALE) * BigInt(per);
  const whole = q / d;
  const rest = q - whole * d;
  return Number(2n * rest >= d ? whole + 1n : whole);
}
