/** Every date option (--date, --as-of, --today) checked in one place: a real YYYY-MM-DD calendar date. */
import { isIsoDate } from '../calendar/dates.js';
import { UsageError } from './usage-error.js';

/** The option's value when it is a calendar date; a usage error naming the option and the value otherwise. */
export function dateOption<T extends string | undefined>(flag: string, value: T): T {
  if (value !== undefined && !isIsoDate(value)) throw new UsageError(`${flag} ${value}: not a calendar date (expected YYYY-MM-DD, e.g. 2025-09-10)`);
  return value;
}
