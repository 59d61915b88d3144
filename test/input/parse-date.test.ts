/**
 * parseDate reads a two-two-four-digit slash date (an ACE export's MM/DD/YYYY) on a path of its own, without a
 * regular expression; the general path reads the same text with a space before it. Both must agree, on every
 * such text and both day-and-month orders: the same date, or the same refusal.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FieldError, parseDate } from '../../src/input/fields.js';

const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
const four = fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0'));

describe('parseDate on slash dates', () => {
  it('reads MM/DD/YYYY and DD/MM/YYYY as the general path does', () => {
    fc.assert(
      fc.property(two, two, four, fc.constantFrom('MDY' as const, 'DMY' as const), (a, b, y, order) => {
        const text = `${a}/${b}/${y}`;
        const direct = parseDate(text, 'entry_date', order);
        const general = parseDate(` ${text}`, 'entry_date', order);
        if (typeof general === 'string') expect(direct).toBe(general);
        else {
          expect(direct).toBeInstanceOf(FieldError);
          expect((direct as FieldError).reason).toBe(general.reason.replace(`" ${text}"`, `"${text}"`));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a few dates as a broker writes them', () => {
    expect(parseDate('04/10/2025', 'entry_date', 'MDY')).toBe('2025-04-10');
    expect(parseDate('04/10/2025', 'entry_date', 'DMY')).toBe('2025-10-04');
    expect(parseDate('02/29/2024', 'entry_date', 'MDY')).toBe('2024-02-29');
    expect(parseDate('02/29/2025', 'entry_date', 'MDY')).toBeInstanceOf(FieldError);
    expect(parseDate('13/01/2025', 'entry_date', 'MDY')).toBeInstanceOf(FieldError);
  });
});
