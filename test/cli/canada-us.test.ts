/**
 * Issue 23: goods of the United States entering Canada, as a second schedule on the same engine. Through the
 * CLI, on data/examples/canada-us-sample.csv, over the canada-us schedule with the placeholder lists and tariff
 * table of test/fixtures/ca (test/helpers/canada-rules): amounts in CAD, one duty column per authority of the
 * schedule in use, GST in its own column, the surtaxes-removed scenario; us-canada stays the default.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_DIR, DEFAULT_SCHEDULE_PATH, schedulePath } from '../../src/rules/paths.js';
import { canadaSchedulePath } from '../helpers/canada-rules.js';
import { tariffAsync } from '../helpers/cli.js';

const SAMPLE = 'data/examples/canada-us-sample.csv';
const CA = canadaSchedulePath();
const FX = ['--fx', 'USD=1.3650'];

type Json = { provenance: Record<string, unknown>; summary: Record<string, unknown>; results: Array<Record<string, unknown>> };

describe('--schedule names a shipped schedule or a file', () => {
  it('canada-us and us-canada are the files of data/schedules/; a path stays a path; us-canada is the default', async () => {
    expect(schedulePath('canada-us')).toBe(join(DATA_DIR, 'schedules', 'canada-us.yaml'));
    expect(schedulePath('us-canada')).toBe(DEFAULT_SCHEDULE_PATH);
    expect(schedulePath(CA)).toBe(CA);
    expect(schedulePath('no-such-schedule')).toBe('no-such-schedule');
  });

  it('estimate on the US sample: --schedule us-canada gives the bytes of the default', async () => {
    const byDefault = await tariffAsync(['estimate', 'data/examples/sample-entries.csv', '--format', 'csv']);
    const byName = await tariffAsync(['estimate', 'data/examples/sample-entries.csv', '--format', 'csv', '--schedule', 'us-canada']);
    expect(byDefault.status).toBe(0);
    expect(byName.stdout).toBe(byDefault.stdout);
    expect(byDefault.stdout.split('\n')[0]).toContain('duty_column1,duty_ieepa,duty_section_232');
    expect(byDefault.stdout.split('\n')[0]).not.toContain('tax_gst');
  });
});

describe('tariff estimate --schedule canada-us', () => {
  it('CSV: one duty column per authority of the schedule (duty_column1, duty_surtax) and GST apart (tax_gst), in CAD', async () => {
    const r = await tariffAsync(['estimate', SAMPLE, '--schedule', CA, ...FX, '--format', 'csv']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [head, ...rows] = r.stdout.trim().split('\n');
    const cols = head!.split(',');
    expect(cols.filter((c) => c.startsWith('duty_') || c.startsWith('tax_') || c.startsWith('fee_'))).toEqual(['duty_column1', 'duty_surtax', 'tax_gst']);
    const cell = (row: string, name: string): string => row.split(',')[cols.indexOf(name)]!;
    // Lawn mowers, US$2,400.00 x 1.3650 = 3,276.00 CAD on 2025-03-04: 2025-1 surtax 25% = 819.00; GST 5% of 4,095.00 = 204.75.
    expect([cell(rows[0]!, 'customs_value'), cell(rows[0]!, 'duty_surtax'), cell(rows[0]!, 'tax_gst'), cell(rows[0]!, 'duty'), cell(rows[0]!, 'total')]).toEqual(['3276.00', '819.00', '204.75', '819.00', '1023.75']);
    // The cast-iron covers of 2026-09-10, Schedule 3 of the 2026 order: 50% of 3,003.00 = 1,501.50; those of 2026-01-15 are a lower bound.
    expect(cell(rows[4]!, 'status')).toBe('incomplete');
    expect(cell(rows[6]!, 'duty_surtax')).toBe('1501.50');
  });

  it('JSON: provenance names the schedule and its currency; the totals are in CAD', async () => {
    const r = await tariffAsync(['estimate', SAMPLE, '--schedule', CA, ...FX, '--format', 'json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    expect([j.provenance.scheduleId, j.provenance.currency]).toEqual(['canada-us', 'CAD']);
    expect([j.summary.value, j.summary.duty, j.summary.fees, j.summary.total]).toEqual(['110346.60', '13099.91', '6172.33', '19272.24']);
  });

  it('table: values, amounts and the invoice currency in CAD', async () => {
    const r = await tariffAsync(['estimate', SAMPLE, '--schedule', CA, ...FX, '--format', 'table']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Value (CAD)');
    expect(r.stdout).toContain('Amount (CAD)');
    expect(r.stdout).toContain('Invoice currency: USD at 1.3650 CAD per USD');
    expect(r.stdout).toContain('value for duty 110,346.60 CAD');
  });

  it('HTML report: value and amounts in CAD', async () => {
    const r = await tariffAsync(['estimate', SAMPLE, '--schedule', CA, ...FX, '--format', 'html']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Value for duty (CAD)');
    expect(r.stdout).not.toMatch(/\d USD</);
  });

  it('a USD invoice without a rate is rejected, asking for CAD per USD', async () => {
    const r = await tariffAsync(['estimate', SAMPLE, '--schedule', CA, '--format', 'csv']);
    const rows = r.stdout.trim().split('\n').slice(1);
    expect(rows).toHaveLength(9);
    expect(rows.every((row) => row.includes(',rejected,') && row.includes('no exchange rate for USD: give --fx USD=<CAD per USD>'))).toBe(true);
  });

  it('an ACE ES-003 export (US entries in USD) is refused under the CAD schedule, by estimate and audit', async () => {
    for (const command of ['estimate', 'audit']) {
      const r = await tariffAsync([command, 'test/fixtures/es003/appliance-steel-split.csv', '--schedule', CA]);
      expect(r.stderr).toContain('an ACE ES-003 export holds US entries in USD; the schedule in use assesses in CAD');
      expect(r.status).not.toBe(0);
    }
  });

  it('--currency CAD needs no rate under the CAD schedule', async () => {
    const r = await tariffAsync(['lookup', '8433.11.00', '--schedule', CA, '--date', '2026-09-08', '--value', '150', '--currency', 'CAD']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('tariff compare, explain, lookup --schedule canada-us', () => {
  it('compare current and surtaxes-removed: the surtaxes and the GST on them go, 13,522.72 less', async () => {
    const r = await tariffAsync(['compare', SAMPLE, '--schedule', CA, ...FX, '--scenario', 'current', '--scenario', 'surtaxes-removed', '--format', 'table']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Difference to the first\s*│\s*0\.00\s*│\s*-13,522\.72/);
  });

  it('--schedule twice compares versions of one schedule: us-canada and canada-us are refused together', async () => {
    const r = await tariffAsync(['compare', SAMPLE, '--schedule', 'us-canada', '--schedule', CA, ...FX]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('is a schedule of imports into CA in CAD, the first into US in USD');
  });

  it('a scenario of the other schedule is refused with its place', async () => {
    const r = await tariffAsync(['compare', SAMPLE, '--schedule', CA, ...FX, '--scenario', 'current', '--scenario', 'tariffs-removed']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the scenario is for schedule "us-canada", but the schedule loaded is "canada-us"');
  });

  it('explain: the 2026 order at 50% with its surtax code and the GST on the value for tax, in CAD', async () => {
    const r = await tariffAsync(['explain', SAMPLE, '--schedule', CA, ...FX, '--line', 'CA-1004/2']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('tariff item 7325.10.00');
    expect(r.stdout).toContain('value for duty 3,003.00 CAD (invoiced 2200.00 USD at 1.3650 CAD per USD)');
    expect(r.stdout).toContain('26186C US Surtax Order (2026), Schedule 3: 50% [Surtax on US goods]: APPLIES, 50% on full value 3,003.00 = 1,501.50 CAD');
    expect(r.stdout).toContain('GST on imports [GST]: APPLIES, 5% on value plus duties (value for tax) 4,504.50 = 225.23 CAD');
    expect(r.stdout).toContain('Total for the line: duty 1,501.50 + taxes and fees 225.23 = 1,726.73 CAD');
  });

  it('lookup: the CN 26-23 example, 150.00 at 25% = 37.50 and GST 9.38', async () => {
    const r = await tariffAsync(['lookup', '8433.11.00', '--schedule', CA, '--date', '2026-09-08', '--value', '150', '--currency', 'CAD']);
    expect(r.stdout).toContain('Tariff item 8433.11.00, entered 2026-09-08, value for duty 150.00 CAD');
    expect(r.stdout).toContain('Duty 37.50 + taxes and fees 9.38 = 46.88 CAD');
  });

  it('lookup of a tariff item the table does not hold, with --mfn-rate', async () => {
    const r = await tariffAsync(['lookup', '6109.10.00', '--schedule', CA, '--date', '2026-09-07', '--value', '150', '--currency', 'CAD', '--mfn-rate', '18']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Duty 27.00 + taxes and fees 8.85 = 35.85 CAD');
    expect(r.stdout).toContain('is not in the tariff table');
  });
});

describe('tariff rules on both schedules', () => {
  it('rules lint passes on canada-us (no stacking warning) and on us-canada', async () => {
    const ca = await tariffAsync(['rules', 'lint', CA]);
    expect(ca.status).toBe(0);
    expect(ca.stdout).toContain('canada-us');
    expect(ca.stdout).toContain('0 stacking warning(s)');
    const us = await tariffAsync(['rules', 'lint', 'us-canada']);
    expect(us.status).toBe(0);
    expect(us.stdout).toContain('0 stacking warning(s)');
  });

  it('rules validate and rules list', async () => {
    expect((await tariffAsync(['rules', 'validate', CA])).status).toBe(0);
    const list = await tariffAsync(['rules', 'list', '--schedule', CA, '--date', '2026-09-08']);
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('surtax-2026-50');
    expect(list.stdout).toContain('column 1 of the tariff table');
  });

  it('rules diff of the schedule with itself finds nothing', async () => {
    const r = await tariffAsync(['rules', 'diff', CA, CA]);
    expect(r.status).toBe(0);
  });
});
