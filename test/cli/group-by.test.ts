/**
 * `--by`: group sums per scenario. The changes by authority add up, to the cent, to the change of the
 * total for every built-in scenario, a measure a removal brings back shows as a positive change, and the
 * worker threads give the same groups as one thread.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInScenarioNames } from '../../src/rules/scenario-names.js';
import { writeBenchFile } from '../../src/scripts/bench-data.js';
import { tariffAsync } from '../helpers/cli.js';

const SAMPLE = 'data/examples/sample-entries.csv';
const dir = mkdtempSync(join(tmpdir(), 'tariff-by-'));

interface Figures { value: string; duty: string; fees: string; total: string; effective_rate: string; change?: string; lines: number }
interface Grouped { by: string[]; scenarios: string[]; groups: Array<Record<string, unknown> & { scenarios: Record<string, Figures> }>; total: Record<string, Figures> }

const cents = (text: string): bigint => BigInt(text.replace('.', ''));
const sum = (xs: bigint[]): bigint => xs.reduce((a, b) => a + b, 0n);

async function grouped(args: string[]): Promise<Grouped> {
  const r = await tariffAsync([...args, '--format', 'json']);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Grouped;
}

/** Every scenario's groups add up to its total, and every change of the groups to the change of the total. */
function expectGroupsAddUp(g: Grouped): void {
  g.scenarios.forEach((s, i) => {
    const fields: Array<'duty' | 'fees' | 'total' | 'change'> = ['duty', 'fees', 'total', ...(i > 0 ? (['change'] as const) : [])];
    for (const field of fields) {
      expect(sum(g.groups.map((row) => cents(row.scenarios[s]![field]!))), `${s} ${field}`).toBe(cents(g.total[s]![field]!));
    }
  });
}

describe.concurrent('--by on the sample', () => {
  it('explains the removal of Section 232: the changes by authority, each measure brought back positive, add up to the total change', async () => {
    const g = await grouped(['compare', SAMPLE, '--scenario', 'current', '--scenario', 'no-section-232', '--by', 'authority']);
    const change = Object.fromEntries(g.groups.map((row) => [row.authority as string, row.scenarios['no-section-232@1']!.change]));
    expect(change).toMatchObject({ 'section-232': '-186112.00', ieepa: '27868.40', 'section-301': '16400.00', 'section-122': '11300.00' });
    expect(g.total['no-section-232@1']!.change).toBe('-130543.60');
    expectGroupsAddUp(g);
  });

  it.each(builtInScenarioNames().filter((n) => n !== 'current'))('the changes by authority add up to the total change under %s', async (scenario) => {
    const g = await grouped(['compare', SAMPLE, '--scenario', 'current', '--scenario', scenario, '--by', 'authority']);
    expect(g.groups.length).toBeGreaterThan(2);
    expectGroupsAddUp(g);
  });

  it.each([['chapter'], ['section'], ['heading'], ['month'], ['entry'], ['month,authority'], ['authority', 'chapter']])('groups by %s add up, with the customs value of the file', async (...by) => {
    const g = await grouped(['compare', SAMPLE, '--scenario', 'current', '--scenario', 'tariffs-removed', ...by.flatMap((b) => ['--by', b])]);
    expect(g.by).toEqual(by.join(',').split(','));
    expectGroupsAddUp(g);
    if (!g.by.includes('authority')) expect(sum(g.groups.map((row) => cents(row.scenarios.current!.value)))).toBe(cents(g.total.current!.value));
  });

  it('names HTS sections in Roman numerals from the chapter, in the order of the HTS', async () => {
    const g = await grouped(['estimate', SAMPLE, '--by', 'section']);
    const sections = g.groups.map((row) => row.section);
    expect(sections).toContain('XV');
    const order = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX', 'XXI', 'XXII'];
    expect(sections).toEqual([...sections].sort((a, b) => order.indexOf(a as string) - order.indexOf(b as string)));
    expectGroupsAddUp(g);
  });

  it('gives the effective rate of each group: its duty over its customs value', async () => {
    const g = await grouped(['estimate', SAMPLE, '--by', 'month']);
    for (const row of g.groups) {
      const f = row.scenarios.current!;
      const rate = Number(cents(f.duty) * 10000n / cents(f.value)) / 100;
      expect(Math.abs(Number(f.effective_rate.replace('%', '')) - rate)).toBeLessThanOrEqual(0.01);
    }
  });

  it('writes CSV with one row per group, then the total, and a table and an HTML page', async () => {
    const csv = await tariffAsync(['compare', SAMPLE, '--scenario', 'current', '--scenario', 'no-section-232', '--by', 'authority', '--format', 'csv']);
    expect(csv.status).toBe(0);
    const rows = csv.stdout.trim().split('\n');
    expect(rows[0]).toBe('level,authority,authority_name,current_value,current_duty,current_fees,current_total,current_effective_rate,no_section_232_value,no_section_232_duty,no_section_232_fees,no_section_232_total,no_section_232_effective_rate,no_section_232_change,scenarios,as_of');
    expect(rows.at(-1)).toMatch(/^total,,,1388974\.00,/);
    expect(rows.find((r) => r.startsWith('group,section-301,'))).toContain(',16400.00,');
    const table = await tariffAsync(['compare', SAMPLE, '--scenario', 'current', '--scenario', 'no-section-232', '--by', 'authority', '--format', 'table']);
    expect(table.stdout).toMatch(/Section 301 \(unfair trade practices\)\s+│\s+1,800\.00 │\s+18,200\.00 │\s+16,400\.00 │/);
    const html = await tariffAsync(['compare', SAMPLE, '--scenario', 'current', '--scenario', 'no-section-232', '--by', 'month,authority', '--format', 'html']);
    expect(html.stdout).toContain('<h1>Duty and fees by month and authority</h1>');
    expect(html.stdout).toContain('27,868.40');
  });

  it('refuses a level it does not know, three levels, and --by with --entries or --explain', async () => {
    expect((await tariffAsync(['estimate', SAMPLE, '--by', 'country'])).stderr).toContain('unknown --by level "country"');
    expect((await tariffAsync(['estimate', SAMPLE, '--by', 'month,chapter,authority'])).status).toBe(1);
    expect((await tariffAsync(['compare', SAMPLE, '--scenario', 'current', '--scenario', 'no-ieepa', '--by', 'month', '--entries'])).status).toBe(1);
    expect((await tariffAsync(['estimate', SAMPLE, '--by', 'month', '--explain'])).status).toBe(1);
  });
});

describe.concurrent('--by on a generated batch', () => {
  let bench: string;
  beforeAll(async () => {
    bench = join(dir, 'bench.csv');
    await writeBenchFile(bench, 3000, '2025-03-04', '2026-12-31');
  });

  it('adds up for six scenarios at once, by month and authority', async () => {
    const six = ['current', 'tariffs-removed', 'no-ieepa', 'no-section-232', 'usmca-ended', 'scheduled-2027'];
    const g = await grouped(['compare', bench, ...six.flatMap((s) => ['--scenario', s]), '--by', 'month,authority']);
    expect(new Set(g.groups.map((row) => row.month)).size).toBeGreaterThan(12);
    expectGroupsAddUp(g);
  });

  it('gives the same groups on worker threads as on one thread', async () => {
    const run = async (jobs: string): Promise<{ status: number; out: string; stderr: string }> => {
      const out = join(dir, `by-${jobs}.csv`);
      writeFileSync(out, '');
      const r = await tariffAsync(['compare', bench, '--scenario', 'current', '--scenario', 'no-section-232', '--by', 'heading,authority', '--format', 'csv', '--out', out, '--jobs', jobs, '--debug'], undefined, { TARIFF_PART_BYTES: '4096' });
      return { status: r.status, out: readFileSync(out, 'utf8'), stderr: r.stderr };
    };
    const [one, two] = await Promise.all([run('1'), run('2')]);
    expect(two.stderr).toMatch(/sent to 2 threads/);
    expect(two.status).toBe(one.status);
    expect(two.out.split('\n').length).toBeGreaterThan(20);
    expect(two.out).toBe(one.out);
  });
});
