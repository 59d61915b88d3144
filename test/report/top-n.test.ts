/**
 * TopN keeps the N rows of largest absolute value with the same choices as a plain scan would (the first of
 * the smallest is the one replaced; ties sorted by key), and `admits` says exactly whether `add` would keep a row.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopN } from '../../src/report/formats/top-n.js';

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

/** The straightforward version: scan for the smallest on every add. */
function reference(n: number, rows: Array<[string, bigint]>): string[] {
  const kept: Array<[string, bigint]> = [];
  for (const [key, value] of rows) {
    if (kept.length < n) {
      kept.push([key, value]);
      continue;
    }
    let smallest = 0;
    for (let i = 1; i < kept.length; i++) if (abs(kept[i]![1]) < abs(kept[smallest]![1])) smallest = i;
    if (abs(value) > abs(kept[smallest]![1])) kept[smallest] = [key, value];
  }
  return kept.sort((a, b) => (abs(b[1]) > abs(a[1]) ? 1 : abs(b[1]) < abs(a[1]) ? -1 : a[0].localeCompare(b[0]))).map(([k]) => k);
}

describe('TopN', () => {
  it('keeps what a scan on every add keeps, in the same order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 60 }), (n, values) => {
        const rows = values.map((v, i): [string, bigint] => [`k${String(i).padStart(3, '0')}`, BigInt(v)]);
        const top = new TopN<string>(n);
        for (const [key, value] of rows) {
          const before = top.sorted();
          const admitted = top.admits(value);
          top.add(key, value, key);
          expect(top.sorted().includes(key)).toBe(admitted);
          if (!admitted) expect(top.sorted()).toEqual(before);
        }
        expect(top.sorted()).toEqual(reference(n, rows));
      }),
    );
  });
});
