/**
 * The input options shared by the commands that read a line-item CSV (estimate, compare): declared once,
 * turned into reader options once.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseDateOrder } from '../input/date-order.js';
import { FxOptionError, fxRates } from '../input/fx-options.js';
import type { ReaderOptions } from '../input/read-line-items.js';
import { parseScaled } from '../money/decimal.js';
import { dateOption } from './date-option.js';
import { UsageError } from './usage-error.js';

export interface InputOptions {
  date?: string;
  entry?: string;
  fx?: string[];
  currency?: string;
  fxFile?: string;
  map?: string;
  column?: string[];
  delimiter?: string;
  asOf?: string;
  valueBasis?: string;
  brokerage?: string;
  input?: string;
  dateFormat?: string;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function addInputOptions(command: Command): Command {
  return command
    .option('--date <YYYY-MM-DD>', 'entry date for lines without an entry_date column')
    .option('--as-of <YYYY-MM-DD>', 'evaluate every line as if entered on this date')
    .option('--entry <id>', 'entry number for lines without an entry column (default: 1)')
    .option('--fx <CUR=rate>', "units of the schedule's currency per unit of a currency: USD per unit for us-canada (CAD=0.7312), CAD per unit for canada-us (USD=1.3650) (repeatable)", collect)
    .option('--fx-file <file>', "CSV of currency,rate (units of the schedule's currency per unit)")
    .option('--currency <CODE>', 'currency of lines with no currency column or cell (default USD; others need --fx)')
    .option('--map <file.json>', 'JSON object mapping canonical column names to your headers')
    .option('--column <name=header>', 'map one canonical column to a header of your file (repeatable)', collect)
    .option('--date-format <MDY|DMY|YMD>', 'order of slash dates such as 01/02/2026 (MDY: US month first; DMY: day first; YMD); without it the file must prove the order (a day above 12)')
    .option('--delimiter <char>', 'field delimiter (default: detected from the header: comma, semicolon or tab)')
    .option('--value-basis <FOB|CIF>', 'what the value column includes, for lines without value_basis (default FOB)')
    .option('--brokerage <amount>', 'brokerage per entry in USD, for entries whose lines give none (landed cost)')
    .option('--input <layout>', 'auto (recognised by the header), lines (the canonical columns) or es003 (an ACE ES-003 export)', 'auto');
}

/** --map and --column; the module (and its zod schema) is loaded only when they are used, to keep start-up fast. */
async function columnMapOptions(opts: InputOptions): Promise<Record<string, string>> {
  if (!opts.map && !opts.column) return {};
  const { ColumnMapError, loadColumnMap, parseColumnOption } = await import('../input/column-map.js');
  try {
    const columnMap: Record<string, string> = opts.map ? loadColumnMap(readFileSync(opts.map, 'utf8')) : {};
    for (const spec of opts.column ?? []) {
      const [name, alias] = parseColumnOption(spec);
      columnMap[name] = alias;
    }
    return columnMap;
  } catch (e) {
    if (e instanceof ColumnMapError) throw new UsageError(e.message);
    throw e;
  }
}

export async function readerOptions(opts: InputOptions): Promise<Omit<ReaderOptions, 'file'>> {
  dateOption('--date', opts.date);
  dateOption('--as-of', opts.asOf);
  let fx: Record<string, string>;
  try {
    fx = fxRates(opts.fxFile ? { text: readFileSync(opts.fxFile, 'utf8'), name: opts.fxFile } : undefined, opts.fx ?? []);
  } catch (e) {
    if (e instanceof FxOptionError) throw new UsageError(e.message);
    throw e;
  }
  const schedule = (opts as { schedule?: string | string[] }).schedule;
  const currency = currencyOption(opts.currency, fx, declaredCurrency(Array.isArray(schedule) ? schedule[0] : schedule));
  const layout = opts.input ?? 'auto';
  if (layout !== 'auto' && layout !== 'lines' && layout !== 'es003') throw new UsageError(`--input ${opts.input}: use auto, lines or es003`);
  const columnMap = await columnMapOptions(opts);
  const delimiter = opts.delimiter === '\\t' || opts.delimiter === 'tab' ? '\t' : opts.delimiter;
  const basis = opts.valueBasis?.toUpperCase();
  if (basis !== undefined && basis !== 'FOB' && basis !== 'CIF') throw new UsageError(`--value-basis ${opts.valueBasis}: use FOB or CIF`);
  const dateOrder = opts.dateFormat === undefined ? undefined : parseDateOrder(opts.dateFormat);
  if (opts.dateFormat !== undefined && !dateOrder) throw new UsageError(`--date-format ${opts.dateFormat}: use MDY (MM/DD/YYYY), DMY (DD/MM/YYYY) or YMD (YYYY/MM/DD)`);
  return { ...(dateOrder ? { dateOrder } : {}), fx, ...(currency ? { currency } : {}), defaultDate: opts.date, defaultEntry: opts.entry, columnMap, layout, ...(delimiter ? { delimiter } : {}), ...(basis ? { valueBasis: basis } : {}) };
}

/**
 * The currency a schedule file declares at its top (`currency: CAD`), for checking --currency before the
 * schedule is loaded; USD when it says none or cannot be read (the loader reports a bad file).
 */
export function declaredCurrency(schedulePath: string | undefined): string {
  if (schedulePath === undefined) return 'USD';
  try {
    return /^currency:\s*([A-Z]{3})\s*$/m.exec(readFileSync(schedulePath, 'utf8'))?.[1] ?? 'USD';
  } catch {
    return 'USD';
  }
}

/** --currency as an ISO code, checked to have a rate into the schedule's currency: without one every line would be rejected. */
export function currencyOption(text: string | undefined, fx: Record<string, string>, into = 'USD'): string | undefined {
  if (text === undefined) return undefined;
  const code = text.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) throw new UsageError(`--currency ${text}: expected a three-letter ISO currency code such as CAD`);
  if (code !== into && fx[code] === undefined) throw new UsageError(`--currency ${code}: no exchange rate for ${code}; give --fx ${code}=<${into} per ${code}> or an FX file`);
  return code;
}

/** --brokerage in cents, or undefined. */
export function brokerageCents(opts: InputOptions): number | undefined {
  if (opts.brokerage === undefined) return undefined;
  const cents = parseScaled(opts.brokerage.trim(), 2);
  if (cents === undefined || cents < 0) throw new UsageError(`--brokerage ${opts.brokerage}: expected an amount in USD such as 150.00`);
  return cents;
}
