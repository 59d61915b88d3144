/**
 * The words the reports use that depend on the schedule in use: its currency, what its codes and values are
 * called, the preference a line claims. Data, not jurisdiction in code: a schedule with its own tariff table
 * (tariff_table) speaks of tariff items and value for duty; the HTSUS schedule keeps the words it always had.
 */
import { scheduleCurrency, type RuleSet } from '../rules/rule-set.js';

export interface ScheduleWords {
  currency: string;
  /** What a line's code is: "HTS" or "tariff item". */
  code: string;
  /** What the value duties are charged on is called: "customs value" or "value for duty". */
  value: string;
  /** The preference a line claims with usmca=Y. */
  preference: string;
  /** Charges apart from duties: "fees", or "taxes and fees" when the schedule has an import tax. */
  charges: string;
}

const US: ScheduleWords = { currency: 'USD', code: 'HTS', value: 'customs value', preference: 'USMCA', charges: 'fees' };

export function scheduleWords(rules: RuleSet): ScheduleWords {
  const currency = scheduleCurrency(rules);
  const s = rules.schedule;
  if (s.tariff_table === undefined && currency === 'USD') return US;
  const hasTax = s.measures.some((m) => m.category === 'tax');
  return {
    currency,
    code: s.tariff_table ? 'tariff item' : 'HTS',
    value: s.importing_country === 'CA' ? 'value for duty' : 'customs value',
    preference: s.importing_country === 'CA' ? 'CUSMA' : 'USMCA',
    charges: hasTax ? 'taxes and fees' : 'fees',
  };
}
