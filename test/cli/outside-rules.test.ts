/**
 * A line of an origin the schedule does not encode is not importable under these rules: its own status and
 * count in every output (not "rejected", not "not importable", which is a prohibition), no duty computed,
 * kept in source order, left out of --rejects, and not an error (exit 0 when nothing else is wrong).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariffAsync } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-outside-'));
const input = join(dir, 'lines.csv');
writeFileSync(
  input,
  [
    'entry,line,hts,value,entry_date,usmca,origin',
    'E0,1,6110.20.2010,1000.00,2025-09-01,N,MX',
    'E1,1,8481.80.9050,1000.00,2025-09-01,N,CA',
    'E1,2,8481.80.9050,1000.00,2025-09-01,N,CA',
  ].join('\n') + '\n',
);
const COUNTS = 'Lines read 3 = computed 2 + not importable 0 + outside these rules 1 + rejected 0';

describe.concurrent('a line of an origin outside the schedule', () => {
  it('estimate CSV: status outside_these_rules in source order, no figure, exit 0, not in --rejects, counts on stderr', async () => {
    const out = join(dir, 'out.csv');
    const rejects = join(dir, 'rejects.csv');
    const r = await tariffAsync(['estimate', input, '--format', 'csv', '--out', out, '--rejects', rejects]);
    expect(r.status).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    const head = rows[0]!.split(',');
    const status = head.indexOf('status');
    const duty = head.indexOf('duty');
    expect(rows.slice(1).map((row) => row.split(',').slice(0, 2).join('/'))).toEqual(['E0/1', 'E1/1', 'E1/2']);
    const cells = rows[1]!.split(',');
    expect(cells[status]).toBe('outside_these_rules');
    expect(cells[duty]).toBe('');
    expect(rows.join('\n')).not.toContain(',rejected,');
    expect(readFileSync(rejects, 'utf8')).not.toContain('MX');
    expect(r.stderr).toContain(COUNTS);
  });

  it('estimate JSON: its own type and count; read = computed + not importable + outside + rejected', async () => {
    const r = await tariffAsync(['estimate', input, '--format', 'json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { results: Array<{ type: string; entry: string }>; summary: { counts: Record<string, number> } };
    expect(doc.results[0]).toMatchObject({ type: 'outside_these_rules', entry: 'E0' });
    const c = doc.summary.counts;
    expect(c).toMatchObject({ read: 3, computed: 2, prohibited: 0, outside: 1, rejected: 0 });
    expect(c.read).toBe(c.computed! + c.prohibited! + c.outside! + c.rejected!);
  });

  it('estimate table and HTML list it apart from rejected lines and count it', async () => {
    const t = await tariffAsync(['estimate', input, '--format', 'table']);
    expect(t.status).toBe(0);
    expect(t.stdout).toContain(COUNTS);
    expect(t.stdout).toContain('Outside these rules (1)');
    expect(t.stdout).not.toContain('Rejected lines');
    const h = await tariffAsync(['estimate', input, '--format', 'html']);
    expect(h.status).toBe(0);
    expect(h.stdout).toContain(COUNTS);
    expect(h.stdout).toMatch(/<h2>Outside these rules \(1\)<\/h2>/);
    expect(h.stdout).toContain('<h2>Rejected lines</h2><p>None.</p>');
  });

  it('compare: the same status and counts in CSV, JSON, table and HTML', async () => {
    const scenarios = ['--scenario', 'current', '--scenario', 'tariffs-removed'];
    const csv = await tariffAsync(['compare', input, ...scenarios, '--format', 'csv']);
    expect(csv.status).toBe(0);
    expect(csv.stdout).toContain(',outside_these_rules,');
    expect(csv.stdout).not.toContain(',rejected,');
    const json = await tariffAsync(['compare', input, ...scenarios, '--format', 'json']);
    const doc = JSON.parse(json.stdout) as { results: Array<{ type: string }>; summary: { counts: Record<string, number> } };
    expect(doc.results[0]!.type).toBe('outside_these_rules');
    expect(doc.summary.counts).toMatchObject({ read: 3, computed: 2, outside: 1, rejected: 0 });
    expect((await tariffAsync(['compare', input, ...scenarios, '--format', 'table'])).stdout).toContain(COUNTS);
    const html = (await tariffAsync(['compare', input, ...scenarios, '--format', 'html'])).stdout;
    expect(html).toContain(COUNTS);
    expect(html).toContain('Outside these rules (1)');
  });

  it('a rejected line beside it still exits 2 and is counted apart', async () => {
    const mixed = join(dir, 'mixed.csv');
    writeFileSync(mixed, readFileSync(input, 'utf8') + 'E2,1,9999.99.9999,1000.00,2025-09-01,N,CA\n');
    const r = await tariffAsync(['estimate', mixed, '--format', 'table']);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('Lines read 4 = computed 2 + not importable 0 + outside these rules 1 + rejected 1');
  });
});
