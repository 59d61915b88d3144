/**
 * Every output names the rule set's as-of date; a line entered after it is marked assumed in its notes and
 * counted with the assumed lines in every format; rules list says how old the data is.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/calendar/dates.js';
import { loadSchedule } from '../../src/rules/load-schedule.js';
import { DEFAULT_SCHEDULE_PATH } from '../../src/rules/paths.js';
import { tariffAsync } from '../helpers/cli.js';

const loaded = loadSchedule(DEFAULT_SCHEDULE_PATH);
if (!loaded.ok) throw new Error('the shipped schedule does not load');
const AS_OF = loaded.loaded.schedule.as_of;
const AFTER = addDays(AS_OF, 1);
const NOTE = `entered after the rules' as-of date ${AS_OF}: later measures are not known to this data`;

const dir = mkdtempSync(join(tmpdir(), 'tariff-as-of-'));
const csv = join(dir, 'lines.csv');
writeFileSync(csv, `entry,line,hts,value,entry_date\nE1,1,8481.80.9050,1000,${AS_OF}\nE2,1,8481.80.9050,1000,${AFTER}\n`);

describe.concurrent("the rules' as-of date", () => {
  it('CSV: the line entered after it says so in its notes, the other does not; every row names the as-of date', async () => {
    const r = await tariffAsync(['estimate', csv, '--format', 'csv']);
    expect(r.status).toBe(0);
    const [header, onDate, after] = r.stdout.trim().split('\n');
    expect(header!.split(',').at(-1)).toBe('as_of');
    expect(onDate).not.toContain(NOTE);
    expect(onDate!.endsWith(`,${AS_OF}`)).toBe(true);
    expect(after).toContain(`assumed: ${NOTE}`);
  });

  it('JSON, table, HTML and the counts line: counted as assumed', async () => {
    const json = await tariffAsync(['estimate', csv, '--format', 'json']);
    const doc = JSON.parse(json.stdout) as { summary: { counts: { assumed: number } }; provenance: { asOf: string } };
    expect(doc.summary.counts.assumed).toBe(1);
    expect(json.stdout).toContain('"code":"after-as-of"');
    const table = await tariffAsync(['estimate', csv, '--format', 'table']);
    expect(table.stdout).toContain('1 line rests on an assumption named in its notes');
    expect(table.stdout).toContain(`as of ${AS_OF}`);
    const html = await tariffAsync(['estimate', csv, '--format', 'html']);
    expect(html.stdout).toContain(`rules as of ${AS_OF}`);
    expect(html.stdout).toContain(`assumed: entered after the rules&#39; as-of date ${AS_OF}`);
    const out = join(dir, 'out.csv');
    const counted = await tariffAsync(['estimate', csv, '--format', 'csv', '--out', out]);
    expect(counted.stderr).toContain('assumed 1');
  });

  it('explain and lookup name it; lookup on a later date is marked', async () => {
    expect((await tariffAsync(['explain', csv, '--line', 'E2/1'])).stdout).toContain(NOTE);
    const one = await tariffAsync(['lookup', '8481.80.9050', '--date', AFTER]);
    expect(one.stdout).toContain(NOTE);
    expect(one.stdout).toContain(`Rules: us-canada ${loaded.loaded.schedule.version}, as of ${AS_OF}`);
    const json = JSON.parse((await tariffAsync(['lookup', '8481.80.9050', '--date', AS_OF, '--format', 'json'])).stdout) as { rules: { as_of: string } };
    expect(json.rules.as_of).toBe(AS_OF);
    const list = await tariffAsync(['lookup', '8481.80', '--date', AFTER]);
    expect(list.stdout).toContain(`is after the rules' as-of date ${AS_OF}`);
    expect(list.stdout).toContain(`as of ${AS_OF}`);
    const listJson = JSON.parse((await tariffAsync(['lookup', '8481.80', '--date', AS_OF, '--format', 'json'])).stdout) as { rules: { as_of: string }; assumption?: string };
    expect(listJson.rules.as_of).toBe(AS_OF);
    expect(listJson.assumption).toBeUndefined();
  });

  it('audit and refund: an as_of column in CSV, a Rules line under the table', async () => {
    const audit = await tariffAsync(['audit', 'data/examples/es003-sample.csv', '--format', 'csv']);
    const [head, first] = audit.stdout.split('\n');
    expect(head!.endsWith('schedule,rules_sha256,as_of')).toBe(true);
    expect(first!.endsWith(`,${AS_OF}`)).toBe(true);
    expect((await tariffAsync(['audit', 'data/examples/es003-sample.csv', '--format', 'table'])).stdout).toContain(`as of ${AS_OF}`);
    const refund = await tariffAsync(['refund', 'data/examples/es003-sample.csv', '--today', '2026-11-24', '--format', 'csv']);
    expect(refund.stdout.split('\n')[0]!.endsWith('schedule,rules_sha256,as_of')).toBe(true);
    expect((await tariffAsync(['refund', 'data/examples/es003-sample.csv', '--today', '2026-11-24', '--format', 'table'])).stdout).toContain(`as of ${AS_OF}`);
  });

  it('audit: a line entered after the as-of date says so in the warning of each of its rows; a line before does not', async () => {
    const mdy = (iso: string): string => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
    const es003 = join(dir, 'es003-after.csv');
    writeFileSync(es003, [
      'Entry Summary Number,Entry Summary Line Number,Entry Date,Country of Origin Code,Line SPI Code,Tariff Ordinal Number,HTS Number - Full,Line Tariff Goods Value Amount,Line Tariff Duty Amount,Line Tariff Quantity (1),Line Tariff UOM (1) Code',
      `E1,1,${mdy(AS_OF)},CA,,1,8481809050,$1000.00,$20.00,1,NO`,
      `E2,1,${mdy(AFTER)},CA,,1,8481809050,$1000.00,$20.00,1,NO`,
    ].join('\n') + '\n');
    const r = await tariffAsync(['audit', es003, '--format', 'csv']);
    const rows = r.stdout.trim().split('\n').slice(1);
    expect(rows.filter((row) => row.startsWith('E1,')).every((row) => !row.includes(NOTE))).toBe(true);
    const after = rows.filter((row) => row.startsWith('E2,'));
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((row) => row.includes(NOTE))).toBe(true);
  });

  it('rules list says how old the data is on the given day', async () => {
    const r = await tariffAsync(['rules', 'list', '--today', addDays(AS_OF, 18)]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`The data is 18 days old on ${addDays(AS_OF, 18)}: measures published since ${AS_OF} are not known to it`);
    expect((await tariffAsync(['rules', 'list', '--today', AS_OF])).stdout).toContain(`checked against its sources today (${AS_OF})`);
  });
});
