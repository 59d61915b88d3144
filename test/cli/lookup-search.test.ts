import { describe, expect, it } from 'vitest';
import { tariffAsync } from '../helpers/cli.js';

interface ListJson {
  asked: string;
  date: string;
  lines: Array<{ code: string; description: string; mfn: string; measures_in_scope: Array<{ heading: string; id: string; rate: string; whole_subheading: boolean }> }>;
  shown: number;
  more: number;
}

describe.concurrent('tariff lookup: people can find a line', () => {
  it('one code shows the HTS text of its subheading, in the table and in JSON', async () => {
    const r = await tariffAsync(['lookup', '1702.20.4010', '--date', '2026-11-01']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[1]).toBe('HTS text: Maple sugar and maple syrup: Other');
    const json = JSON.parse((await tariffAsync(['lookup', '1702.20.4010', '--date', '2026-11-01', '--format', 'json'])).stdout) as { hts_description: string };
    expect(json.hts_description).toBe('Maple sugar and maple syrup: Other');
  });

  it('a 6-digit code lists its subheadings with description, MFN rate and the measures in scope on the date', async () => {
    const r = await tariffAsync(['lookup', '1702.20', '--date', '2026-11-01']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('HTS 1702.20: 4 subheading(s) of the 2026 HTS Revision 3; additional measures in force on 2026-11-01');
    for (const code of ['1702.20.22', '1702.20.24', '1702.20.28', '1702.20.40']) expect(r.stdout).toContain(code);
    expect(r.stdout).toMatch(/1702\.20\.40 │ Maple sugar and maple syrup: Other +│ Free +│ 9903\.05\.93 0%/);
    expect(r.stdout).toContain('9903.05.29 10% Section 301 forced-labor tariff');
    expect(r.stdout).toContain('Scope only');
  });

  it('a 4-digit code lists every subheading under the heading; the measures follow the date', async () => {
    const json = JSON.parse((await tariffAsync(['lookup', '1702', '--date', '2026-11-01', '--format', 'json'])).stdout) as ListJson;
    expect(json.shown).toBe(30);
    expect(json.more).toBe(0);
    expect(json.lines.every((l) => l.code.startsWith('1702.'))).toBe(true);
    const maple = json.lines.find((l) => l.code === '1702.20.40')!;
    expect(maple).toMatchObject({ description: 'Maple sugar and maple syrup: Other', mfn: 'Free' });
    expect(maple.measures_in_scope.map((m) => m.heading)).toContain('9903.05.29');
    const before = JSON.parse((await tariffAsync(['lookup', '1702.20', '--date', '2025-06-28', '--format', 'json'])).stdout) as ListJson;
    expect(before.lines.find((l) => l.code === '1702.20.40')!.measures_in_scope.map((m) => m.heading)).toEqual(['9903.01.14', '9903.01.10']);
  });

  it('a listed subheading notes a measure that reaches only some of its statistical lines', async () => {
    // 2025-08-18 aluminum round: of 7308.20 only 7308.20.0035 (note 19(k)).
    const json = JSON.parse((await tariffAsync(['lookup', '7308.20', '--date', '2025-09-10', '--format', 'json'])).stdout) as ListJson;
    const towers = json.lines.find((l) => l.code === '7308.20.00')!.measures_in_scope;
    expect(towers.find((m) => m.heading === '9903.85.08')).toMatchObject({ whole_subheading: false });
    expect((await tariffAsync(['lookup', '7308.20', '--date', '2025-09-10'])).stdout).toMatch(/9903\.85\.08 50% Section 232 aluminum[^]*?\(some statistical lines only\)/);
  });

  it('--search finds subheadings by description, every word, any case', async () => {
    const r = await tariffAsync(['lookup', '--search', 'MAPLE syrup', '--date', '2026-11-01']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('search "MAPLE syrup": 1 subheading(s)');
    expect(r.stdout).toContain('1702.20.40');
    const json = JSON.parse((await tariffAsync(['lookup', '--search', 'syrup maple', '--date', '2026-11-01', '--format', 'json'])).stdout) as ListJson;
    expect(json.lines.map((l) => l.code)).toEqual(['1702.20.40']);
    expect(json.lines[0]!.measures_in_scope.map((m) => m.heading)).toEqual(['9903.05.93', '9903.05.29']);
  });

  it('--search lists at most 50 lines and says how many more there are', async () => {
    const r = await tariffAsync(['lookup', '--search', 'other', '--date', '2026-11-01', '--format', 'json']);
    const json = JSON.parse(r.stdout) as ListJson;
    expect(json.shown).toBe(50);
    expect(json.more).toBeGreaterThan(1000);
    const table = (await tariffAsync(['lookup', '--search', 'other', '--date', '2026-11-01'])).stdout;
    expect(table).toContain(`... and ${json.more} more subheading(s) not shown`);
  });

  it('says so when nothing matches, and refuses a code with --search or an empty search', async () => {
    expect((await tariffAsync(['lookup', '--search', 'unobtainium', '--date', '2026-11-01'])).stdout).toContain('no subheading found');
    const both = await tariffAsync(['lookup', '1702.20', '--search', 'maple']);
    expect(both.status).toBe(1);
    expect(both.stderr).toContain('not both');
    expect((await tariffAsync(['lookup', '--search', ' '])).status).toBe(1);
    expect((await tariffAsync(['lookup'])).status).toBe(1);
  });

  it('help documents both with examples', async () => {
    const help = (await tariffAsync(['lookup', '--help'])).stdout;
    expect(help).toContain('--search <text>');
    expect(help).toContain('tariff lookup 1702.20 --date 2026-11-01');
    expect(help).toContain('tariff lookup --search "maple syrup"');
  });
});
