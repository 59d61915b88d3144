/**
 * Invariants of the engine over random lines (fast-check): every total is the sum of its printed parts,
 * nothing is negative, ad valorem components are exact against a bigint re-computation, results are
 * deterministic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSchedule } from '../../src/engine/compile.js';
import { Estimator, type EstimateEvent } from '../../src/engine/estimator.js';
import { RunTotals } from '../../src/engine/totals.js';
import type { EntryResult } from '../../src/engine/types.js';
import type { LineItem } from '../../src/model/line-item.js';
import { fakeHts, FREE, pct } from '../helpers/fake-hts.js';
import { line } from '../helpers/line.js';
import { ruleSetFromYaml } from '../helpers/schedule.js';

const YAML = `
format: tariff-schedule/1
id: prop
version: "1"
title: Property schedule
importing_country: US
origins: [CA]
as_of: 2026-12-31
coverage: { from: 2025-01-01, to: 2026-12-31 }
authorities: { a: { name: A, law: L }, f: { name: F, law: L } }
sources: { T: { title: t } }
measures:
  - { id: column1, title: C1, category: column1, authority: a, instrument: I, citation: C, heading: null, scope: { include: all }, periods: [{ from: 2025-01-01, rate: { column1: true } }], sources: [T] }
  - id: metal
    title: Metal
    category: additional_duty
    authority: a
    instrument: I
    citation: C
    heading: "9903.00.50"
    scope: { include: ["73"] }
    base: { content: steel_value, if_missing: full_value }
    periods: [{ from: 2025-01-01, rate: "50%" }]
    excludes: [{ measure: extra, portion: remainder, reason: r }]
    sources: [T]
  - { id: extra, title: Extra, category: additional_duty, authority: a, instrument: I, citation: C, heading: "9903.00.10", scope: { include: all }, when: [{ usmca: not_claimed }], periods: [{ from: 2025-01-01, to: 2025-12-31, rate: "35%" }, { from: 2026-01-01, rate: "10%" }], sources: [T] }
  - { id: floor, title: Floor, category: additional_duty, authority: a, instrument: I, citation: C, heading: "9903.00.60", scope: { include: ["84"] }, periods: [{ from: 2025-01-01, rate: { floor_including_column1: "15%" } }], sources: [T] }
  - { id: hmf, title: HMF, category: fee, authority: f, instrument: I, citation: C, heading: null, scope: { include: all }, when: [{ transport: [ocean] }], periods: [{ from: 2025-01-01, rate: "0.125%" }], sources: [T] }
  - { id: mpf, title: MPF, category: fee, authority: f, level: entry, instrument: I, citation: C, heading: null, scope: { include: all }, when: [{ usmca: not_claimed }], periods: [{ from: 2025-01-01, rate: "0.3464%", minimum: "33.58", maximum: "651.50" }], sources: [T] }
`;

const hts = fakeHts({
  '73089095': { general: FREE, generalText: 'Free', usmca: FREE },
  '84148080': { general: pct(27_000_000), generalText: '2.7%', usmca: FREE },
  '84813000': { general: pct(200_000_000), generalText: '20%', usmca: FREE },
  '61102020': { general: pct(165_000_000), generalText: '16.5%' },
});
const codes = ['7308909530', '8414808000', '8481300000', '6110202010'];

const lineArb = fc
  .record({
    code: fc.constantFrom(...codes),
    valueCents: fc.integer({ min: 0, max: 1_000_000_000_000 }),
    steelShare: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    usmca: fc.boolean(),
    ocean: fc.boolean(),
    date: fc.constantFrom('2025-03-01', '2025-12-31', '2026-01-01', '2026-06-30'),
    entry: fc.constantFrom('A', 'B', 'C'),
  })
  .map((r): LineItem =>
    line({
      hts: r.code,
      valueCents: r.valueCents,
      entryDate: r.date,
      entry: r.entry,
      usmcaClaimed: r.usmca,
      transport: r.ocean ? 'ocean' : 'truck',
      contentCents: r.steelShare === undefined ? {} : { steel_value: Math.floor((r.valueCents * r.steelShare) / 100) },
    }),
  );

function run(items: LineItem[]): EntryResult[] {
  const est = new Estimator(compileSchedule(ruleSetFromYaml(YAML), hts), 'p.csv');
  const events: EstimateEvent[] = [];
  for (const i of items) est.push(i, events);
  est.flush(events);
  return events.flatMap((e) => (e.kind === 'entry' ? [e.entry] : []));
}

describe('engine invariants', () => {
  it('every line total is the sum of its components; entry and run totals are sums of lines; nothing is negative', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 30 }), (items) => {
        const entries = run(items);
        const totals = new RunTotals();
        let sumOfLines = 0n;
        for (const e of entries) {
          totals.addEntry(e);
          let entrySum = 0n;
          for (const l of e.lines) {
            const parts = [...l.components, ...l.feeShares];
            for (const c of parts) expect(c.amountCents).toBeGreaterThanOrEqual(0);
            expect(parts.reduce((s, c) => s + c.amountCents, 0)).toBe(l.totalCents);
            expect(l.dutyCents + l.feeCents).toBe(l.totalCents);
            entrySum += BigInt(l.totalCents);
          }
          expect(e.totalCents).toBe(entrySum);
          const feeShares = e.lines.flatMap((l) => l.feeShares).reduce((s, c) => s + c.amountCents, 0);
          expect(feeShares).toBe(e.fees.reduce((s, f) => s + f.amountCents, 0));
          sumOfLines += entrySum;
        }
        expect(totals.totalCents).toBe(sumOfLines);
        expect(totals.linesComputed).toBe(items.length);
      }),
      { numRuns: 300 },
    );
  });

  it('ad valorem components equal a bigint re-computation on whole dollars, up to $10,000,000,000 a line', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), (valueCents) => {
        const [e] = run([line({ hts: '6110202010', valueCents, entryDate: '2025-03-01' })]);
        const l = e!.lines[0]!;
        const dollars = (BigInt(valueCents) + 50n) / 100n;
        const expectCents = (rateNanos: bigint): number => Number((dollars * 100n * rateNanos * 2n + 1_000_000_000n) / 2_000_000_000n);
        const byId = Object.fromEntries(l.components.map((c) => [c.measure, c.amountCents]));
        expect(byId.column1).toBe(expectCents(165_000_000n));
        expect(byId.extra).toBe(expectCents(350_000_000n));
      }),
      { numRuns: 500 },
    );
  });

  it('a file computed in two parts, the second starting from the entry fee state of the first (snapshot, restore), gives the same lines and totals as one pass', () => {
    const compiled = compileSchedule(ruleSetFromYaml(YAML), hts);
    const results = (est: Estimator, items: LineItem[]): EntryResult[] => {
      const events: EstimateEvent[] = [];
      for (const i of items) est.push(i, events);
      est.flush(events);
      return events.flatMap((e) => (e.kind === 'entry' ? [e.entry] : []));
    };
    const totalsOf = (entries: EntryResult[]): RunTotals => {
      const t = new RunTotals();
      for (const e of entries) t.addEntry(e);
      return t;
    };
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 2, maxLength: 30 }), fc.nat(), (items, at) => {
        const k = 1 + (at % (items.length - 1));
        const whole = new Estimator(compiled, 'p.csv');
        const oneRun = [...results(whole, items.slice(0, k)), ...results(whole, items.slice(k))];
        const first = new Estimator(compiled, 'p.csv');
        const firstPart = results(first, items.slice(0, k));
        const second = new Estimator(compiled, 'p.csv');
        for (const entry of new Set(items.slice(0, k).map((i) => i.entry))) second.entryLedger.restore(entry, first.entryLedger.snapshot(entry)!);
        const parts = [...firstPart, ...results(second, items.slice(k))];
        expect(parts).toEqual(oneRun);
        const merged = totalsOf(firstPart);
        merged.merge(structuredClone(totalsOf(parts.slice(firstPart.length)).data()));
        expect(merged.data()).toEqual(totalsOf(oneRun).data());
      }),
      { numRuns: 300 },
    );
  });

  it('the same input gives the same result', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 10 }), (items) => {
        expect(JSON.stringify(run(items), (_, v) => (typeof v === 'bigint' ? v.toString() : v))).toBe(
          JSON.stringify(run(items), (_, v) => (typeof v === 'bigint' ? v.toString() : v)),
        );
      }),
      { numRuns: 50 },
    );
  });

  it('the MPF of an entry stays between its minimum and maximum', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 20 }), (items) => {
        const sorted = [...items].sort((a, b) => a.entry.localeCompare(b.entry));
        for (const e of run(sorted)) {
          for (const f of e.fees) {
            expect(f.amountCents).toBeGreaterThanOrEqual(3358);
            expect(f.amountCents).toBeLessThanOrEqual(65_150);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
