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
import { csvOf, runCsv, scenarioRules } from './helpers/run-csv.js';

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
      warnings: z.array(z.string()).optional(),
      reason: z.string().optional(),
    }),
  ),
  fx: z.record(z.string(), z.string()).optional(),
  /** A built-in scenario the example runs under (default: the schedule as is). */
  scenario: z.string().optional(),
});
type Example = z.infer<typeof example>;

const dir = join(import.meta.dirname, 'worked-examples');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

for (const file of files) {
  const examples = z.array(example).parse(parse(readFileSync(join(dir, file), 'utf8'))) as Example[];
  describe(file, () => {
    for (const ex of examples) {
      it(`${ex.name} [${ex.rule}]`, async () => {
        const { entries, rejected } = await runCsv(csvOf(ex.lines), { fx: ex.fx }, ex.scenario ? scenarioRules(ex.scenario) : undefined);
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
        });
      });
    }
  });
}
