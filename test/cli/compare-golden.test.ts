/**
 * `tariff compare` on the shipped example under every built-in scenario: golden files for CSV and JSON,
 * the table view, and the IEEPA refund view.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInScenarioNames } from '../../src/rules/scenario-names.js';
import { tariffAsync } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';

const golden = (name: string): string => join(import.meta.dirname, '..', 'golden', name);
const SAMPLE = 'data/examples/sample-entries.csv';
// The scenarios of the us-canada schedule (data/scenarios/ also holds those of canada-us, e.g. surtaxes-removed).
const BUILT_IN = builtInScenarioNames('us-canada').filter((s) => s !== 'current');
const all = ['current', ...BUILT_IN].flatMap((s) => ['--scenario', s]);

describe.concurrent('tariff compare on the shipped example', () => {
  it('ships the built-in scenarios the product promises', () => {
    expect(BUILT_IN).toEqual(['no-ieepa', 'no-section-232', 'no-section-338', 'no-trade-remedy', 'scheduled-2027', 'tariffs-removed', 'usmca-ended']);
  });

  it.each(['csv', 'json', 'table'])('every built-in scenario against current, --format %s', async (format) => {
    const r = await tariffAsync(['compare', SAMPLE, ...all, '--format', format]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expectGolden(golden(`compare-sample.${format === 'table' ? 'table.txt' : format}`), r.stdout);
  });

  it('the IEEPA refund view: one row per entry, owed with and without IEEPA', async () => {
    const r = await tariffAsync(['compare', SAMPLE, '--refund', '--format', 'csv']);
    expect(r.status).toBe(0);
    expectGolden(golden('refund-sample.csv'), r.stdout);
    const e250415 = r.stdout.split('\n').find((l) => l.startsWith('entry,E25-0415,'))!;
    // IEEPA on the 2025-04-15 entry: 12,062.50 + 31,000.00 + 16,250.00 = 59,312.50, but without IEEPA the steel
    // plate owes Section 232 25% = 16,250.00 instead, so the refund is 43,062.50.
    expect(e250415).toContain(',-43062.50,');
  });

  it('refuses fewer than two scenarios and reports a bad scenario file with its place', async () => {
    expect((await tariffAsync(['compare', SAMPLE, '--scenario', 'current'])).status).toBe(1);
    const r = await tariffAsync(['compare', SAMPLE, '--scenario', 'current', '--scenario', 'test/fixtures/scenarios/bad-measure.yaml']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('test/fixtures/scenarios/bad-measure.yaml:7:26: error: changes[0].remove.measures[0]: no measure "ieepa-canada" in us-canada');
  });
});
