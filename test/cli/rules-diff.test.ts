/**
 * `tariff rules diff`: two versions of the rule files compared as loaded rules, with diff's exit codes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE_PATH } from '../../src/rules/paths.js';
import { tariffAsync } from '../helpers/cli.js';
import { copyRules } from '../helpers/rule-copy.js';

describe.concurrent('tariff rules diff', () => {
  it('the shipped rules against themselves: the same, exit 0', async () => {
    const r = await tariffAsync(['rules', 'diff', DEFAULT_SCHEDULE_PATH, 'data/schedules/us-canada.yaml']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('The rule sets are the same.');
  });

  it('a measure moved to another part file and a reordered part list are no change', async () => {
    const copy = copyRules();
    const s122 = readFileSync(join(copy.dir, 'schedules/us-canada/s122.yaml'), 'utf8');
    const block = s122.slice(s122.indexOf('  - id: s122-surcharge'));
    copy.edit('schedules/us-canada/s122.yaml', block, '');
    copy.edit('schedules/us-canada/s301.yaml', /$/, `\n${block}`);
    copy.edit('schedules/us-canada.yaml', '  - us-canada/s301.yaml\n  - us-canada/s338.yaml\n', '  - us-canada/s338.yaml\n  - us-canada/s301.yaml\n');
    const r = await tariffAsync(['rules', 'diff', 'data', copy.dir, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ equal: true });
  });

  it('a changed rate, a new measure and list codes added and removed: named, with HTS descriptions, exit 1', async () => {
    const copy = copyRules();
    copy.edit('schedules/us-canada/s122.yaml', 'rate: "10%"', 'rate: "15%"');
    copy.edit('schedules/us-canada.yaml', /version: "[^"]+"/, 'version: "9999.01.01-1"');
    copy.edit('lists/s122-annex-ii-exempt.txt', '02011005\n', '');
    copy.edit('lists/s122-annex-ii-exempt.txt', /$/, '8481.80.90\n');

    const json = await tariffAsync(['rules', 'diff', 'data/schedules', copy.schedule, '--format', 'json']);
    expect(json.status).toBe(1);
    const d = JSON.parse(json.stdout) as { equal: boolean; schedules: Array<{ schedule: unknown[]; measures: { changed: Array<{ id: string; changes: unknown[] }> }; lists: unknown[] }> };
    expect(d.equal).toBe(false);
    // data/schedules also holds canada-us, which the copy's file is not: the us-canada pair is the one edited.
    const s = d.schedules.find((x) => (x as { id?: string }).id === 'us-canada');
    expect(s!.schedule).toContainEqual({ path: 'version', before: expect.any(String), after: '9999.01.01-1' });
    expect(s!.measures.changed).toEqual([{ id: 's122-surcharge', title: 'Section 122 import surcharge', changes: [{ path: 'periods[0].rate', before: '10%', after: '15%' }] }]);
    expect(s!.lists).toEqual([
      {
        name: 's122-annex-ii-exempt',
        status: 'changed',
        added: [{ code: '8481.80.90', description: expect.stringMatching(/\S/) }],
        removed: [{ code: '0201.10.05', description: 'Described in general note 15 of the tariff schedule and entered pursuant to its provisions' }],
      },
    ]);

    const table = await tariffAsync(['rules', 'diff', 'data/schedules/us-canada.yaml', copy.schedule]);
    expect(table.status).toBe(1);
    expect(table.stdout).toContain('~ s122-surcharge: Section 122 import surcharge');
    expect(table.stdout).toContain('periods[0].rate: 10% → 15%');
    expect(table.stdout).toContain('- 0201.10.05');
    expect(table.stdout).toContain('The rule sets differ.');

    const md = await tariffAsync(['rules', 'diff', 'data/schedules/us-canada.yaml', copy.schedule, '--format', 'markdown']);
    expect(md.status).toBe(1);
    expect(md.stdout).toContain('### Measures changed');
    expect(md.stdout).toContain('| removed | 0201.10.05 | Described in general note 15');
  });

  it('a measure added and one removed', async () => {
    const copy = copyRules();
    copy.edit('schedules/us-canada/coverage-gaps.yaml', 'id: gap-s232-semiconductors', 'id: gap-s232-chips');
    const r = await tariffAsync(['rules', 'diff', 'data', copy.dir]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/Measures added:\n {2}\+ gap-s232-chips: /);
    expect(r.stdout).toMatch(/Measures removed:\n {2}- gap-s232-semiconductors: /);
  });

  it('trouble exits 2: a missing file, a rule file with errors, a bad format, an unknown option', async () => {
    const copy = copyRules();
    copy.edit('schedules/us-canada/s122.yaml', 'rate: "10%"', 'rate: "ten percent"');
    const missing = await tariffAsync(['rules', 'diff', 'data', 'no-such-dir']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no-such-dir: no such file or directory');
    const broken = await tariffAsync(['rules', 'diff', 'data', copy.dir]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/s122\.yaml:\d+:\d+: error: .*rate/);
    expect((await tariffAsync(['rules', 'diff', 'data', 'data', '--format', 'csv'])).status).toBe(2);
    expect((await tariffAsync(['rules', 'diff', 'data', 'data', '--bogus'])).status).toBe(2);
    expect((await tariffAsync(['rules', 'diff', 'data'])).status).toBe(2);
  });

  it('--help documents the diff exit codes', async () => {
    const r = await tariffAsync(['rules', 'diff', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('0  the rule sets are the same');
    expect(r.stdout).toContain('1  they differ');
  });
});
