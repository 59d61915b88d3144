/**
 * ACE ES-003 exports: `tariff audit` and `tariff refund` on the shipped sample, with the discrepancies worked
 * out by hand in the test names, golden files for every format, and bad rows rejected with their reason.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariff } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';

const SAMPLE = 'data/examples/es003-sample.csv';
const golden = (name: string): string => join(import.meta.dirname, '..', 'golden', name);
const out = mkdtempSync(join(tmpdir(), 'tariff-es003-'));

describe('tariff audit on the ES-003 sample', () => {
  const csv = tariff(['audit', SAMPLE, '--format', 'csv']);
  const rows = csv.stdout.split('\n');

  it.each(['csv', 'json', 'table'])('--format %s matches its golden file', (format) => {
    const r = tariff(['audit', SAMPLE, '--format', format]);
    expect(r.status).toBe(2);
    expectGolden(golden(`audit-sample.${format === 'table' ? 'table.txt' : format}`), r.stdout);
  });

  it('entry 31612345678 line 2: IEEPA filed at 35% in April 2025 (3,500.00) when 25% was due (2,500.00): overpaid -1,000.00', () => {
    expect(rows).toContain('31612345678,2,6110.20.20.10,9903.01.10,ieepa,3500.00,2500.00,-1000.00,overpaid');
  });

  it('entry 31612345679 line 1: IEEPA 5,250.00 filed on a USMCA-claimed line: filed but not owed; 9903.01.14 owed but not filed', () => {
    expect(rows).toContain('31612345679,1,8481.80.90.50,9903.01.10,ieepa,5250.00,0.00,-5250.00,filed but not owed');
    expect(rows).toContain('31612345679,1,8481.80.90.50,9903.01.14,ieepa,0.00,0.00,0.00,owed but not filed');
  });

  it('entry 31612345679 line 3: aluminum profiles pay 232 (4,000.00 match), so the 2,800.00 IEEPA filed is not owed', () => {
    expect(rows).toContain('31612345679,3,7604.10.10.00,9903.85.02,section-232,4000.00,4000.00,0.00,match');
    expect(rows).toContain('31612345679,3,7604.10.10.00,9903.01.10,ieepa,2800.00,0.00,-2800.00,filed but not owed');
  });

  it('entry 31612345681 line 2: IEEPA filed at 25% in December 2025 (1,250.00) when 35% was due (1,750.00): underpaid 500.00', () => {
    expect(rows).toContain('31612345681,2,6110.20.20.10,9903.01.10,ieepa,1250.00,1750.00,500.00,underpaid');
  });

  it('column 1 and the steel and Section 122 headings match; the MX line and the malformed value are rejected with reasons', () => {
    expect(rows).toContain('31612345679,2,7208.51.00.30,9903.81.87,section-232,25000.00,25000.00,0.00,match');
    expect(rows).toContain('31612345680,1,8481.80.90.50,9903.03.01,section-122,1200.00,1200.00,0.00,match');
    const rejects = join(out, 'rejects.csv');
    tariff(['audit', SAMPLE, '--format', 'csv', '--rejects', rejects]);
    const kept = readFileSync(rejects, 'utf8');
    expect(kept).toContain('origin MX is outside this schedule');
    expect(kept).toContain('line 21, Line Tariff Goods Value Amount: Line Tariff Goods Value Amount ""$12,3x4.00"" is not a number');
  });
});

describe('an ES-003 export out of ACE order', () => {
  const [header, ...body] = readFileSync(SAMPLE, 'utf8').trimEnd().split('\n');
  const scrambled = `${[header, ...body.reverse()].join('\n')}\n`;

  it('given as a file, rows in reverse order are grouped and audited exactly as the sorted export', () => {
    const file = join(out, 'reversed.csv');
    writeFileSync(file, scrambled);
    expect(tariff(['audit', file, '--format', 'csv']).stdout).toBe(tariff(['audit', SAMPLE, '--format', 'csv']).stdout);
  });

  it('on standard input (read once), each row that goes back in entry/line order is rejected with a request to sort', () => {
    const r = tariff(['audit', '-', '--format', 'csv'], scrambled);
    expect(r.stderr).toContain('comes after entry 31612345683 line 1: the export is not in entry and line order');
  });
});

describe('tariff refund on the ES-003 sample', () => {
  it('lists the IEEPA paid per entry, what the law required, and the route on 2026-11-24, and the CAPE list', () => {
    const cape = join(out, 'cape.txt');
    const r = tariff(['refund', SAMPLE, '--today', '2026-11-24', '--format', 'csv', '--cape', cape]);
    expect(r.status).toBe(2);
    expectGolden(golden('refund-es003-sample.csv'), r.stdout);
    // 31612345678: 5,000.00 + 3,500.00 filed; liquidated 2026-02-20, 277 days before: past the 180-day window.
    expect(r.stdout).toContain('31612345678,2025-04-10,Liquidated,2026-02-20,8500.00,7500.00,8500.00,past the protest window');
    // 31612345679: 5,250.00 + 2,800.00 filed, none owed under the law; unliquidated: CAPE.
    expect(r.stdout).toContain('31612345679,2025-09-15,Unliquidated,,8050.00,0.00,8050.00,CAPE (unliquidated)');
    // 31612345681: 13,000.00 + 1,250.00 filed; liquidated 2026-10-01, 54 days before: CAPE.
    expect(r.stdout).toContain('31612345681,2025-12-01,Liquidated,2026-10-01,14250.00,14750.00,14250.00,"CAPE (liquidated 54 days ago');
    expect(r.stdout).not.toContain('31612345680');
    expect(readFileSync(cape, 'utf8')).toBe('31612345679\n31612345681\n');
  });

  it('the same export a month later: 31612345681 has moved from CAPE to the protest route', () => {
    const r = tariff(['refund', SAMPLE, '--today', '2026-12-24', '--format', 'csv']);
    expect(r.stdout).toContain('31612345681,2025-12-01,Liquidated,2026-10-01,14250.00,14750.00,14250.00,protest (liquidated 84 days ago');
  });

  it('--input chooses the layout: es003 refuses a line-item file, lines reads an export as canonical columns, audit takes only es003', () => {
    expect(tariff(['estimate', 'data/examples/sample-entries.csv', '--input', 'es003', '--format', 'csv']).stderr).toContain('not an ACE ES-003 export');
    expect(tariff(['estimate', SAMPLE, '--input', 'lines', '--format', 'csv']).stderr).toContain('no hts column');
    expect(tariff(['estimate', SAMPLE, '--format', 'table']).stdout).toContain('Lines read 10 = computed 8 + not importable 0 + rejected 2; entries 4');
    const r = tariff(['audit', SAMPLE, '--input', 'lines']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('audit reads ACE ES-003 exports only');
  });

  it('a file that is not an ES-003 export is refused with its header', () => {
    const r = tariff(['audit', 'data/examples/sample-entries.csv', '--format', 'csv']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('not an ACE ES-003 export');
  });
});
