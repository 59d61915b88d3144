/**
 * Numbers that must not change silently (currency signs, decimals, exchange rates, dates, options) and rule
 * files that must not crash, hang or leak (rate bounds, alias bombs, list paths), through the CLI.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariffAsync, type CliRun } from '../helpers/cli.js';
import { ONE_MEASURE, SCHEDULE_HEAD as HEAD } from '../helpers/schedule.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-numbers-'));
let n = 0;
function file(text: string, ext = 'csv'): string {
  const path = join(dir, `f${n++}.${ext}`);
  writeFileSync(path, text);
  return path;
}

const HEADER = 'hts,value,currency,entry_date,freight,steel_value';
const estimateCsv = (rows: string[], ...args: string[]): Promise<CliRun> => tariffAsync(['estimate', file([HEADER, ...rows].join('\n') + '\n'), '--format', 'csv', '--fx', 'CAD=0.7', '--fx', 'EUR=1.1', ...args]);
/** The output rows in the order of the input rows (source_line, the third column; rejections come first). */
const dataRows = (stdout: string): string[] =>
  stdout.split('\n').slice(1).filter((l) => l !== '').sort((a, b) => Number(a.split(',')[2]) - Number(b.split(',')[2]));

describe.concurrent('currency signs in money columns', () => {
  it('a sign or code that contradicts the line\'s currency rejects the row, naming the column, the value and both currencies', async () => {
    const cases = [
      ['€1000', 'CAD', 'EUR'], ['£1000', 'CAD', 'GBP'], ['C$1000', 'USD', 'CAD'], ['CAD 1000', 'EUR', 'CAD'], ['US$1000', 'CAD', 'USD'], ['1000 CAD', 'USD', 'CAD'],
    ] as const;
    const r = await estimateCsv(cases.map(([value, currency]) => `8481.80.9050,"${value}",${currency},2026-12-01,,`));
    expect(r.status).toBe(2);
    const rows = dataRows(r.stdout);
    cases.forEach(([value, currency, signCurrency], i) => {
      expect(rows[i]).toContain(',rejected,');
      expect(rows[i]).toContain(`value: value ""${value}"" is marked ${signCurrency}`);
      expect(rows[i]).toContain(`the line's currency is ${currency}`);
    });
  });

  it('a sign in freight or a content column is checked the same way; a bare $ is refused on a non-dollar line', async () => {
    const r = await estimateCsv(['8481.80.9050,1000,CAD,2026-12-01,£5,', '8481.80.9050,1000,CAD,2026-12-01,,€100', '8481.80.9050,$1000,EUR,2026-12-01,,']);
    expect(r.status).toBe(2);
    const [freight, steel, dollar] = dataRows(r.stdout);
    expect(freight).toContain('freight: freight ""£5"" is marked GBP');
    expect(steel).toContain('steel_value: steel_value ""€100"" is marked EUR');
    expect(dollar).toContain(`has a dollar sign but the line's currency is EUR`);
  });

  it('a sign that agrees is accepted: $ with any dollar currency, US$ with USD, C$, CA$ and CAD with CAD, € with EUR', async () => {
    const cases = [
      ['$1000', 'CAD'], ['$1000', 'USD'], ['C$1000', 'CAD'], ['CA$1000', 'CAD'], ['CAD 1000', 'CAD'], ['1000 CAD', 'CAD'],
      ['US$1000', 'USD'], ['€1000', 'EUR'], ['1000 EUR', 'EUR'],
    ] as const;
    const r = await estimateCsv(cases.map(([value, currency]) => `8481.80.9050,"${value}",${currency},2026-12-01,,`));
    expect(r.status).toBe(0);
    const rows = dataRows(r.stdout);
    cases.forEach(([, currency], i) => {
      const rate = { CAD: '0.7', EUR: '1.1', USD: '1' }[currency];
      expect(rows[i]).toContain(`,${(1000 * Number(rate)).toFixed(2)},${currency},${rate},computed,`);
    });
  });
});

describe.concurrent('amounts with more than two decimals', () => {
  it('are rounded half up to the cent before conversion, with a note on the line in every format', async () => {
    const rows = ['8481.80.9050,1000.005,CAD,2026-12-01,,', '8481.80.9050,1000.004,USD,2026-12-01,,'];
    const csv = await estimateCsv(rows);
    expect(csv.status).toBe(0);
    const [up, down] = dataRows(csv.stdout);
    expect(up).toContain(',700.01,CAD,0.7,computed,');
    expect(up).toContain('value ""1000.005"" has more than two decimals: read as 1000.01 CAD');
    expect(down).toContain(',1000.00,USD,1,computed,');
    expect(down).toContain('value ""1000.004"" has more than two decimals: read as 1000.00 USD');
    const json = await estimateCsv(rows, '--format', 'json');
    expect(json.stdout).toContain('"code":"input-note","message":"value \\"1000.005\\" has more than two decimals');
    const table = await estimateCsv(rows, '--format', 'table');
    expect(table.stdout).toContain('has more than two decimals');
  });

  it('trailing zeros past the cent are not a rounding', async () => {
    const r = await estimateCsv(['8481.80.9050,1000.0000,USD,2026-12-01,,']);
    expect(dataRows(r.stdout)[0]).not.toContain('decimals');
  });
});

describe.concurrent('minus zero', () => {
  it('-0, -0.00 and (0.00) are read as zero, not called negative; -0.01 is still refused', async () => {
    const r = await estimateCsv(['8481.80.9050,-0,USD,2026-12-01,,', '8481.80.9050,-0.00,USD,2026-12-01,,', '8481.80.9050,(0.00),USD,2026-12-01,,', '8481.80.9050,-0.01,USD,2026-12-01,,']);
    expect(r.status).toBe(2);
    const rows = dataRows(r.stdout);
    for (const row of rows.slice(0, 3)) expect(row).toContain(',0.00,USD,1,computed,');
    expect(rows[3]).toContain('is negative');
  });
});

describe.concurrent('ES-003 amounts', () => {
  const head = 'Entry Summary Number,Entry Summary Line Number,Entry Date,Country of Origin Code,HTS Number - Full,Line Tariff Goods Value Amount,Line Tariff Duty Amount';
  it('a negative filed duty (a correction row) rejects its entry line, naming the duty column and why', async () => {
    const es003 = file([head, '31612345678,1,04/10/2025,CA,8481809050,"$20,000.00",$400.00', '31612345678,1,04/10/2025,CA,9903.01.10,$0.00,"-$1,000.00"', '31612345678,2,04/10/2025,CA,8481809050,$100.00,$2.00'].join('\n') + '\n');
    const r = await tariffAsync(['audit', es003, '--format', 'csv']);
    expect(r.status).toBe(2);
    expect(r.stderr + r.stdout).toContain('Line Tariff Duty Amount "-$1,000.00" is negative (a refund or correction row)');
  });

  it('a dollar amount in another currency\'s sign is refused: ES-003 amounts are USD', async () => {
    const es003 = file([head, '31612345678,1,04/10/2025,CA,8481809050,"C$20,000.00",$400.00'].join('\n') + '\n');
    const r = await tariffAsync(['audit', es003, '--format', 'csv']);
    expect(r.status).toBe(2);
    expect(r.stderr + r.stdout).toContain(`Line Tariff Goods Value Amount "C$20,000.00" is marked CAD (C$) but the line's currency is USD`);
  });
});

describe.concurrent('exchange rates are checked before anything is computed', () => {
  const lines = 'data/examples/sample-entries.csv';
  it.each([
    [['--fx', 'CAD=0.7', '--fx', 'CAD=0.8'], 'two rates for CAD: 0.7 (--fx CAD=0.7) and 0.8 (--fx CAD=0.8)'],
    [['--fx', 'CAD=7312'], '--fx CAD=7312: 7312 USD per CAD is not a plausible rate'],
    [['--fx', 'CAD=0.0000001'], '--fx CAD=0.0000001: 0.0000001 USD per CAD is not a plausible rate'],
    [['--fx', 'CAD=0'], '--fx CAD=0: 0 USD per CAD is not a plausible rate'],
    [['--fx', 'CAD=-0.7'], '--fx CAD=-0.7: "-0.7" is not a positive decimal rate'],
    [['--fx', 'CAD=abc'], '--fx CAD=abc: "abc" is not a positive decimal rate'],
  ])('%j is a usage error', async (args, message) => {
    const r = await tariffAsync(['estimate', lines, '--format', 'csv', ...args]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it('a currency twice in an FX file, or in the file and --fx, names both; a date column is refused until dated rates are supported', async () => {
    const twice = file('currency,rate\nCAD,0.7312\nEUR,1.1\nCAD,0.7400\n');
    const dup = await tariffAsync(['estimate', lines, '--fx-file', twice]);
    expect(dup.status).toBe(1);
    expect(dup.stderr).toContain(`two rates for CAD: 0.7312 (${twice}:2) and 0.7400 (${twice}:4)`);
    const both = await tariffAsync(['estimate', lines, '--fx-file', file('CAD,0.7312\n'), '--fx', 'CAD=0.7312']);
    expect(both.status).toBe(1);
    expect(both.stderr).toContain('two rates for CAD');
    const dated = file('currency,rate,date\nCAD,0.7312,2025-09-01\n');
    const d = await tariffAsync(['estimate', lines, '--fx-file', dated]);
    expect(d.status).toBe(1);
    expect(d.stderr).toContain(`${dated}:1: the columns are "currency", "rate", "date"; an FX file has two`);
    const noHeader = await tariffAsync(['estimate', lines, '--fx-file', file('CAD,0.7312,2025-09-01\n')]);
    expect(noHeader.status).toBe(1);
    expect(noHeader.stderr).toContain('has 3 columns; an FX file has two');
  });
});

describe.concurrent('date options are real calendar dates', () => {
  it.each([
    [['rules', 'list', '--date', '2025-02-30'], '--date 2025-02-30'],
    [['estimate', 'data/examples/sample-entries.csv', '--as-of', '2025-02-30'], '--as-of 2025-02-30'],
    [['estimate', 'data/examples/sample-entries.csv', '--date', '2025-04-31'], '--date 2025-04-31'],
    [['compare', 'data/examples/sample-entries.csv', '--scenario', 'current', '--scenario', 'no-ieepa', '--as-of', '2025-13-01'], '--as-of 2025-13-01'],
    [['lookup', '8481.80.9050', '--date', '2025-02-29', '--value', '100'], '--date 2025-02-29'],
    [['refund', 'data/examples/es003-sample.csv', '--today', '2026-02-30'], '--today 2026-02-30'],
  ])('%j is a usage error naming the option and the value', async (args, named) => {
    const r = await tariffAsync(args);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${named}: not a calendar date`);
  });

  it('a leap day is a date', async () => {
    expect((await tariffAsync(['rules', 'list', '--date', '2028-02-29'])).status).toBe(0);
  });
});

describe.concurrent('--jobs', () => {
  it.each([['0x2'], ['1e1'], ['2.0'], [' 2'], ['0'], ['65']])('%s is a usage error: a plain whole number from 1 to 64', async (jobs) => {
    const r = await tariffAsync(['estimate', 'data/examples/sample-entries.csv', '--format', 'csv', '--jobs', jobs]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`--jobs ${jobs}: expected a whole number`);
  });
});

describe.concurrent('hostile rule files', () => {
  const measure = (rate: string, scope = 'all') =>
    `measures:\n${ONE_MEASURE.replace('"25%"', `"${rate}"`).replace('include: all', scope === 'all' ? 'include: all' : `include: ["${scope}"]`)}`;
  function schedule(text: string, extra: Record<string, string> = {}): string {
    const d = mkdtempSync(join(dir, 'schedule-'));
    for (const [name, body] of Object.entries(extra)) writeFileSync(join(d, name), body);
    const path = join(d, 'main.yaml');
    writeFileSync(path, text);
    return path;
  }

  it('a rate above 1000% is a rule-file error at its place, in rules validate and before estimate computes', async () => {
    const path = schedule(HEAD + measure('99999999999%'));
    const v = await tariffAsync(['rules', 'validate', path]);
    expect(v.status).toBe(1);
    expect(v.stdout + v.stderr).toMatch(/main\.yaml:23:\d+: error: measures\[0\]\.periods\[0\]\.rate: expected a percentage from 0% to 1000% with at most 7 decimals/);
    const e = await tariffAsync(['estimate', 'data/examples/sample-entries.csv', '--schedule', path, '--format', 'csv']);
    expect(e.status).toBe(1);
    expect(e.stderr).toContain('expected a percentage from 0% to 1000%');
    expect((await tariffAsync(['rules', 'validate', schedule(HEAD + measure('1000%'))])).status).toBe(0);
  });

  it('a YAML alias bomb is a rule-file error at its first alias, not an internal error', async () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    let prev = 'a';
    for (const c of 'bcdefghi') {
      lines.push(`${c}: &${c} [${Array(9).fill(`*${prev}`).join(',')}]`);
      prev = c;
    }
    const r = await tariffAsync(['rules', 'validate', schedule(lines.join('\n') + '\n')]);
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/main\.yaml:2:8: error: too many aliases/);
  });

  it('a list file that is a device, or outside the schedule\'s folder, is refused at the line of its reference', async () => {
    const listed = (file: string) => schedule(`${HEAD}lists:\n  l: { file: ${file}, title: L, sources: [S] }\n${measure('25%', 'list:l')}`);
    const device = await tariffAsync(['rules', 'validate', listed('/dev/zero')]);
    expect(device.status).toBe(1);
    expect(device.stdout + device.stderr).toMatch(/main\.yaml:14:\d+: error: lists\.l\.file: list file \/dev\/zero is outside the rule data folder/);
    const passwd = await tariffAsync(['rules', 'validate', listed('../../../../../../etc/passwd')]);
    expect(passwd.status).toBe(1);
    expect(passwd.stdout + passwd.stderr).toContain('list file ../../../../../../etc/passwd is outside the rule data folder');
    expect(passwd.stdout + passwd.stderr).not.toContain('root:');
    const folder = await tariffAsync(['rules', 'validate', schedule(`${HEAD}lists:\n  l: { file: sub, title: L, sources: [S] }\n${measure('25%', 'list:l')}`)]);
    expect(folder.status).toBe(1);
  });

  it('a part file outside the schedule\'s folder is refused at its reference', async () => {
    const r = await tariffAsync(['rules', 'validate', schedule(`${HEAD}parts: [/etc/passwd]\n${measure('25%')}`)]);
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/main\.yaml:13:\d+: error: parts\[0\]: part file \/etc\/passwd is outside the rule data folder/);
  });
});
