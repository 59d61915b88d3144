/**
 * The transshipment column (and `lookup --transshipment`) reaches the rules: a line CBP found transshipped
 * pays 9903.01.16 at 40% in lieu of 9903.01.10 from 2025-08-01 to 2026-02-23, a bad flag rejects the row.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariffAsync } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-transship-'));

describe.concurrent('transshipment line fact', () => {
  it('estimate reads the column (and its alias) on both sides of 2025-08-01 and 2026-02-24, and rejects a flag that is not Y or N', async () => {
    const input = join(dir, 'lines.csv');
    writeFileSync(
      input,
      'line,hts,value,entry_date,Transshipped\n' +
        'a,8481.80.9050,1000,2025-07-31,Y\n' +
        'b,8481.80.9050,1000,2025-08-01,Y\n' +
        'c,8481.80.9050,1000,2025-08-01,N\n' +
        'd,8481.80.9050,1000,2026-02-23,Y\n' +
        'e,8481.80.9050,1000,2026-02-24,Y\n' +
        'f,8481.80.9050,1000,2025-08-01,maybe\n',
    );
    const r = await tariffAsync(['estimate', input, '--format', 'json']);
    expect(r.status).toBe(2);
    type Result = { type: string; line?: string; reason?: string; components?: Array<{ heading: string | null; amount: string }> };
    const results = (JSON.parse(r.stdout) as { results: Result[] }).results;
    const headings = new Map(results.filter((x) => x.type === 'line').map((l) => [l.line, l.components!.filter((c) => c.heading).map((c) => `${c.heading} ${c.amount}`)]));
    expect(headings.get('a')).toEqual(['9903.01.10 250.00']);
    expect(headings.get('b')).toEqual(['9903.01.16 400.00']);
    expect(headings.get('c')).toEqual(['9903.01.10 350.00']);
    expect(headings.get('d')).toEqual(['9903.01.16 400.00']);
    expect(headings.get('e')).toEqual(['9903.03.01 100.00']);
    expect(results.filter((x) => x.type === 'rejected').map((x) => x.reason).join(' ')).toContain('transshipment "maybe" must be Y or N');
  });

  it('names 9903.01.16 as set aside (Section 232 wood) only on a line that says it was transshipped, not on every lumber line', async () => {
    const input = join(dir, 'lumber.csv');
    writeFileSync(input, 'line,hts,value,entry_date,transshipment\nflagged,4407.11.0001,10000,2025-10-14,Y\nplain,4407.11.0001,10000,2025-10-14,\n');
    const r = await tariffAsync(['estimate', input, '--format', 'json']);
    expect(r.status).toBe(0);
    type Line = { type: string; line?: string; not_applied?: Array<{ measure: string; reason: string }> };
    const lines = new Map((JSON.parse(r.stdout) as { results: Line[] }).results.filter((x) => x.type === 'line').map((l) => [l.line, l.not_applied!.map((n) => n.measure)]));
    expect(lines.get('flagged')).toContain('ieepa-ca-transship');
    expect(lines.get('plain')).not.toContain('ieepa-ca-transship');
    expect(lines.get('plain')).toContain('ieepa-ca');
  });

  it('lookup --transshipment shows 9903.01.16 applied and 9903.01.10 set aside', async () => {
    const r = await tariffAsync(['lookup', '8481.80.9050', '--date', '2025-08-01', '--transshipment', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('9903.01.16');
    expect(r.stdout).toContain('in lieu of 9903.01.10');
    expect((await tariffAsync(['estimate', '--help'])).stdout).toMatch(/transshipment\s+Y when CBP determined/);
  });
});

describe.concurrent('smelt_cast_unknown line fact', () => {
  it('estimate reads the column: 200% under 9903.85.67 from 2025-06-28, and a line that does not say is warned', async () => {
    const input = join(dir, 'aluminum.csv');
    writeFileSync(input, 'line,hts,value,entry_date,smelt_unknown\nun,7604.10.1000,1000,2025-06-28,Y\nsilent,7604.10.1000,1000,2025-06-28,\n');
    const r = await tariffAsync(['estimate', input, '--format', 'json']);
    expect(r.status).toBe(0);
    type Line = { type: string; line?: string; components?: Array<{ heading: string | null; amount: string }>; warnings?: Array<{ code: string; message: string }> };
    const lines = new Map((JSON.parse(r.stdout) as { results: Line[] }).results.filter((x) => x.type === 'line').map((l) => [l.line, l]));
    expect(lines.get('un')!.components!.filter((c) => c.heading).map((c) => `${c.heading} ${c.amount}`)).toEqual(['9903.85.67 2000.00']);
    expect(lines.get('silent')!.components!.filter((c) => c.heading).map((c) => `${c.heading} ${c.amount}`)).toEqual(['9903.85.02 500.00']);
    expect(lines.get('silent')!.warnings!.map((w) => w.message).join(' ')).toContain('smelt_cast_unknown not given');
    const lookup = await tariffAsync(['lookup', '7604.10.1000', '--date', '2025-06-28', '--smelt-cast-unknown', '--format', 'json']);
    expect(lookup.stdout).toContain('9903.85.67');
  });
});
