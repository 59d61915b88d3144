/**
 * `tariff compare FILE --schedule OLD --schedule NEW`: the same lines under two versions of the rule files,
 * tested with a copy of the shipped schedule whose Section 122 rate differs.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE_PATH } from '../../src/rules/paths.js';
import { loadSchedule } from '../../src/rules/load-schedule.js';
import { tariffAsync } from '../helpers/cli.js';
import { copyRules } from '../helpers/rule-copy.js';

const SAMPLE = 'data/examples/sample-entries.csv';
const shipped = loadSchedule(DEFAULT_SCHEDULE_PATH);
if (!shipped.ok) throw new Error('the shipped schedule does not load');
const OLD = `us-canada ${shipped.loaded.schedule.version}`;

const raised = copyRules();
raised.edit('schedules/us-canada/s122.yaml', 'rate: "10%"', 'rate: "15%"');
raised.edit('schedules/us-canada.yaml', /version: "[^"]+"/, 'version: "9999.01.01-1"');
const NEW = 'us-canada 9999.01.01-1';

interface Summary {
  scenarios: string[];
  summary: { scenarios: Array<{ scenario: string; total: string; diff: string; by_authority: Record<string, string> }> };
}

const cents = (s: string): number => Math.round(Number(s) * 100);

describe.concurrent('compare under two versions of the rule files', () => {
  it('columns named by schedule id and version; only the changed rate moves the totals', async () => {
    const r = await tariffAsync(['compare', SAMPLE, '--schedule', DEFAULT_SCHEDULE_PATH, '--schedule', raised.schedule, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as Summary;
    expect(doc.scenarios).toEqual([OLD, NEW]);
    const [before, after] = doc.summary.scenarios;
    const s122Before = cents(before!.by_authority['section-122']!);
    expect(s122Before).toBeGreaterThan(0);
    expect(cents(after!.by_authority['section-122']!)).toBe(s122Before * 1.5);
    expect(cents(after!.diff)).toBe(s122Before / 2);
    for (const [authority, amount] of Object.entries(before!.by_authority)) if (authority !== 'section-122') expect(after!.by_authority[authority]).toBe(amount);
  });

  it('CSV and table: one column group per version', async () => {
    const csv = await tariffAsync(['compare', SAMPLE, '--schedule', DEFAULT_SCHEDULE_PATH, '--schedule', raised.schedule, '--format', 'csv']);
    expect(csv.status).toBe(0);
    expect(csv.stdout.split('\n')[0]).toContain('us_canada_9999_01_01_1_diff');
    const table = await tariffAsync(['compare', SAMPLE, '--schedule', DEFAULT_SCHEDULE_PATH, '--schedule', raised.schedule, '--format', 'table']);
    expect(table.stdout).toContain(NEW);
    expect(table.stdout).toContain('Rules: us-canada 9999.01.01-1');
  });

  it('with scenarios: each scenario under each schedule, schedule by schedule', async () => {
    const r = await tariffAsync(['compare', SAMPLE, '--schedule', DEFAULT_SCHEDULE_PATH, '--schedule', raised.schedule, '--scenario', 'current', '--scenario', 'no-section-232', '--format', 'json']);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as Summary).scenarios).toEqual([`${OLD}/current`, `${OLD}/no-section-232@1`, `${NEW}/current`, `${NEW}/no-section-232@1`]);
  });

  it('an edited copy with the same version is told apart by its sha256', async () => {
    const same = copyRules();
    same.edit('schedules/us-canada/s122.yaml', 'rate: "10%"', 'rate: "15%"');
    const r = await tariffAsync(['compare', SAMPLE, '--schedule', DEFAULT_SCHEDULE_PATH, '--schedule', same.schedule, '--format', 'json']);
    const labels = (JSON.parse(r.stdout) as Summary).scenarios;
    expect(labels[0]).toMatch(new RegExp(`^${OLD}#[0-9a-f]{8}$`));
    expect(labels[1]).toMatch(new RegExp(`^${OLD}#[0-9a-f]{8}$`));
    expect(labels[0]).not.toBe(labels[1]);
  });

  it('one schedule still needs two scenarios; a broken schedule stops the run with its errors', async () => {
    const one = await tariffAsync(['compare', SAMPLE, '--schedule', DEFAULT_SCHEDULE_PATH]);
    expect(one.status).toBe(1);
    expect(one.stderr).toContain('two --schedule options');
    const broken = copyRules();
    broken.edit('schedules/us-canada/s122.yaml', 'rate: "10%"', 'rate: "ten"');
    const r = await tariffAsync(['compare', SAMPLE, '--schedule', DEFAULT_SCHEDULE_PATH, '--schedule', broken.schedule]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/s122\.yaml:\d+:\d+: error/);
  });
});
