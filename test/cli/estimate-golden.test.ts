/**
 * Golden files for every output format of `tariff estimate` on the shipped example. A change in any figure,
 * column or wording shows as a diff; UPDATE_GOLDEN=1 rewrites them for review.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariffAsync } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';

const golden = (name: string): string => join(import.meta.dirname, '..', 'golden', name);
const SAMPLE = 'data/examples/sample-entries.csv';

describe.concurrent('tariff estimate on the shipped example', () => {
  it.each([
    ['csv', 'estimate-sample.csv'],
    ['json', 'estimate-sample.json'],
    ['table', 'estimate-sample.table.txt'],
  ])('--format %s matches %s', async (format, file) => {
    const r = await tariffAsync(['estimate', SAMPLE, '--format', format]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expectGolden(golden(file), r.stdout);
  });

  it('JSON totals are the sums of the printed line totals', async () => {
    const doc = JSON.parse((await tariffAsync(['estimate', SAMPLE, '--format', 'json'])).stdout) as {
      results: Array<{ type: string; total?: string }>;
      summary: { total: string };
    };
    const cents = doc.results.filter((r) => r.type === 'line').reduce((s, r) => s + BigInt(r.total!.replace('.', '')), 0n);
    expect(doc.summary.total.replace('.', '')).toBe(cents.toString());
  });

  it('reads standard input and writes the same CSV', async () => {
    const fromFile = (await tariffAsync(['estimate', SAMPLE, '--format', 'csv'])).stdout;
    const fromStdin = (await tariffAsync(['estimate', '-', '--format', 'csv'], readFileSync(SAMPLE, 'utf8'))).stdout;
    expect(fromStdin).toBe(fromFile);
  });
});
