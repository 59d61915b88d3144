/**
 * Exchange rates from the command line (--fx CAD=0.7312) or a CSV file (currency,rate): USD per unit of
 * the currency, kept as decimal text so the reader converts exactly.
 */
const CODE = /^[A-Z]{3}$/;
const RATE = /^\d+(\.\d{1,9})?$/;

export class FxOptionError extends Error {}

function checked(code: string, rate: string, where: string): [string, string] {
  const c = code.trim().toUpperCase();
  const r = rate.trim();
  if (!CODE.test(c)) throw new FxOptionError(`${where}: "${code}" is not a three-letter currency code`);
  if (!RATE.test(r) || Number(r) === 0) throw new FxOptionError(`${where}: "${rate}" is not a positive decimal rate (USD per ${c}, up to 9 decimals)`);
  return [c, r];
}

export function parseFxOption(spec: string): Record<string, string> {
  const eq = spec.indexOf('=');
  if (eq < 0) throw new FxOptionError(`--fx ${spec}: expected CUR=rate, e.g. CAD=0.7312`);
  const [c, r] = checked(spec.slice(0, eq), spec.slice(eq + 1), `--fx ${spec}`);
  return { [c]: r };
}

export function parseFxFile(text: string, file: string): Record<string, string> {
  const out: Record<string, string> = {};
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.replace(/^\uFEFF/, '').trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const [code = '', rate = ''] = trimmed.split(/[,;\t]/);
    if (i === 0 && !CODE.test(code.trim().toUpperCase())) return; // header row
    const [c, r] = checked(code, rate, `${file}:${i + 1}`);
    out[c] = r;
  });
  return out;
}
