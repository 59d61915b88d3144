/**
 * The currency a money column's header names ("Value (CAD)", "value_cad", "CAD value", "Montant ($CA)"),
 * and the one currency of a file's money columns. Read conservatively: a currency wrongly seen in a header
 * changes every amount of the column, so only a word that is an ISO 4217 code or a written dollar sign of
 * Canada or the US counts, never a guess from "Value" or "$".
 */
import type { CanonicalColumn } from './columns.js';

/** The columns holding an amount in the line's currency. */
export const MONEY_COLUMNS: ReadonlySet<CanonicalColumn> = new Set<CanonicalColumn>([
  'value', 'freight', 'insurance', 'other_costs', 'brokerage', 'steel_value', 'aluminum_value', 'copper_value', 'us_content_value',
]);

/**
 * ISO 4217 codes in use, as the runtime's ICU knows them (no list of our own to go stale); asked for only
 * when a header has a three-letter word, since asking costs start-up time (milliseconds) on every run.
 */
let isoCodes: ReadonlySet<string> | undefined;
const isIsoCode = (code: string): boolean => (isoCodes ??= new Set(Intl.supportedValuesOf('currency'))).has(code);

/** Codes that are also ordinary words: they name a currency in a header only written in capitals. */
const ORDINARY_WORDS: ReadonlySet<string> = new Set(['ALL', 'BAM', 'BOB', 'CUP', 'GEL', 'MAD', 'MOP', 'NAD', 'PEN', 'SOS', 'TOP', 'TRY']);

/** Dollar signs written with their country, as invoices print them. */
const DOLLAR_SIGNS: ReadonlyMap<string, string> = new Map([
  ['C$', 'CAD'], ['CA$', 'CAD'], ['$CA', 'CAD'], ['CAD$', 'CAD'], ['$CAD', 'CAD'], ['$C', 'CAD'],
  ['US$', 'USD'], ['$US', 'USD'], ['USD$', 'USD'], ['$USD', 'USD'], ['U.S.$', 'USD'],
]);

/** Header words: split at spaces, underscores, hyphens, brackets and punctuation, keeping "$" and "U.S.$" whole. */
const WORD_BREAK = /[\s_\-,;:()[\]{}/]+/;

export interface HeaderCurrency {
  /** ISO code named by the header. */
  code: string;
  /** The header without the word naming the currency, normalized as column names are ("Value (CAD)" -> "value"). */
  rest: string;
}

/**
 * The currency a header names, if any; `ambiguous` when it names two different ones ("Value USD (CAD)").
 */
export function currencyInHeader(text: string): HeaderCurrency | { ambiguous: [string, string] } | undefined {
  let code: string | undefined;
  const rest: string[] = [];
  for (const word of text.trim().split(WORD_BREAK)) {
    if (word === '') continue;
    const named = currencyOfWord(word);
    if (named === undefined) {
      rest.push(word.toLowerCase());
      continue;
    }
    if (code !== undefined && code !== named) return { ambiguous: [code, named] };
    code = named;
  }
  return code === undefined ? undefined : { code, rest: rest.join('_') };
}

function currencyOfWord(word: string): string | undefined {
  const upper = word.toUpperCase();
  const sign = DOLLAR_SIGNS.get(upper);
  if (sign !== undefined) return sign;
  if (upper.length !== 3 || !/^[A-Z]{3}$/.test(upper) || !isIsoCode(upper)) return undefined;
  if (ORDINARY_WORDS.has(upper) && word !== upper) return undefined;
  return upper;
}
