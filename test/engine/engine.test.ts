import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileSchedule, ScheduleCompileError } from '../../src/engine/compile.js';
import { Comparer, type CompareEvent } from '../../src/engine/compare.js';
import { describeCondition } from '../../src/engine/conditions.js';
import { Estimator, type EstimateEvent } from '../../src/engine/estimator.js';
import type { EntryResult } from '../../src/engine/types.js';
import type { LineItem } from '../../src/model/line-item.js';
import { fakeHts, FREE, pct } from '../helpers/fake-hts.js';
import { line } from '../helpers/line.js';
import { ruleSetFromYaml } from '../helpers/schedule.js';

const SCHEDULE = `
format: tariff-schedule/1
id: test
version: "1"
title: Test schedule
importing_country: US
origins: [CA]
as_of: 2025-12-31
coverage: { from: 2025-01-01, to: 2025-12-31 }
authorities:
  column1: { name: Column 1, law: HTSUS }
  extra: { name: Extra, law: Test law }
  metal: { name: Metal, law: Test law }
  fees: { name: Fees, law: Test law }
sources: { T: { title: test } }
measures:
  - id: ban
    title: Ban
    category: prohibition
    authority: extra
    instrument: Test ban
    citation: none given
    heading: "9903.00.99"
    scope: { include: ["9999"] }
    periods: [{ from: 2025-06-01 }]
    note: listed goods may not be entered
    sources: [T]
  - id: column1
    title: Column 1 duty
    category: column1
    authority: column1
    instrument: HTSUS
    citation: general notes
    heading: null
    scope: { include: all }
    periods: [{ from: 2025-01-01, rate: { column1: true } }]
    sources: [T]
  - id: usmca-exempt
    title: USMCA exemption
    category: exemption
    authority: extra
    instrument: Test order
    citation: none given
    heading: "9903.00.14"
    scope: { include: all }
    when: [{ usmca: free }]
    periods: [{ from: 2025-01-01, rate: "0%" }]
    excludes: [{ measure: extra, reason: "USMCA goods are exempt" }]
    sources: [T]
  - id: extra
    title: Extra duty
    category: additional_duty
    authority: extra
    instrument: Test order
    citation: none given
    heading: "9903.00.10"
    scope: { include: all }
    periods:
      - { from: 2025-01-01, to: 2025-06-30, rate: "25%" }
      - { from: 2025-07-01, rate: "35%" }
    excludes:
      - { measure: metal, to: 2025-03-31, reason: "before April the extra duty takes precedence over metal" }
    sources: [T]
  - id: metal
    title: Metal duty on content
    category: additional_duty
    authority: metal
    instrument: Test proclamation
    citation: none given
    heading: "9903.00.50"
    scope: { include: ["7308"] }
    base: { content: steel_value, if_missing: full_value }
    periods: [{ from: 2025-01-01, rate: "50%" }]
    excludes:
      - { measure: extra, portion: remainder, from: 2025-04-01, reason: "from April metal takes precedence on the metal content" }
    sources: [T]
  - id: floor
    title: Floor duty
    category: additional_duty
    authority: metal
    instrument: Test proclamation
    citation: none given
    heading: "9903.00.60"
    scope: { include: ["8414"] }
    periods: [{ from: 2025-01-01, rate: { floor_including_column1: "15%" } }]
    excludes: [{ measure: extra, reason: "floor goods pay no extra duty" }]
    sources: [T]
  - id: hmf
    title: HMF
    category: fee
    authority: fees
    instrument: Test
    citation: none given
    heading: null
    scope: { include: all }
    when: [{ transport: [ocean] }]
    periods: [{ from: 2025-01-01, rate: "0.125%" }]
    sources: [T]
  - id: mpf
    title: MPF
    category: fee
    authority: fees
    level: entry
    instrument: Test
    citation: none given
    heading: null
    scope: { include: all }
    when: [{ any: [{ usmca: not_claimed }, { not: { usmca: eligible } }] }]
    periods:
      - { from: 2025-01-01, to: 2025-09-30, rate: "0.3464%", minimum: "32.71", maximum: "634.62" }
      - { from: 2025-10-01, rate: "0.3464%", minimum: "33.58", maximum: "651.50" }
    sources: [T]
`;

const hts = fakeHts({
  '73089095': { general: FREE, generalText: 'Free', usmca: FREE },
  '84148080': { general: pct(27_000_000), generalText: '2.7%', usmca: FREE },
  '84813000': { general: pct(200_000_000), generalText: '20%', usmca: FREE },
  '99999999': { general: FREE, generalText: 'Free' },
  '61102020': { general: pct(165_000_000), generalText: '16.5%' },
});

function run(items: LineItem[], yaml = SCHEDULE): { entries: EntryResult[]; rejected: EstimateEvent[] } {
  const compiled = compileSchedule(ruleSetFromYaml(yaml), hts);
  const est = new Estimator(compiled, 'test.csv');
  const events: EstimateEvent[] = [];
  for (const i of items) est.push(i, events);
  est.flush(events);
  return {
    entries: events.flatMap((e) => (e.kind === 'entry' ? [e.entry] : [])),
    rejected: events.filter((e) => e.kind === 'rejected'),
  };
}

const amounts = (e: EntryResult, i = 0): Record<string, number> =>
  Object.fromEntries([...e.lines[i]!.components, ...e.lines[i]!.feeShares].map((c) => [c.measure, c.amountCents]));

describe('engine: stacking', () => {
  it('charges column 1 on whole dollars and the extra duty on the full value', () => {
    const { entries } = run([line({ hts: '8481300000', valueCents: 100_049, entryDate: '2025-02-01' })]);
    // value 1000.49 -> $1,000: column 1 20% = 200.00, extra 25% = 250.00, MPF 0.3464% = 3.46 -> minimum 32.71
    expect(amounts(entries[0]!)).toEqual({ column1: 20_000, extra: 25_000, mpf: 3271 });
    expect(entries[0]!.lines[0]!.totalCents).toBe(20_000 + 25_000 + 3271);
  });

  it('switches rate on the period boundary', () => {
    const { entries } = run([line({ hts: '8481300000', valueCents: 100_000, entryDate: '2025-07-01' })]);
    expect(amounts(entries[0]!).extra).toBe(35_000);
  });

  it('before the precedence change, the extra duty excludes the metal duty entirely', () => {
    const { entries } = run([line({ hts: '7308909500', valueCents: 100_000, entryDate: '2025-03-31', contentCents: { steel_value: 40_000 } })]);
    const l = entries[0]!.lines[0]!;
    expect(amounts(entries[0]!)).toEqual({ column1: 0, extra: 25_000, mpf: 3271 });
    expect(l.notApplied).toEqual([expect.objectContaining({ measure: 'metal', by: 'extra', reason: 'before April the extra duty takes precedence over metal' })]);
  });

  it('after the change, metal is charged on its content and the extra duty on the remainder', () => {
    const { entries } = run([line({ hts: '7308909500', valueCents: 100_000, entryDate: '2025-04-01', contentCents: { steel_value: 40_000 } })]);
    const l = entries[0]!.lines[0]!;
    // metal 50% of 400 = 200.00; extra 25% of (1000 - 400) = 150.00
    expect(amounts(entries[0]!)).toEqual({ column1: 0, metal: 20_000, extra: 15_000, mpf: 3271 });
    expect(l.components.find((c) => c.measure === 'extra')!.basis).toBe('full value less the part charged under Metal duty on content');
  });

  it('without a content value the metal duty takes the full value, warns, and leaves nothing for the extra duty', () => {
    const { entries } = run([line({ hts: '7308909500', valueCents: 100_000, entryDate: '2025-04-01' })]);
    const l = entries[0]!.lines[0]!;
    expect(amounts(entries[0]!)).toEqual({ column1: 0, metal: 50_000, mpf: 3271 });
    expect(l.warnings.map((w) => w.code)).toContain('content-missing');
    expect(l.notApplied.map((n) => n.measure)).toEqual(['extra']);
  });

  it('a USMCA-free line takes the exemption heading at zero and no extra duty, and pays no MPF', () => {
    const { entries } = run([line({ hts: '8481300000', valueCents: 100_000, entryDate: '2025-02-01', usmcaClaimed: true })]);
    expect(amounts(entries[0]!)).toEqual({ column1: 0, 'usmca-exempt': 0 });
    expect(entries[0]!.fees).toEqual([]);
  });

  it('USMCA claimed where the HTS has no S: general rate, a warning, and the extra duty', () => {
    const { entries } = run([line({ hts: '6110202000', valueCents: 100_000, entryDate: '2025-02-01', usmcaClaimed: true })]);
    expect(entries[0]!.lines[0]!.warnings.map((w) => w.code)).toContain('usmca-not-available');
    expect(amounts(entries[0]!)).toEqual({ column1: 16_500, extra: 25_000, mpf: 3271 });
  });

  it('USMCA claimed on a line whose General rate is Free: no warning, the exemption applies, no MPF', () => {
    const { entries } = run([line({ hts: '9999999900', valueCents: 100_000, entryDate: '2025-02-01', usmcaClaimed: true })]);
    expect(entries[0]!.lines[0]!.warnings).toEqual([]);
    expect(amounts(entries[0]!)).toEqual({ column1: 0, 'usmca-exempt': 0 });
  });

  it('the all-in floor charges 15% less the column 1 duty', () => {
    const { entries } = run([line({ hts: '8414808000', valueCents: 100_000, entryDate: '2025-02-01' })]);
    // column 1 2.7% = 27.00; floor 15% = 150.00 - 27.00 = 123.00
    expect(amounts(entries[0]!)).toEqual({ column1: 2700, floor: 12_300, mpf: 3271 });
  });

  it('a prohibited line is not importable and carries no duty', () => {
    const { entries } = run([line({ hts: '9999999900', valueCents: 100_000, entryDate: '2025-06-01' })]);
    const l = entries[0]!.lines[0]!;
    expect(l.status).toBe('prohibited');
    expect(l.totalCents).toBe(0);
    expect(l.prohibition?.reason).toBe('listed goods may not be entered');
  });

  it('rejects dates outside the schedule and unknown HTS codes', () => {
    const { rejected } = run([
      line({ hts: '8481300000', valueCents: 100, entryDate: '2024-12-31' }),
      line({ hts: '1234567890', valueCents: 100, entryDate: '2025-02-01' }),
    ]);
    expect(rejected.map((r) => (r.kind === 'rejected' ? r.rejection.column : ''))).toEqual(['entry_date', 'hts']);
  });

  it('refuses a schedule whose exclusions form a cycle on some day', () => {
    const cyclic = SCHEDULE.replace('excludes:\n      - { measure: metal, to: 2025-03-31,', 'excludes:\n      - { measure: metal,');
    expect(() => run([line({ hts: '7308909500', valueCents: 100, entryDate: '2025-05-01' })], cyclic)).toThrow(ScheduleCompileError);
  });
});

describe('engine: entry fees', () => {
  it('MPF is 0.3464% of the entry value between the minimum and maximum, shared to lines to the cent', () => {
    const items = [
      line({ line: '1', hts: '8481300000', valueCents: 1_000_000, entryDate: '2025-02-01' }),
      line({ line: '2', hts: '8481300000', valueCents: 2_000_000, entryDate: '2025-02-01' }),
    ];
    const { entries } = run(items);
    const e = entries[0]!;
    // 30,000 x 0.3464% = 103.92, within 32.71..634.62
    expect(e.fees[0]!.amountCents).toBe(10_392);
    expect(e.lines.map((l) => l.feeShares[0]!.amountCents)).toEqual([3464, 6928]);
    expect(e.totalCents).toBe(BigInt(e.lines.reduce((s, l) => s + l.totalCents, 0)));
  });

  it('MPF is capped at the FY2026 maximum after 2025-10-01', () => {
    const { entries } = run([line({ hts: '8481300000', valueCents: 50_000_000, entryDate: '2025-10-01' })]);
    expect(entries[0]!.fees[0]!).toMatchObject({ amountCents: 65_150, uncappedCents: 173_200 });
  });

  it('an entry split across the file pays the fee once on the combined value', () => {
    const a = line({ entry: 'A', hts: '8481300000', valueCents: 1_000_000, entryDate: '2025-02-01' });
    const b = line({ entry: 'B', hts: '8481300000', valueCents: 1_000_000, entryDate: '2025-02-01' });
    const a2 = line({ entry: 'A', hts: '8481300000', valueCents: 1_000_000, entryDate: '2025-02-01' });
    const { entries } = run([a, b, a2]);
    const feesOfA = entries.filter((e) => e.entry === 'A').map((e) => e.fees[0]!.amountCents);
    // 10,000 -> 34.64; 20,000 -> 69.28: the second group pays 34.64 more
    expect(feesOfA).toEqual([3464, 3464]);
  });

  it('an entry reappearing after 2,000 others still knows the fee it paid (the per-entry state outgrows its first arrays)', () => {
    const items = Array.from({ length: 2000 }, (_, i) => line({ entry: `E${i}`, hts: '8481300000', valueCents: 10_000_000, entryDate: '2025-02-01' }));
    items.push(line({ entry: 'E5', hts: '8481300000', valueCents: 10_000_000, entryDate: '2025-02-01' }));
    items.push(line({ entry: 'E1500', hts: '8481300000', valueCents: 100_000_000, entryDate: '2025-02-01' }));
    const { entries } = run(items);
    // 100,000 -> 346.40; again 100,000 -> 692.80 in all, capped at 634.62: the second group pays 288.22
    expect(entries[2000]!.fees[0]!.amountCents).toBe(28_822);
    // 100,000 -> 346.40; then 1,000,000 more -> capped at 634.62: 288.22
    expect(entries[2001]!.fees[0]!.amountCents).toBe(28_822);
    expect(entries[2001]!.fees[0]!.basis).toContain('less the fee charged with earlier rows');
  });

  it('in a comparison the scenarios share one entry index, and each still charges a reappearing entry its own remainder', () => {
    const compiled = compileSchedule(ruleSetFromYaml(SCHEDULE), hts);
    const comparer = new Comparer([compiled, compiled], 'test.csv');
    const events: CompareEvent[] = [];
    for (const entry of ['A', 'B', 'A']) comparer.push(line({ entry, hts: '8481300000', valueCents: 1_000_000, entryDate: '2025-02-01' }), events);
    comparer.flush(events);
    const feesOfA = events.flatMap((e) => (e.kind === 'entry' && e.entry.entry === 'A' ? [e.entry.results.map((r) => r.fees[0]!.amountCents)] : []));
    // 10,000 -> 34.64 each time, in both scenarios
    expect(feesOfA).toEqual([[3464, 3464], [3464, 3464]]);
  });

  it('in a comparison a line that one scenario cannot compute is rejected in all, saying which scenario and why', () => {
    const current = compileSchedule(ruleSetFromYaml(SCHEDULE), hts);
    // A scenario that evaluates every line on a date inside the coverage takes lines the current schedule cannot.
    const asOf = compileSchedule({ ...ruleSetFromYaml(SCHEDULE), scenario: 'as-of-june', evaluateAsOf: '2025-06-01' }, hts);
    const comparer = new Comparer([current, asOf], 'test.csv');
    const events: CompareEvent[] = [];
    comparer.push(line({ entry: 'A', line: '1', hts: '8481300000', valueCents: 1_000_000, entryDate: '2025-02-01' }), events);
    comparer.push(line({ entry: 'A', line: '2', hts: '8481300000', valueCents: 1_000_000, entryDate: '2024-12-31' }), events);
    comparer.push(line({ entry: 'B', line: '1', hts: '8481300000', valueCents: 1_000_000, entryDate: '2025-02-01' }), events);
    comparer.flush(events);
    // The row is rejected while entry A is open: it comes with A, after A's one line (its place in the file).
    const held = (e: CompareEvent): string[] => (e.kind === 'entry' ? (e.entry.results[0]!.rejectedAmong ?? []).map((h) => `after ${h.after}: ${h.rejection.reason}`) : []);
    expect(events.flatMap((e) => [e.kind === 'entry' ? `${e.entry.entry}: ${e.entry.results.map((r) => r.lines.length).join('/')}` : e.rejection.reason, ...held(e)])).toEqual([
      'A: 1/1',
      'after 1: entry date 2024-12-31 is outside the dates this schedule answers for (2025-01-01 to 2025-12-31) under scenario current (a line is compared only when every scenario computes it)',
      'B: 1/1',
    ]);
  });

  it('HMF applies to ocean lines only', () => {
    const { entries } = run([
      line({ line: '1', hts: '8481300000', valueCents: 1_000_000, entryDate: '2025-02-01', transport: 'ocean' }),
      line({ line: '2', hts: '8481300000', valueCents: 1_000_000, entryDate: '2025-02-01', transport: 'truck' }),
    ]);
    expect(amounts(entries[0]!, 0).hmf).toBe(1250);
    expect(amounts(entries[0]!, 1).hmf).toBeUndefined();
  });
});

describe('describeCondition', () => {
  it('says a negated condition as a sentence of its own', () => {
    expect(describeCondition({ any: [{ usmca: 'not_claimed' }, { not: { usmca: 'eligible' } }] })).toBe('USMCA preference is not claimed or the HTS line does not take USMCA');
    expect(describeCondition({ not: { usmca: 'free' } })).toBe('the goods do not enter free of duty under USMCA (not claimed, or the USMCA rate of the HTS line is not Free)');
    expect(describeCondition({ not: { any: [{ transport: ['ocean'] }, { usmca: 'claimed' }] } })).toBe('transport is not ocean and USMCA preference is not claimed');
  });
});

describe('engine: an entry whose lines are not together', () => {
  /** Per line (by entry and line): the fee shares, totals, brokerage share and landed cost. */
  const perLine = (entries: EntryResult[]): Record<string, unknown> =>
    Object.fromEntries(entries.flatMap((e) => e.lines.map((l) => [`${l.item.entry}/${l.item.line}`, [l.feeShares.map((c) => c.amountCents), l.feeCents, l.totalCents, l.brokerageCents, l.landedCostCents]])));
  /** Per entry: its groups' fees, brokerage and totals summed. */
  const perEntry = (entries: EntryResult[]): Record<string, bigint[]> => {
    const sums: Record<string, bigint[]> = {};
    for (const e of entries) {
      const s = (sums[e.entry] ??= [0n, 0n, 0n, 0n]);
      s[0]! += BigInt(e.fees.reduce((a, f) => a + f.amountCents, 0));
      s[1]! += e.brokerageCents;
      s[2]! += e.totalCents;
      s[3]! += e.landedCostCents;
    }
    return sums;
  };

  it('in any interleaving, gathered first, every line has the share it has with its entry together, and each entry the same fees', () => {
    const compiled = compileSchedule(ruleSetFromYaml(SCHEDULE), hts);
    const lineArb = fc.record({ valueCents: fc.integer({ min: 1, max: 30_000_000 }), usmca: fc.boolean(), ocean: fc.boolean(), brokerage: fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: undefined }) });
    const fileArb = fc.array(fc.array(lineArb, { minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 5 }).chain((entries) => {
      const tickets = entries.flatMap((lines, e) => lines.map(() => e));
      return fc.tuple(fc.constant(entries), fc.shuffledSubarray(tickets, { minLength: tickets.length, maxLength: tickets.length }));
    });
    fc.assert(
      fc.property(fileArb, ([entries, order]) => {
        const items = entries.map((lines, e) =>
          lines.map((l, i) =>
            line({ entry: `E${e}`, line: String(i + 1), hts: '8481300000', valueCents: l.valueCents, entryDate: '2025-09-10', usmcaClaimed: l.usmca, ...(l.ocean ? { transport: 'ocean' } : {}), ...(l.brokerage !== undefined ? { costing: { valueBasis: 'CIF', invoiceValueCents: l.valueCents, freightCents: 0, insuranceCents: 0, otherCostsCents: 0, entryBrokerageCents: l.brokerage } } : {}) }),
          ),
        );
        // The shuffled entry numbers take each entry's lines in their order.
        const next = entries.map(() => 0);
        const interleaved = order.map((e) => items[e]![next[e]!++]!);
        const scattered = new Set(interleaved.filter((it, i) => interleaved.findIndex((o) => o.entry === it.entry) < i && interleaved[i - 1]!.entry !== it.entry).map((it) => it.entry));
        const together = run(items.flat());
        const est = new Estimator(compiled, 'test.csv');
        est.gatherEntries(scattered);
        for (const it of interleaved) if (scattered.has(it.entry)) est.push(it);
        est.settleGathered();
        const events: EstimateEvent[] = [];
        for (const it of interleaved) est.push(it, events);
        est.flush(events);
        const apart = events.flatMap((e) => (e.kind === 'entry' ? [e.entry] : []));
        expect(perLine(apart)).toEqual(perLine(together.entries));
        expect(perEntry(apart)).toEqual(perEntry(together.entries));
        expect(apart.filter((e) => !e.continued).length).toBe(entries.length);
      }),
      { numRuns: 100 },
    );
  });
});
