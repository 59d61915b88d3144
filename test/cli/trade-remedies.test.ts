/**
 * An AD/CVD rate the data assumes (an order's rate for producers without their own) and a total the data
 * knows is a lower bound (a coverage gap) are said on the line and counted, in every output format.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariffAsync } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-adcvd-'));
const file = join(dir, 'lumber.csv');
writeFileSync(
  file,
  [
    'entry,line,hts,value,entry_date,usmca,adcvd_rate',
    // In the lumber orders' scope without adcvd_rate: assumed.
    'L1,1,4407.11.0001,10000.00,2025-10-14,N,',
    // The producer's own rate: nothing assumed.
    'L2,1,4407.11.0001,10000.00,2025-10-14,N,47.65',
    // Section 232 semiconductors may reach it and are not charged: a lower bound.
    'S1,1,8471.50.0150,10000.00,2026-03-02,N,',
  ].join('\n') + '\n',
);
const ASSUMED = "assumed: 20.56% is the A-122-857 cash deposit rate for non-selected companies";

describe.concurrent('assumed AD/CVD rates and lower bounds in every format', () => {
  it('table: on the line and in the counts', async () => {
    const r = await tariffAsync(['estimate', file, '--format', 'table']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.replace(/[│\s]+/g, ' ')).toContain('assumed: 20.56% is the A-122-857');
    expect(r.stdout).toContain("1 line rests on an assumption named in its notes: an assumed AD/CVD rate");
    expect(r.stdout).toContain('1 line is incomplete');
  });

  it('CSV: the line note names the case; the lower bound is the line status; the counts go to standard error with --out', async () => {
    const r = await tariffAsync(['estimate', file, '--format', 'csv']);
    expect(r.status, r.stderr).toBe(0);
    const rows = r.stdout.trim().split('\n');
    const l1 = rows.find((row) => row.startsWith('L1,'))!;
    const l2 = rows.find((row) => row.startsWith('L2,'))!;
    expect(l1).toContain(ASSUMED);
    expect(l1).toContain('C-122-858');
    expect(l2).not.toContain('assumed:');
    expect(rows.find((row) => row.startsWith('S1,'))).toMatch(/,incomplete,.*lower bound: Section 232 semiconductors/);
    const out = join(dir, 'out.csv');
    const withOut = await tariffAsync(['estimate', file, '--format', 'csv', '--out', out]);
    expect(withOut.stderr).toContain('1 line rests on an assumption named in its notes: an assumed AD/CVD rate');
    expect(withOut.stderr).toContain('1 line is incomplete');
  });

  it('JSON: warnings on the line and counts.assumed', async () => {
    const r = await tariffAsync(['estimate', file, '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { summary: { counts: { assumed: number; incomplete: number } } };
    expect(doc.summary.counts.assumed).toBe(1);
    expect(doc.summary.counts.incomplete).toBe(1);
    expect(r.stdout).toContain('"code":"assumed-rate"');
    expect(r.stdout).toContain('"code":"lower-bound"');
  });

  it('HTML: on the line and in the summary', async () => {
    const r = await tariffAsync(['estimate', file, '--format', 'html']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('assumed: 20.56% is the A-122-857');
    expect(r.stdout).toContain('1 line rests on an assumption named in its notes: an assumed AD/CVD rate');
    expect(r.stdout).toContain('1 line is incomplete');
  });

  it('scenario no-trade-remedy: nothing assumed, no AD/CVD', async () => {
    const r = await tariffAsync(['estimate', file, '--format', 'json', '--scenario', 'no-trade-remedy']);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { summary: { counts: { assumed: number } } };
    expect(doc.summary.counts.assumed).toBe(0);
    expect(r.stdout).not.toContain('"measure":"adcvd');
    expect(r.stdout).not.toContain('"code":"assumed-rate"');
  });
});
