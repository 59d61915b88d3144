/**
 * Exchange rates from the command line (--fx CAD=0.7312) or a CSV file (currency,rate): USD per unit of
 * the currency, kept as decimal text so the reader converts exactly. One rate per currency, within bounds,
 * checked before anything is computed: a wrong rate would make every line of its currency wrong.
 */
const CODE = /^[A-Z]{3}$/;
const RATE = /^\d+(\.\d{1,9})?$/;
/** USD per unit: no currency is worth more than this, nor less (a rate outside is a typo, e.g. 7312 for 0.7312). */
const MAX_RATE = 1000;
const MIN_RATE = 0.000001;

export class FxOptionError extends Error {}

/** The rates given, by currency, and where each was given (for the message naming both of a duplicate). */
class FxRates {
  private readonly given = new Map<string, { rate: string; where: string }>();

  add(code: string, rate: string, where: string): void {
    const c = code.trim().toUpperCase();
    const r = rate.trim();
    if (!CODE.test(c)) throw new FxOptionError(`${where}: "${code}" is not a three-letter currency code`);
    if (!RATE.test(r)) throw new FxOptionError(`${where}: "${rate}" is not a positive decimal rate (USD per ${c}, up to 9 decimals)`);
    const value = Number(r);
    if (value < MIN_RATE || value > MAX_RATE) {
      throw new FxOptionError(`${where}: ${r} USD per ${c} is not a plausible rate (between ${MIN_RATE.toFixed(6)} and ${MAX_RATE}); give USD per one ${c}, e.g. CAD=0.7312`);
    }
    const before = this.given.get(c);
    if (before) throw new FxOptionError(`two rates for ${c}: ${before.rate} (${before.where}) and ${r} (${where}); give one`);
    this.given.set(c, { rate: r, where });
  }

  table(): Record<string, string> {
    return Object.fromEntries([...this.given].map(([c, { rate }]) => [c, rate]));
  }
}

function addFxOption(rates: FxRates, spec: string): void {
  const eq = spec.indexOf('=');
  if (eq < 0) throw new FxOptionError(`--fx ${spec}: expected CUR=rate, e.g. CAD=0.7312`);
  rates.add(spec.slice(0, eq), spec.slice(eq + 1), `--fx ${spec}`);
}

/** currency,rate rows (comma, semicolon or tab), an optional header, # comments; any other column is an error. */
function addFxFile(rates: FxRates, text: string, file: string): void {
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.replace(/^\uFEFF/, '').trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const cells = trimmed.split(/[,;\t]/);
    const [code = '', rate = ''] = cells;
    if (i === 0 && !CODE.test(code.trim().toUpperCase())) {
      if (cells.length > 2) throw new FxOptionError(`${file}:1: the columns are ${cells.map((c) => `"${c.trim()}"`).join(', ')}; an FX file has two, currency and rate (rates by date are not supported: give the rate of the export date)`);
      return; // header row
    }
    if (cells.length > 2) throw new FxOptionError(`${file}:${i + 1}: "${trimmed}" has ${cells.length} columns; an FX file has two, currency and rate (rates by date are not supported: give the rate of the export date)`);
    rates.add(code, rate, `${file}:${i + 1}`);
  });
}

/** The rates of an FX file (its text and name) and of --fx options, by currency: each currency once. */
export function fxRates(file: { text: string; name: string } | undefined, specs: readonly string[]): Record<string, string> {
  const rates = new FxRates();
  if (file) addFxFile(rates, file.text, file.name);
  for (const spec of specs) addFxOption(rates, spec);
  return rates.table();
}
