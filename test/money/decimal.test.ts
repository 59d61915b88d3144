import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateCents } from '../../src/engine/allocate.js';
import {
  adValoremCents, formatCents, formatCentsGrouped, formatPercent, mulDivRound, parsePercent, parseScaled, specificCents, wholeDollars,
} from '../../src/money/decimal.js';

describe('exact decimal arithmetic', () => {
  it('parses decimals into scaled integers without rounding', () => {
    expect(parseScaled('1234.56', 2)).toBe(123456);
    expect(parseScaled('0.7312', 9)).toBe(731_200_000);
    expect(parseScaled('12', 2)).toBe(1200);
    expect(parseScaled('1.005', 2)).toBeUndefined();
    expect(parseScaled('1.2.3', 2)).toBeUndefined();
    expect(parseScaled('', 2)).toBeUndefined();
  });

  it('parses percentages into nanos', () => {
    expect(parsePercent('25%')).toBe(250_000_000);
    expect(parsePercent('0.3464%')).toBe(3_464_000);
    expect(parsePercent('0.125%')).toBe(1_250_000);
    expect(parsePercent('25')).toBeUndefined();
    expect(formatPercent(3_464_000)).toBe('0.3464%');
    expect(formatPercent(350_000_000)).toBe('35%');
  });

  it('rounds values to whole dollars as 19 CFR 159.3 says: under 50 cents dropped, 50 cents or more up', () => {
    expect(wholeDollars(100049)).toBe(1000);
    expect(wholeDollars(100050)).toBe(1001);
    expect(wholeDollars(49)).toBe(0);
    expect(wholeDollars(50)).toBe(1);
  });

  it('computes ad valorem duty to the cent, halves up', () => {
    expect(adValoremCents(1000, 250_000_000)).toBe(25000);
    expect(adValoremCents(33, 3_464_000)).toBe(11); // 33 x 0.3464% = 0.114312 -> 0.11
    expect(adValoremCents(1, 5_000_000)).toBe(1); // 0.005 -> 0.01
    expect(adValoremCents(1, 4_999_999)).toBe(0);
  });

  it('stays exact for ten billion dollars at 350%', () => {
    expect(adValoremCents(10_000_000_000, 3_500_000_000)).toBe(3_500_000_000_000);
    expect(mulDivRound(10_000_000_000 * 100, 3_464_000, 1_000_000_000)).toBe(3_464_000_000);
  });

  it('computes specific duty on quantity', () => {
    // 1,234.5 kg at 4.9 cents/kg = 60.4905 -> 60.49
    expect(specificCents(1_234_500_000, 49_000_000)).toBe(6049);
    // 2,000 units at 55.7 cents per 1000 = 1.114 -> 1.11
    expect(specificCents(2_000_000_000, 557_000_000, 1000)).toBe(111);
  });

  it('formats cents, with and without grouping, bigint included', () => {
    expect(formatCents(123456)).toBe('1234.56');
    expect(formatCents(5)).toBe('0.05');
    expect(formatCents(123456789012345678n)).toBe('1234567890123456.78');
    expect(formatCentsGrouped(123456789)).toBe('1,234,567.89');
  });

  it('allocates cents so shares add up exactly', () => {
    expect(allocateCents(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateCents(3358, [1000, 2000, 7000]).reduce((a, b) => a + b, 0)).toBe(3358);
    expect(allocateCents(10, [0, 0])).toEqual([10, 0]);
  });

  it('allocates as exact largest-remainder arithmetic does, in numbers and past them (ties to the earlier share)', () => {
    // The definition, in bigint throughout.
    const reference = (amount: number, weights: number[]): number[] => {
      const total = weights.reduce((a, b) => a + BigInt(b), 0n);
      const exact = weights.map((w) => BigInt(amount) * BigInt(w));
      const shares = exact.map((e) => e / total);
      const order = weights.map((_, i) => i).sort((a, b) => {
        const ra = exact[a]! - shares[a]! * total;
        const rb = exact[b]! - shares[b]! * total;
        return ra === rb ? a - b : ra > rb ? -1 : 1;
      });
      const left = BigInt(amount) - shares.reduce((a, b) => a + b, 0n);
      for (let k = 0; k < Number(left); k++) shares[order[k]!]! += 1n;
      return shares.map(Number);
    };
    const weight = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000_000_000 }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.array(weight, { minLength: 1, maxLength: 60 }), (amount, weights) => {
        fc.pre(weights.some((w) => w > 0));
        expect(allocateCents(amount, weights)).toEqual(reference(amount, weights));
      }),
      { numRuns: 2000 },
    );
  });
});
