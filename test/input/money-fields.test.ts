/**
 * Money text in every form the reader takes, against integer cents: the one-pass reader of the common forms
 * must agree exactly with the general one, and refuse malformed grouping.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FieldError, parseMoney } from '../../src/input/fields.js';

const grouped = (whole: number): string => whole.toLocaleString('en-US');
const cents = fc.integer({ min: 0, max: 9_999_999_999_999 * 100 + 99 });

describe('money fields', () => {
  it('plain, grouped and dollar-signed forms all read as the same cents', () => {
    fc.assert(
      fc.property(cents, (c) => {
        const whole = Math.floor(c / 100);
        const frac = String(c % 100).padStart(2, '0');
        for (const text of [`${whole}.${frac}`, `${grouped(whole)}.${frac}`, `$${grouped(whole)}.${frac}`, `$${whole}.${frac}`]) {
          expect(parseMoney(text, 'value')).toBe(c);
        }
        if (c % 10 === 0) expect(parseMoney(`${grouped(whole)}.${frac[0]}`, 'value')).toBe(c);
      }),
    );
  });

  it.each([['$12,3x4.00'], ['1,23.00'], ['1234,567.00'], ['12,3456'], ['$'], ['1.'], ['.5x'], ['$-5'], ['1,234,56']])('%s is refused', (text) => {
    expect(parseMoney(text, 'value')).toBeInstanceOf(FieldError);
  });

  it.each([['$0.5', 50], ['1.005', 101], ['1.004', 100], ['US$ 1,000', 100000], ['  42 ', 4200]])('%s reads as %d cents (the general path)', (text, expected) => {
    expect(parseMoney(text, 'value')).toBe(expected);
  });

  it.each([['$1000', 'MXN'], ['C$1000', 'CAD'], ['CA$ 1,000', 'CAD'], ['1000 cad', 'CAD'], ['EUR1000', 'EUR'], ['1000€', 'EUR'], ['£1000', 'GBP'], ['-0', 'USD'], ['(0.00)', 'USD']])(
    '%s agrees with a %s line',
    (text, currency) => {
      expect(parseMoney(text, 'value', currency)).toBe(text.includes('0.00') || text === '-0' ? 0 : 100_000);
    },
  );

  it.each([['$1000', 'EUR'], ['US$1000', 'CAD'], ['C$1000', 'USD'], ['1000 GBP', 'EUR'], ['€1000', 'USD'], ['CAD', 'CAD']])('%s is refused on a %s line', (text, currency) => {
    expect(parseMoney(text, 'value', currency)).toBeInstanceOf(FieldError);
  });

  it('more than two decimals: rounded half up with a note; zeros past the cent need none', () => {
    const notes: string[] = [];
    expect(parseMoney('1000.005', 'freight', 'CAD', notes)).toBe(100_001);
    expect(parseMoney('1000.0049', 'freight', 'CAD', notes)).toBe(100_000);
    expect(parseMoney('1000.000', 'freight', 'CAD', notes)).toBe(100_000);
    expect(notes).toEqual([
      'freight "1000.005" has more than two decimals: read as 1000.01 CAD (rounded half up to the cent before conversion)',
      'freight "1000.0049" has more than two decimals: read as 1000.00 CAD (rounded half up to the cent before conversion)',
    ]);
  });
});
