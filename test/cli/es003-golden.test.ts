/**
 * ACE ES-003 exports: `tariff audit` and `tariff refund` on the shipped sample, with the discrepancies worked
 * out by hand in the test names, golden files for every format, and bad rows rejected with their reason.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tariffAsync, tariffOnce } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';

const SAMPLE = 'data/examples/es003-sample.csv';
const golden = (name: string): string => join(import.meta.dirname, '..', 'golden', name);
const out = mkdtempSync(join(tmpdir(), 'tariff-es003-'));

describe.concurrent('tariff audit on the ES-003 sample', () => {
  let rows: string[] = [];
  beforeAll(async () => {
    const csv = await tariffOnce(['audit', SAMPLE, '--format', 'csv']);
    // Each row ends with the rule set's columns (schedule, rules_sha256, as_of); the rows below are checked without them.
    rows = csv.stdout.split('\n').map((r) => r.replace(/,[^,]+@[^,]+,[0-9a-f]{12},\d{4}-\d{2}-\d{2}$/, ''));
  });

  it.each(['csv', 'json', 'table'])('--format %s matches its golden file', async (format) => {
    const r = await tariffOnce(['audit', SAMPLE, '--format', format]);
    expect(r.status).toBe(2);
    expectGolden(golden(`audit-sample.${format === 'table' ? 'table.txt' : format}`), r.stdout);
  });

  it('entry 31612345678 line 2: IEEPA filed at 35% in April 2025 (3,500.00) when 25% was due (2,500.00): overpaid -1,000.00', () => {
    expect(rows).toContain('31612345678,2,6110.20.20.10,9903.01.10,,ieepa,3500.00,2500.00,-1000.00,overpaid,');
  });

  it('entry 31612345679 line 1: IEEPA 5,250.00 filed under 9903.01.10 on a USMCA-claimed line where the law names 9903.01.14 (0.00): one wrong heading row', () => {
    expect(rows).toContain('31612345679,1,8481.80.90.50,9903.01.14,9903.01.10,ieepa,5250.00,0.00,-5250.00,wrong heading,');
    expect(rows.filter((r) => r.startsWith('31612345679,1,') && /not owed|not filed/.test(r))).toEqual([]);
  });

  it('entry 31612345679 line 3: aluminum profiles pay 232 (4,000.00 match), so the 2,800.00 IEEPA filed is not owed', () => {
    expect(rows).toContain('31612345679,3,7604.10.10.00,9903.85.02,,section-232,4000.00,4000.00,0.00,match,');
    expect(rows).toContain('31612345679,3,7604.10.10.00,9903.01.10,,ieepa,2800.00,0.00,-2800.00,filed but not owed,');
  });

  it('entry 31612345681 line 2: IEEPA filed at 25% in December 2025 (1,250.00) when 35% was due (1,750.00): underpaid 500.00', () => {
    expect(rows).toContain('31612345681,2,6110.20.20.10,9903.01.10,,ieepa,1250.00,1750.00,500.00,underpaid,');
  });

  it('column 1 and the steel and Section 122 headings match; the malformed value is rejected with its reason', async () => {
    expect(rows).toContain('31612345679,2,7208.51.00.30,9903.81.87,,section-232,25000.00,25000.00,0.00,match,');
    expect(rows).toContain('31612345680,1,8481.80.90.50,9903.03.01,,section-122,1200.00,1200.00,0.00,match,');
    const rejects = join(out, 'rejects.csv');
    await tariffAsync(['audit', SAMPLE, '--format', 'csv', '--rejects', rejects]);
    const kept = readFileSync(rejects, 'utf8');
    expect(kept).not.toContain('31612345682');
    expect(kept).toContain('line 21, Line Tariff Goods Value Amount: Line Tariff Goods Value Amount ""$12,3x4.00"" is not a number');
  });
});

describe.concurrent('an ES-003 export out of ACE order', () => {
  const [header, ...body] = readFileSync(SAMPLE, 'utf8').trimEnd().split('\n');
  const scrambled = `${[header, ...body.reverse()].join('\n')}\n`;

  it('given as a file, rows in reverse order are grouped and audited exactly as the sorted export', async () => {
    const file = join(out, 'reversed.csv');
    writeFileSync(file, scrambled);
    const [reversed, sorted] = await Promise.all([tariffAsync(['audit', file, '--format', 'csv']), tariffOnce(['audit', SAMPLE, '--format', 'csv'])]);
    expect(reversed.stdout).toBe(sorted.stdout);
  });

  it('on standard input (read once), each row that goes back in entry/line order is rejected with a request to sort', async () => {
    const r = await tariffAsync(['audit', '-', '--format', 'csv'], scrambled);
    expect(r.stderr).toContain('comes after entry 31612345683 line 1: the export is not in entry and line order');
  });
});

describe.concurrent('tariff refund on the ES-003 sample', () => {
  it('refund --help defines its columns', async () => {
    const help = (await tariffAsync(['refund', '--help'])).stdout;
    for (const column of ['IEEPA filed / ieepa_filed', 'IEEPA by law / ieepa_computed', 'Refundable / refundable', 'Route on DAY / route']) expect(help).toContain(column);
    const readme = readFileSync('README.md', 'utf8');
    for (const column of ['`IEEPA filed` (`ieepa_filed`)', '`IEEPA by law` (`ieepa_computed`)', '`Refundable` (`refundable`)']) expect(readme).toContain(column);
  });

  it('lists the IEEPA paid per entry, what the law required, and the route on 2026-11-24, and the CAPE list', async () => {
    const cape = join(out, 'cape.txt');
    const r = await tariffAsync(['refund', SAMPLE, '--today', '2026-11-24', '--format', 'csv', '--cape', cape]);
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

  it('the same export a month later: 31612345681 has moved from CAPE to the protest route', async () => {
    const r = await tariffAsync(['refund', SAMPLE, '--today', '2026-12-24', '--format', 'csv']);
    expect(r.stdout).toContain('31612345681,2025-12-01,Liquidated,2026-10-01,14250.00,14750.00,14250.00,protest (liquidated 84 days ago');
  });

  it('--input chooses the layout: es003 refuses a line-item file, lines reads an export as canonical columns, audit takes only es003', async () => {
    const [es003, lines, table, r] = await Promise.all([
      tariffAsync(['estimate', 'data/examples/sample-entries.csv', '--input', 'es003', '--format', 'csv']),
      tariffAsync(['estimate', SAMPLE, '--input', 'lines', '--format', 'csv']),
      tariffAsync(['estimate', SAMPLE, '--format', 'table']),
      tariffAsync(['audit', SAMPLE, '--input', 'lines']),
    ]);
    expect(es003.stderr).toContain('not an ACE ES-003 export');
    expect(lines.stderr).toContain('no hts column');
    expect(table.stdout).toContain('Lines read 10 = computed 8 + not importable 0 + outside these rules 1 + rejected 1; of the computed: lower bound (incomplete) 0, depending on UNVERIFIED facts 0, assumed 0; entries 4');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('audit reads ACE ES-003 exports only');
  });

  it('a file that is not an ES-003 export is refused with its header', async () => {
    const r = await tariffAsync(['audit', 'data/examples/sample-entries.csv', '--format', 'csv']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('not an ACE ES-003 export');
  });
});

describe.concurrent('ES-003 lines the rules do not cover, and contradictory rows', () => {
  const [header, ...body] = readFileSync(SAMPLE, 'utf8').trimEnd().split('\n');
  const write = (name: string, rows: string[]): string => {
    const file = join(out, name);
    writeFileSync(file, `${[header, ...rows].join('\n')}\n`);
    return file;
  };

  it('a line of origin MX is outside these rules, counted as such, not rejected (exit 0, not in --rejects)', async () => {
    const file = write('mx.csv', body.filter((r) => r.startsWith('31612345682,')));
    const rejects = join(out, 'mx-rejects.csv');
    const [r, jsonRun, refund] = await Promise.all([
      tariffAsync(['audit', file, '--format', 'csv', '--rejects', rejects]),
      tariffAsync(['audit', file, '--format', 'json']),
      tariffAsync(['refund', file, '--format', 'csv', '--today', '2026-11-24']),
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('31612345682,1,8481.80.90.50,,,,,,,outside these rules,');
    expect(r.stderr).toContain('0 entry lines audited, 1 outside these rules, 0 with warnings, 0 rejected');
    expect(r.stderr).toContain('origin MX is outside this schedule');
    expect(readFileSync(rejects, 'utf8')).not.toContain('31612345682');
    const json = JSON.parse(jsonRun.stdout);
    expect(json.summary).toMatchObject({ rejected: 0, outside_these_rules: 1, by_status: { 'outside these rules': 1 } });
    expect(refund.status).toBe(0);
    expect(refund.stderr).toContain('1 outside these rules');
  });

  it('an entry marked Unliquidated with a liquidation date is warned about, and its refund route is marked UNVERIFIED with the reason', async () => {
    const contradictory = body.filter((r) => r.startsWith('31612345679,1,')).map((r) => r.replace(/Unliquidated,$/, 'Unliquidated,10/01/2026'));
    const file = write('contradictory.csv', contradictory);
    const [audit, refund, tableRun] = await Promise.all([
      tariffAsync(['audit', file, '--format', 'csv']),
      tariffAsync(['refund', file, '--format', 'csv', '--today', '2026-11-24']),
      tariffAsync(['refund', file, '--format', 'table', '--today', '2026-11-24']),
    ]);
    expect(audit.stdout).toContain('wrong heading,"Liquidation Status ""Unliquidated"" but a Liquidation Date 10/01/2026 is given');
    expect(audit.stderr).toContain('entry 31612345679 line 1: warning: Liquidation Status "Unliquidated" but a Liquidation Date 10/01/2026 is given');
    expect(audit.stderr).toContain('1 with warnings');
    expect(refund.stdout).toContain('CAPE (unliquidated) [UNVERIFIED],"line 1: Liquidation Status ""Unliquidated"" but a Liquidation Date 10/01/2026 is given');
    expect(refund.stdout).toContain('route judged as Unliquidated 2026-10-01');
    expect(refund.stderr).toContain('entry 31612345679: warning:');
    const table = tableRun.stdout;
    expect(table).toContain('1 with warnings');
  });

  it('a liquidated entry without a liquidation date is warned about too', async () => {
    const file = write('no-date.csv', body.filter((r) => r.startsWith('31612345681,1,')).map((r) => r.replace(/Liquidated,10\/01\/2026$/, 'Liquidated,')));
    const refund = await tariffAsync(['refund', file, '--format', 'csv', '--today', '2026-11-24']);
    expect(refund.stdout).toContain('but no Liquidation Date is given');
    expect(refund.stdout).toContain('[UNVERIFIED]');
  });

  it.each([
    ['audit', 'es003'],
    ['refund', 'es003'],
    ['estimate', 'lines'],
    ['compare', 'lines'],
  ])('%s --rejects with no row rejected still writes the header row', async (command, layout) => {
    const file = layout === 'es003' ? write(`${command}-clean.csv`, body.filter((r) => !r.includes('12,3x4'))) : 'data/examples/sample-entries.csv';
    const rejects = join(out, `${command}-empty-rejects.csv`);
    const extra = command === 'compare' ? ['--scenario', 'current', '--scenario', 'no-ieepa'] : command === 'refund' ? ['--today', '2026-11-24'] : [];
    const r = await tariffAsync([command, file, '--format', 'csv', '--rejects', rejects, ...extra]);
    expect(r.status).toBe(0);
    const expected = `${(layout === 'es003' ? header : readFileSync(file, 'utf8').split('\n')[0])!.trim()},reject_reason\n`;
    expect(readFileSync(rejects, 'utf8')).toBe(expected);
  });
});
