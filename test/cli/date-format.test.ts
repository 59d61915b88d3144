/**
 * Issue 19, dates: a slash date (01/02/2026) is read month first or day first only when the file proves the
 * order (a field above 12 can only be a day) or --date-format says so; otherwise the run stops and asks.
 * ES-003 exports stay MM/DD/YYYY, ACE's format.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariffAsync } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-dates-'));
const HEADER = 'entry,line,hts,description,origin,value,entry_date';
/** A lines file whose rows have these entry dates. */
function file(name: string, dates: string[], header = HEADER): string {
  const path = join(dir, `${name}.csv`);
  writeFileSync(path, [header, ...dates.map((d, i) => `E1,${i + 1},0101.21.0010,Horses,CA,100,${d}`)].join('\n') + '\n');
  return path;
}
const entryDates = (stdout: string): unknown[] => (JSON.parse(stdout).results as Array<{ type: string; entry_date?: string }>).filter((r) => r.type === 'line').map((r) => r.entry_date);

const ambiguous = file('ambiguous', ['06/05/2025', '07/08/2025']);
const SCENARIOS = ['--scenario', 'current', '--scenario', 'tariffs-removed'];

describe.concurrent('slash dates', () => {
  it('a second field above 12 proves month first: every slash date is read MM/DD/YYYY, and stderr says why', async () => {
    const r = await tariffAsync(['estimate', file('mdy', ['06/05/2025', '07/25/2025']), '--format', 'json']);
    expect(r.status).toBe(0);
    expect(entryDates(r.stdout)).toEqual(['2025-06-05', '2025-07-25']);
    expect(r.stderr).toContain('slash dates read as MM/DD/YYYY (MDY): entry_date "07/25/2025" (line 3) can only be read so');
  });

  it('a first field above 12 proves day first: 06/05/2025 is 6 May', async () => {
    const r = await tariffAsync(['estimate', file('dmy', ['06/05/2025', '25/07/2025']), '--format', 'json']);
    expect(r.status).toBe(0);
    expect(entryDates(r.stdout)).toEqual(['2025-05-06', '2025-07-25']);
    expect(r.stderr).toContain('slash dates read as DD/MM/YYYY (DMY): entry_date "25/07/2025" (line 3)');
  });

  it('the proof may be in export_date', async () => {
    const path = join(dir, 'export.csv');
    writeFileSync(path, `${HEADER},export_date\nE1,1,0101.21.0010,Horses,CA,100,06/05/2025,20/04/2025\n`);
    expect(entryDates((await tariffAsync(['estimate', path, '--format', 'json'])).stdout)).toEqual(['2025-05-06']);
  });

  it('no proof and no --date-format: exit 1 before any output, naming the column, a sample and the option (estimate, compare, explain)', async () => {
    for (const args of [['estimate', ambiguous, '--format', 'csv'], ['compare', ambiguous, ...SCENARIOS, '--format', 'csv'], ['explain', ambiguous, '--line', '1']]) {
      const r = await tariffAsync(args);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('entry_date "06/05/2025" (line 2) is a slash date whose order the file does not prove');
      expect(r.stderr).toContain('--date-format MDY');
    }
  });

  it('both orders proven in one file: exit 1, both samples named', async () => {
    const r = await tariffAsync(['estimate', file('both', ['13/05/2025', '07/25/2025']), '--format', 'csv']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('entry_date "13/05/2025" (line 2) can only be DD/MM/YYYY, entry_date "07/25/2025" (line 3) only MM/DD/YYYY');
  });

  it('--date-format DMY reads them day first (estimate, compare, explain; lower case too)', async () => {
    expect(entryDates((await tariffAsync(['estimate', ambiguous, '--format', 'json', '--date-format', 'DMY'])).stdout)).toEqual(['2025-05-06', '2025-08-07']);
    expect((await tariffAsync(['estimate', ambiguous, '--format', 'json', '--date-format', 'mdy'])).stdout).toContain('"entry_date":"2025-06-05"');
    const compared = await tariffAsync(['compare', ambiguous, ...SCENARIOS, '--format', 'csv', '--date-format', 'DMY']);
    expect(compared.status).toBe(0);
    expect(compared.stdout).toContain('2025-05-06');
    const explained = await tariffAsync(['explain', ambiguous, '--line', '1', '--date-format', 'DMY']);
    expect(explained.status).toBe(0);
    expect(explained.stdout).toContain('2025-05-06');
  });

  it('a date that does not fit the format is rejected, saying the format it expected; ISO dates always fit', async () => {
    const r = await tariffAsync(['estimate', file('misfit', ['07/25/2025', '2025-07-01', '2025/07/02']), '--format', 'json', '--date-format', 'DMY']);
    expect(r.status).toBe(2);
    const results = (JSON.parse(r.stdout).results as Array<{ type: string; line: string; reason?: string; entry_date?: string }>).filter((x) => x.type !== 'entry');
    results.sort((a, b) => Number(a.line) - Number(b.line));
    expect(results[0]!.reason).toContain('"07/25/2025" does not fit the date format: expected DD/MM/YYYY (DMY');
    expect(results[1]!.entry_date).toBe('2025-07-01');
    expect(results[2]!.reason).toContain('"2025/07/02" does not fit the date format: expected DD/MM/YYYY');
    expect((await tariffAsync(['estimate', file('ymd', ['2025/07/02']), '--format', 'json', '--date-format', 'YMD'])).stdout).toContain('"entry_date":"2025-07-02"');
  });

  it('an unknown --date-format is a usage error', async () => {
    const r = await tariffAsync(['estimate', ambiguous, '--date-format', 'DDMM']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--date-format DDMM: use MDY (MM/DD/YYYY), DMY (DD/MM/YYYY) or YMD');
  });

  it('standard input is read once: its first slash date without --date-format stops the run, saying lines already written make the output incomplete', async () => {
    const text = [HEADER, 'E1,1,0101.21.0010,Horses,CA,100,2025-06-01', 'E2,1,0101.21.0010,Ponies,CA,100,25/07/2025'].join('\n') + '\n';
    const r = await tariffAsync(['estimate', '-', '--format', 'csv'], text);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('<stdin>:3: entry_date "25/07/2025" is a slash date, and input read once (standard input, a pipe) cannot be checked first');
    expect(r.stderr).toContain('--date-format');
    expect(r.stderr).toContain('so that output is incomplete');
    expect(r.stdout).not.toContain('Ponies');
    const given = await tariffAsync(['estimate', '-', '--format', 'json', '--date-format', 'DMY'], text);
    expect(given.status).toBe(0);
    expect(entryDates(given.stdout)).toEqual(['2025-06-01', '2025-07-25']);
  });

  it('a file of YYYY-MM-DD dates needs no --date-format (a slash in another column proves nothing)', async () => {
    const path = join(dir, 'iso.csv');
    writeFileSync(path, `${HEADER}\nE1,1,0101.21.0010,Nuts/bolts 01/02/2025,CA,100,2025-06-01\n`);
    const r = await tariffAsync(['estimate', path, '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('a quoted date field is read too', async () => {
    const path = join(dir, 'quoted.csv');
    writeFileSync(path, `${HEADER}\nE1,1,0101.21.0010,Horses,CA,100,"06/05/2025"\n`);
    expect((await tariffAsync(['estimate', path, '--format', 'csv'])).status).toBe(1);
  });

  it('ES-003 dates stay MM/DD/YYYY, whatever --date-format says of line files', async () => {
    const sample = 'data/examples/es003-sample.csv';
    const plain = await tariffAsync(['estimate', sample, '--format', 'json']);
    expect(plain.stdout).toContain('"entry_date":"2025-04-10"');
    expect((await tariffAsync(['estimate', sample, '--format', 'json', '--date-format', 'DMY'])).stdout).toBe(plain.stdout);
    expect((await tariffAsync(['estimate', '-', '--format', 'json'], readFileSync(sample, 'utf8'))).stdout).toContain('"entry_date":"2025-04-10"');
  });
});
