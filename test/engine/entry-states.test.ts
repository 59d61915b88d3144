/**
 * The per-entry memory (entry-states, chunked-numbers) keeps what a map and plain arrays would: ordinals in
 * the order ids are first seen, every id back as given (long ids, empty ids and ids beyond Latin-1 too),
 * numbers at any ordinal, and an entry's fee state across a snapshot and restore.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkedNumbers, ChunkedWholeNumbers } from '../../src/engine/chunked-numbers.js';
import { EntryIndex, EntryStates } from '../../src/engine/entry-states.js';

/** Ids of every kind the index keeps apart: short, up to 255 bytes, longer, empty, beyond Latin-1. */
const entryId = fc.oneof(
  { arbitrary: fc.stringMatching(/^[A-Z0-9-]{1,14}$/), weight: 8 },
  { arbitrary: fc.string({ minLength: 200, maxLength: 300, unit: fc.constantFrom('a', 'b', '\u00e9') }), weight: 1 },
  { arbitrary: fc.constantFrom('', 'ÉNTRÉE-1', '入口-7', '\u{1F4E6}-2'), weight: 1 },
);

describe('EntryIndex', () => {
  it('gives the ordinals a map would, finds every id and lists them in the order first seen', () => {
    fc.assert(
      fc.property(fc.array(entryId, { maxLength: 400 }), (ids) => {
        const index = new EntryIndex();
        const expected = new Map<string, number>();
        for (const id of ids) {
          if (!expected.has(id)) expected.set(id, expected.size);
          expect(index.ordinalOf(id)).toBe(expected.get(id));
        }
        expect(index.size).toBe(expected.size);
        expect([...index.ids()]).toEqual([...expected.keys()]);
        for (const [id, n] of expected) expect(index.find(id)).toBe(n);
        expect(index.has('never-given\u0000')).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps 100,000 ids across many arena chunks and table growths', () => {
    const index = new EntryIndex();
    const id = (n: number): string => `ENTRY-${n}-${'x'.repeat(n % 40)}`;
    for (let n = 0; n < 100_000; n++) expect(index.ordinalOf(id(n))).toBe(n);
    for (let n = 0; n < 100_000; n += 997) expect(index.find(id(n))).toBe(n);
    expect(index.find('ENTRY-100000-')).toBe(-1);
    let n = 0;
    for (const got of index.ids()) {
      if (got !== id(n)) throw new Error(`id ${n} came back as ${got}`);
      n += 1;
    }
    expect(n).toBe(100_000);
  });
});

describe('ChunkedNumbers', () => {
  it('reads back what was set at any index, and 0 where nothing was', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(40_000), fc.integer({ min: -1e9, max: 1e9 }))), fc.array(fc.nat(50_000), { maxLength: 20 }), (writes, reads) => {
        const numbers = new ChunkedNumbers((n) => new Float64Array(n));
        const expected = new Map<number, number>();
        for (const [i, v] of writes) {
          numbers.set(i, v);
          expected.set(i, v);
        }
        for (const [i, v] of expected) expect(numbers.get(i)).toBe(v);
        for (const i of reads) expect(numbers.get(i)).toBe(expected.get(i) ?? 0);
      }),
    );
  });
});

describe('ChunkedWholeNumbers', () => {
  it('reads back every number exactly: whole ones in four bytes, 2^32 - 1 and beyond, fractions and negatives apart', () => {
    const value = fc.oneof(fc.nat(), fc.constantFrom(0xffffffff, 0x100000000, Number.MAX_SAFE_INTEGER, -1, 0.5), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(20_000), value)), (writes) => {
        const numbers = new ChunkedWholeNumbers();
        const expected = new Map<number, number>();
        for (const [i, v] of writes) {
          numbers.set(i, v);
          expected.set(i, v);
        }
        for (const [i, v] of expected) expect(numbers.get(i)).toBe(v);
      }),
    );
  });
});

describe('EntryStates', () => {
  it('remembers each entry date, brokerage and fee, and a restored state reads as the original', () => {
    const index = new EntryIndex();
    const states = new EntryStates(index);
    const other = new EntryStates(index);
    for (let n = 0; n < 20_000; n++) {
      const e = states.open(`E${n}`, n % 2 === 0 ? '2025-03-04' : '2026-01-01');
      expect(e).toBe(n);
      if (n % 3 === 0) states.markBrokerageCharged(e);
      if (n % 5 !== 0) states.setFee(e, 'mpf', n % 7 === 0 ? 2 ** 40 + n : n * 1000, 3217 + n);
    }
    expect(states.size).toBe(20_000);
    expect(other.size).toBe(0);
    expect(other.snapshot('E7')).toBeUndefined();
    expect(states.snapshot('E-none')).toBeUndefined();
    const fresh = new EntryStates();
    for (const n of [0, 1, 3, 5, 14, 8191, 8192, 19_999]) {
      const snap = states.snapshot(`E${n}`)!;
      expect(snap).toEqual({ date: n % 2 === 0 ? '2025-03-04' : '2026-01-01', brokerageCharged: n % 3 === 0, fees: n % 5 === 0 ? [] : [['mpf', n % 7 === 0 ? 2 ** 40 + n : n * 1000, 3217 + n]] });
      fresh.restore(`E${n}`, snap);
      expect(fresh.snapshot(`E${n}`)).toEqual(snap);
    }
    expect(states.open('E8192', '2027-01-01')).toBe(8192);
    expect(states.dateOf(8192)).toBe('2025-03-04');
  });
});
