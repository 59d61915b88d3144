/**
 * Worked examples: hand-computed duties for every measure and stacking rule, kept as YAML a broker can
 * review (test/worked-examples/*.yaml). Each example names the rule it proves; this file only runs them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatCents } from '../src/money/decimal.js';
import type { RuleSet } from '../src/rules/rule-set.js';
import { canadaRules } from './helpers/canada-rules.js';
import { csvOf, runCsv, scenarioRules, shippedRules } from './helpers/run-csv.js';

const amount = z.string().regex(/^\d+\.\d{2}$/, 'amounts are written as "1234.56"');
const example = z.strictObject({
  name: z.string().min(10),
  rule: z.string().min(3),
  /** The public document that states the figure (CSMS message, FR notice, broker's or law firm's advisory), where one exists. */
  source: z.string().min(3).optional(),
  arithmetic: z.string().optional(),
  lines: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))).min(1),
  expect: z.array(
    z.strictObject({
      status: z.enum(['computed', 'not_importable', 'outside_these_rules', 'rejected', 'incomplete']).default('computed'),
      /** Every duty or line-level fee component charged, by measure id (zero-rate exemption headings included). */
      components: z.record(z.string(), amount).optional(),
      /** Entry-fee shares (e.g. MPF) by measure id, when the example is about them. */
      fees: z.record(z.string(), amount).optional(),
      total: amount.optional(),
      brokerage: amount.optional(),
      landed_cost: amount.optional(),
      landed_cost_per_unit: amount.optional(),
      customs_value: amount.optional(),
      /** measure id -> words the "not applied" reason must contain. */
      not_applied: z.record(z.string(), z.string()).optional(),
      /** The prohibition (measure id) that makes the line not importable. */
      prohibition: z.string().optional(),
      /** A coverage gap (measure id) that makes the line a lower bound: a lower-bound warning names its title. */
      lower_bound: z.string().optional(),
      warnings: z.array(z.string()).optional(),
      reason: z.string().optional(),
    }),
  ),
  fx: z.record(z.string(), z.string()).optional(),
  /** A built-in scenario the example runs under (default: the schedule as is). */
  scenario: z.string().optional(),
  /**
   * A file of test/fixtures/schedules whose `lists` replace the shipped lists of those names, for measures whose
   * shipped list is empty on purpose (e.g. the Section 338 ban annexes were not obtained as data).
   */
  lists_from: z.string().optional(),
  /**
   * The shipped schedule the example runs under (default us-canada). canada-us runs over the placeholder lists
   * and tariff table of test/fixtures/ca (test/helpers/canada-rules), its lines' origin US and currency CAD.
   */
  schedule: z.enum(['us-canada', 'canada-us']).optional(),
});
type Example = z.infer<typeof example>;

const dir = join(import.meta.dirname, 'worked-examples');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const examplesOf = new Map(files.map((file) => [file, z.array(example).parse(parse(readFileSync(join(dir, file), 'utf8'))) as Example[]]));

const testLists = z.strictObject({ lists: z.record(z.string(), z.array(z.string().regex(/^\d{2,10}$/))) });

/** The rules an example runs under: the shipped schedule, or a built-in scenario, with any test lists filled in. */
function rulesOf(ex: Example): RuleSet | undefined {
  const rules = ex.scenario ? scenarioRules(ex.scenario) : undefined;
  if (!ex.lists_from) return rules;
  const base = rules ?? shippedRules().rules;
  const { lists } = testLists.parse(parse(readFileSync(join(import.meta.dirname, 'fixtures', 'schedules', ex.lists_from), 'utf8')));
  for (const name of Object.keys(lists)) if (!(name in base.lists)) throw new Error(`${ex.lists_from}: the schedule has no list ${name}`);
  return { ...base, lists: { ...base.lists, ...lists } };
}

for (const [file, examples] of examplesOf) {
  describe(file, () => {
    for (const ex of examples) {
      it(`${ex.name} [${ex.rule}]`, async () => {
        const canada = ex.schedule === 'canada-us' ? canadaRules() : undefined;
        const { entries, rejected } = canada
          ? await runCsv(csvOf(ex.lines), { fx: ex.fx, defaultOrigin: 'US', scheduleCurrency: 'CAD' }, canada.rules, canada.hts)
          : await runCsv(csvOf(ex.lines), { fx: ex.fx }, rulesOf(ex));
        const results = entries.flatMap((e) => e.lines);
        ex.expect.forEach((want, i) => {
          if (want.status === 'rejected' || want.status === 'outside_these_rules') {
            expect(rejected.length, 'a rejection').toBeGreaterThan(0);
            expect(rejected.every((r) => (r.outside === true) === (want.status === 'outside_these_rules')), 'rejected or outside these rules').toBe(true);
            if (want.reason) expect(rejected.map((r) => r.reason).join(' | ')).toContain(want.reason);
            return;
          }
          const got = results[i];
          expect(got, `result for line ${i + 1}; rejected: ${rejected.map((r) => r.reason).join('; ')}`).toBeDefined();
          if (!got) return;
          const status = got.status === 'prohibited' ? 'not_importable' : got.incomplete ? 'incomplete' : 'computed';
          expect(status).toBe(want.status);
          if (want.components) expect(Object.fromEntries(got.components.map((c) => [c.measure, formatCents(c.amountCents)]))).toEqual(want.components);
          if (want.fees) expect(Object.fromEntries(got.feeShares.map((c) => [c.measure, formatCents(c.amountCents)]))).toEqual(want.fees);
          if (want.total) expect(formatCents(got.totalCents)).toBe(want.total);
          if (want.customs_value) expect(formatCents(got.item.valueCents)).toBe(want.customs_value);
          if (want.brokerage) expect(formatCents(got.brokerageCents)).toBe(want.brokerage);
          if (want.landed_cost) expect(formatCents(got.landedCostCents)).toBe(want.landed_cost);
          if (want.landed_cost_per_unit) expect(got.landedCostPerUnitCents === undefined ? undefined : formatCents(got.landedCostPerUnitCents)).toBe(want.landed_cost_per_unit);
          for (const [measure, words] of Object.entries(want.not_applied ?? {})) {
            const n = got.notApplied.find((x) => x.measure === measure);
            expect(n, `${measure} should be listed as not applied`).toBeDefined();
            expect(n?.reason).toContain(words);
          }
          if (want.warnings) expect(got.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(want.warnings));
          if (want.prohibition) expect(got.prohibition?.measure).toBe(want.prohibition);
          if (want.lower_bound) {
            const title = (canada ?? shippedRules()).rules.schedule.measures.find((m) => m.id === want.lower_bound)?.title;
            expect(title, `${want.lower_bound} is a shipped measure`).toBeDefined();
            expect(got.warnings.filter((w) => w.code === 'lower-bound').map((w) => w.message).join(' | ')).toContain(title);
          }
        });
      });
    }
  });
}

/**
 * Shipped measures without a worked example, each with the reason it has none. Empty is the goal: a measure added
 * to the schedule needs an example here (or a line in this list saying why it cannot have one).
 */
const WITHOUT_EXAMPLE: Record<string, string> = {
  // Not written yet (issue 20 item 6 named the MHDV parts, US-smelted aluminum and Section 338 ban measures; these
  // three 2020-list derivative measures of 2025 were found missing by the test below and are left for a follow-up).
  's232-aluminum-derivatives-note19i-2025': 'follow-up: 2020-list aluminum derivatives (8708 stampings), 9903.85.04 on full value',
  's232-aluminum-derivatives-note19i-content-2025': 'follow-up: 2020-list aluminum derivatives of chapter 76 (7614 stranded wire), 9903.85.04 on content',
  's232-steel-derivatives-note16l-2025': 'follow-up: 2020-list steel derivatives (nails, 8708 stampings), 9903.81.89 on full value',
};

/** The measures an example proves: those it expects charged, as fees, set aside, as the prohibition or the coverage gap. */
function measuresProved(ex: Example): string[] {
  return ex.expect.flatMap((want) => [
    ...Object.keys(want.components ?? {}),
    ...Object.keys(want.fees ?? {}),
    ...Object.keys(want.not_applied ?? {}),
    ...(want.prohibition ? [want.prohibition] : []),
    ...(want.lower_bound ? [want.lower_bound] : []),
  ]);
}

describe('worked examples cover the shipped schedule', () => {
  const proved = new Set([...examplesOf.values()].flat().filter((ex) => ex.schedule !== 'canada-us').flatMap(measuresProved));
  const shipped = shippedRules().rules.schedule.measures.map((m) => m.id);

  it('every shipped measure has a worked example, or a reason in WITHOUT_EXAMPLE why not', () => {
    expect(shipped.filter((id) => !proved.has(id) && !(id in WITHOUT_EXAMPLE))).toEqual([]);
  });

  it('WITHOUT_EXAMPLE names only shipped measures that still have no example', () => {
    expect(Object.keys(WITHOUT_EXAMPLE).filter((id) => proved.has(id) || !shipped.includes(id))).toEqual([]);
  });
});

describe('worked examples cover the canada-us schedule', () => {
  it('every canada-us measure has a worked example', () => {
    const proved = new Set([...examplesOf.values()].flat().filter((ex) => ex.schedule === 'canada-us').flatMap(measuresProved));
    expect(canadaRules().rules.schedule.measures.map((m) => m.id).filter((id) => !proved.has(id))).toEqual([]);
  });
});
