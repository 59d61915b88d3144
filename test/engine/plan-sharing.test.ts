/**
 * Lines share plans (line-plan) when their plan keys are equal: sharing must never change a result. On the
 * shipped schedule, a line computed with the plan the cache hands it must equal the line computed with a
 * plan made for it alone:
 * - for every pair of lines that differ in one fact a plan may read (so a fact the key left out shows), on
 *   every code that reaches a family of measures and every day a rule changes;
 * - over random batches of lines of a few kinds, with values drawn so that bases are carved to nothing,
 *   minimum bases bind and quantities are named.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSchedule } from '../../src/engine/compile.js';
import { computeLine, computeWithPlan } from '../../src/engine/compute-line.js';
import { planLine } from '../../src/engine/line-plan.js';
import type { LineResult } from '../../src/engine/types.js';
import type { LineItem } from '../../src/model/line-item.js';
import { BENCH_CODES } from '../../src/scripts/bench-data.js';
import { line } from '../helpers/line.js';
import { shippedRules } from '../helpers/run-csv.js';

const { rules, hts } = shippedRules();
const compiled = compileSchedule(rules, hts);

/** Codes that reach every family of measures (the benchmark's), and one with a compound column 1 rate. */
const CODES = [...BENCH_CODES, '0402295000'];

/** Every day a rate, scope or precedence rule changes (plans are the same on every day until the next). */
const DATES = (() => {
  const { from, to } = compiled.coverage;
  return compiled.segmentStarts().filter((d) => d >= from && d <= to);
})();

interface Facts {
  hts: string;
  entryDate: string;
  origin: string;
  usmcaClaimed: boolean;
  transport: string | undefined;
  usMetal: boolean | undefined;
  civilAircraft: boolean | undefined;
  transshipped: boolean | undefined;
  smeltCastUnknown: boolean | undefined;
  metalWeightPct: number | undefined;
  /** Content values in hundredths of a percent of the value. */
  steel: number | undefined;
  aluminum: number | undefined;
  copper: number | undefined;
  usContent: number | undefined;
  adcvdRateNanos: number | undefined;
  quantity: boolean;
  unit: string | undefined;
  inputNote: boolean;
}

/** The values each fact takes here. */
const CHOICES: { [K in Exclude<keyof Facts, 'hts' | 'entryDate'>]: ReadonlyArray<Facts[K]> } = {
  origin: ['CA', 'MX'],
  usmcaClaimed: [false, true],
  transport: [undefined, 'ocean', 'truck'],
  usMetal: [undefined, true, false],
  civilAircraft: [undefined, true, false],
  transshipped: [undefined, true, false],
  smeltCastUnknown: [undefined, true, false],
  metalWeightPct: [undefined, 0, 14.99, 15, 84.99, 85, 95, 100],
  steel: [undefined, 0, 5_000, 10_000],
  aluminum: [undefined, 0, 5_000, 10_000],
  copper: [undefined, 0, 5_000, 10_000],
  usContent: [undefined, 0, 2_000, 9_000],
  adcvdRateNanos: [undefined, 0, 351_900_000],
  quantity: [false, true],
  unit: [undefined, 'kg', 'liters'],
  inputNote: [false, true],
};
const FACTS = Object.keys(CHOICES) as Array<keyof typeof CHOICES>;

function item(f: Facts, valueCents: number, quantityMicros: number): LineItem {
  const part = (s: number | undefined): number | undefined => (s === undefined ? undefined : Math.floor((valueCents * s) / 10_000));
  const contentCents: LineItem['contentCents'] = {};
  const parts = [['steel_value', part(f.steel)], ['aluminum_value', part(f.aluminum)], ['copper_value', part(f.copper)], ['us_content_value', part(f.usContent)]] as const;
  for (const [column, cents] of parts) if (cents !== undefined) contentCents[column] = cents;
  return line({
    hts: f.hts,
    valueCents,
    entryDate: f.entryDate,
    origin: f.origin,
    usmcaClaimed: f.usmcaClaimed,
    contentCents,
    ...(f.transport !== undefined ? { transport: f.transport } : {}),
    flags: {
      ...(f.usMetal !== undefined ? { us_metal: f.usMetal } : {}),
      ...(f.civilAircraft !== undefined ? { civil_aircraft: f.civilAircraft } : {}),
      ...(f.transshipped !== undefined ? { transshipment: f.transshipped } : {}),
      ...(f.smeltCastUnknown !== undefined ? { smelt_cast_unknown: f.smeltCastUnknown } : {}),
    },
    ...(f.metalWeightPct !== undefined ? { metalWeightPct: f.metalWeightPct } : {}),
    ...(f.adcvdRateNanos !== undefined ? { adcvdRateNanos: f.adcvdRateNanos } : {}),
    ...(f.quantity ? { quantityMicros: quantityMicros } : {}),
    ...(f.unit !== undefined ? { unit: f.unit } : {}),
    ...(f.inputNote ? { inputNotes: [`HTS read as ${f.hts}`] } : {}),
  });
}

/** The line through the plan cache, and through a plan of its own (each without the plan itself). */
function sharedAndAlone(it: LineItem): [unknown, unknown] {
  const seg = compiled.segmentFor(it.entryDate)!;
  const record = hts.lookup(it.hts)!;
  const result = (r: LineResult): Omit<LineResult, 'plan'> => {
    const { plan: _plan, ...rest } = r;
    return rest;
  };
  return [result(computeLine(it, record, compiled, seg)), result(computeWithPlan(planLine(it, record, compiled, seg, false), it, record, compiled, seg, false))];
}

/** Profiles to vary one fact from: nothing given, a quantity without a USMCA claim (column 1 on quantity), everything given. */
const PROFILES: Array<Omit<Facts, 'hts' | 'entryDate'>> = [
  { origin: 'CA', usmcaClaimed: false, transport: undefined, usMetal: undefined, civilAircraft: undefined, transshipped: undefined, smeltCastUnknown: undefined, metalWeightPct: undefined, steel: undefined, aluminum: undefined, copper: undefined, usContent: undefined, adcvdRateNanos: undefined, quantity: false, unit: undefined, inputNote: false },
  { origin: 'CA', usmcaClaimed: false, transport: undefined, usMetal: undefined, civilAircraft: undefined, transshipped: undefined, smeltCastUnknown: undefined, metalWeightPct: undefined, steel: undefined, aluminum: undefined, copper: undefined, usContent: undefined, adcvdRateNanos: undefined, quantity: true, unit: 'kg', inputNote: false },
  { origin: 'CA', usmcaClaimed: true, transport: 'ocean', usMetal: false, civilAircraft: false, transshipped: false, smeltCastUnknown: false, metalWeightPct: 50, steel: 3_000, aluminum: 2_000, copper: 1_000, usContent: 4_000, adcvdRateNanos: 67_400_000, quantity: true, unit: 'kg', inputNote: true },
];

describe('plans shared by lines alike', () => {
  it('two lines that differ in one fact never share a plan that is wrong for either (every code, every rule change, every fact)', async () => {
    let pairs = 0;
    for (const hts of CODES) {
      // Yield between codes: a minute of synchronous work starves the worker's messages to vitest, which then
      // reports "Timeout calling onTaskUpdate" as an unhandled error and fails the run.
      await new Promise((resolve) => setImmediate(resolve));
      for (const entryDate of DATES) {
        for (const profile of PROFILES) {
          for (const fact of FACTS) {
            const values = CHOICES[fact];
            for (let i = 0; i + 1 < values.length; i++) {
              for (const [first, second] of [[values[i], values[i + 1]], [values[i + 1], values[i]]]) {
                compiled.segmentFor(entryDate)!.plans.clear();
                const a = item({ ...profile, hts, entryDate, [fact]: first }, 1_234_567, 2_500_000);
                const b = item({ ...profile, hts, entryDate, [fact]: second }, 7_654_321, 4_000_000);
                for (const it of [a, b]) {
                  const [shared, alone] = sharedAndAlone(it);
                  expect(shared, `${hts} on ${entryDate}, ${fact} ${String(first)} then ${String(second)}`).toEqual(alone);
                }
                pairs += 1;
              }
            }
          }
        }
      }
    }
    expect(pairs).toBeGreaterThan(10_000);
    // Every fact times every code, day and profile, one round per segment start of the schedule (every new rule
    // date adds one): about 70 s alone on a loaded 2-core machine, more in the full run.
  }, 300_000);

  it('over random batches of lines of a few kinds, each line equals the line planned alone', () => {
    const pick = <T,>(xs: ReadonlyArray<T>): fc.Arbitrary<T> => fc.constantFrom(...xs);
    const facts: fc.Arbitrary<Facts> = fc.record({
      hts: pick(CODES),
      entryDate: pick(DATES),
      origin: pick(CHOICES.origin),
      usmcaClaimed: fc.boolean(),
      transport: pick(CHOICES.transport),
      usMetal: pick(CHOICES.usMetal),
      civilAircraft: pick(CHOICES.civilAircraft),
      transshipped: pick(CHOICES.transshipped),
      smeltCastUnknown: pick(CHOICES.smeltCastUnknown),
      metalWeightPct: pick(CHOICES.metalWeightPct),
      steel: pick(CHOICES.steel),
      aluminum: pick(CHOICES.aluminum),
      copper: pick(CHOICES.copper),
      usContent: pick(CHOICES.usContent),
      adcvdRateNanos: pick(CHOICES.adcvdRateNanos),
      quantity: fc.boolean(),
      unit: pick(CHOICES.unit),
      inputNote: fc.boolean(),
    });
    const value = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10_000_000_000 }));
    const batch = fc.tuple(fc.array(facts, { minLength: 1, maxLength: 4 }), fc.array(fc.tuple(fc.nat(), value, fc.nat(10_000_000_000)), { minLength: 1, maxLength: 40 }));
    fc.assert(
      fc.property(batch, ([kinds, lines]) => {
        for (const [k, valueCents, quantityMicros] of lines) {
          const [shared, alone] = sharedAndAlone(item(kinds[k % kinds.length]!, valueCents, quantityMicros));
          expect(shared).toEqual(alone);
        }
      }),
      { numRuns: 200 },
    );
  });
});
