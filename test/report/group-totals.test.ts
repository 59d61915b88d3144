/**
 * Group sums over random batches (fast-check): under every built-in scenario, the changes against the first
 * scenario by authority (alone or under another level) add up to the change of the total, to the cent, and
 * every group's figures to the run's.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Comparer, type CompareEvent } from '../../src/engine/compare.js';
import { compileSchedule, type CompiledSchedule } from '../../src/engine/compile.js';
import type { GroupLevel } from '../../src/engine/group-totals.js';
import { RunTotals } from '../../src/engine/totals.js';
import { groupedReport } from '../../src/report/grouped-rows.js';
import { openRules } from '../../src/run/open-rules.js';
import { summarize } from '../../src/report/summary.js';
import { DEFAULT_SCHEDULE_PATH } from '../../src/rules/paths.js';
import { builtInScenarioNames } from '../../src/rules/scenario-names.js';
import { BENCH_CODES } from '../../src/scripts/bench-data.js';
import { line } from '../helpers/line.js';

const GROUPINGS: GroupLevel[][] = [['authority'], ['month', 'authority'], ['authority', 'chapter'], ['section'], ['entry']];

let compiled: CompiledSchedule[];

beforeAll(async () => {
  const rules = await openRules(DEFAULT_SCHEDULE_PATH, process.stderr, { scenarios: builtInScenarioNames() });
  if (!rules) throw new Error('the built-in rules did not load');
  compiled = rules.scenarios.map((r) => compileSchedule(r, rules.hts));
}, 60_000);

const day = fc.integer({ min: 0, max: 660 }).map((d) => new Date(Date.UTC(2025, 2, 4) + d * 86_400_000).toISOString().slice(0, 10));
const lineArb = fc.record({
  hts: fc.constantFrom(...BENCH_CODES),
  valueCents: fc.integer({ min: 1, max: 50_000_000 }),
  entry: fc.constantFrom('E1', 'E2', 'E3', 'E4'),
  usmcaClaimed: fc.boolean(),
  steel: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
});
const batch = fc.tuple(fc.array(lineArb, { minLength: 1, maxLength: 25 }), fc.array(day, { minLength: 4, maxLength: 4 }));

describe('group sums (property)', () => {
  it('changes by authority add up to the change of the total under every built-in scenario, for any batch', () => {
    fc.assert(
      fc.property(batch, ([lines, dates]) => {
        // One date per entry, lines of an entry together: the file as a broker's export has it.
        const sorted = [...lines].sort((a, b) => a.entry.localeCompare(b.entry));
        for (const by of GROUPINGS) {
          const comparer = new Comparer(compiled, 'batch.csv');
          const totals = compiled.map(() => new RunTotals(by));
          const events: CompareEvent[] = [];
          const take = (list: CompareEvent[]): void => {
            for (const ev of list) if (ev.kind === 'entry') ev.entry.results.forEach((r, i) => totals[i]!.addEntry(r));
            list.length = 0;
          };
          sorted.forEach((l, k) => {
            const entryDate = dates[Number(l.entry.slice(1)) - 1]!;
            const item = line({ hts: l.hts, valueCents: l.valueCents, entryDate, entry: l.entry, line: String(k + 1), sourceLine: k + 2, usmcaClaimed: l.usmcaClaimed, ...(l.steel !== undefined ? { contentCents: { steel_value: Math.floor((l.valueCents * l.steel) / 100) } } : {}) });
            take(comparer.push(item, events));
          });
          take(comparer.flush(events));
          const summaries = totals.map((t, i) => summarize(t, compiled[i]!.provenance));
          const report = groupedReport(by, summaries);
          summaries.forEach((s, i) => {
            const rows = report.rows.map((r) => r.scenarios[i]!);
            expect(rows.reduce((a, r) => a + r.totalCents, 0n)).toBe(s.totalCents);
            expect(rows.reduce((a, r) => a + r.dutyCents, 0n)).toBe(s.dutyCents);
            expect(rows.reduce((a, r) => a + r.changeCents, 0n)).toBe(s.totalCents - summaries[0]!.totalCents);
          });
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
