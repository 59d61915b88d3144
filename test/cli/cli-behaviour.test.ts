import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariffAsync } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-cli-'));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe.concurrent('tariff CLI', () => {
  it('prints its version and help with examples and exit codes', async () => {
    expect((await tariffAsync(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = (await tariffAsync(['--help'])).stdout;
    expect(help).toContain('Exit codes:');
    expect(help).toContain('estimate');
    const estimateHelp = (await tariffAsync(['estimate', '--help'])).stdout;
    expect(estimateHelp).toContain('Examples:');
    expect(estimateHelp).toContain('entry_date');
  });

  it('exits 2 when lines are rejected, still writes the rest, and keeps rejected rows unchanged with a reason', async () => {
    const input = file('mixed.csv', 'hts,value,entry_date,description\n8481.80.9050,1000,2025-09-01,good\n9999.99.9999,5,2025-09-01,=cmd()\n8481.80.9050,abc,2025-09-01,bad value\n');
    const rejects = join(dir, 'rejects.csv');
    const r = await tariffAsync(['estimate', input, '--format', 'csv', '--rejects', rejects]);
    expect(r.status).toBe(2);
    expect(r.stdout.split('\n').filter((l) => l.includes(',computed,')).length).toBe(1);
    expect(readFileSync(rejects, 'utf8')).toBe(
      'hts,value,entry_date,description,reject_reason\n' +
        '9999.99.9999,5,2025-09-01,\'=cmd(),"line 3, hts: HTS 9999.99.99.99 does not exist in the 2026 HTS Revision 3; nearest valid codes: 9823.53.06, 9823.53.05, 9823.53.04"\n' +
        '8481.80.9050,abc,2025-09-01,bad value,"line 4, value: value ""abc"" is not a number (use digits with a decimal point, e.g. 1234.56)"\n',
    );
  });

  it('neutralises spreadsheet formulas taken from the input in CSV output', async () => {
    const input = file('formula.csv', 'hts,value,entry_date,description\n8481.80.9050,1000,2025-09-01,"=HYPERLINK(""x"")"\n');
    const out = (await tariffAsync(['estimate', input, '--format', 'csv'])).stdout;
    expect(out).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('answers an unknown --scenario name with the built-ins and the nearest one, not as an error in the rule files', async () => {
    const r = await tariffAsync(['estimate', 'data/examples/sample-entries.csv', '--scenario', 'no-ieep']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no built-in scenario "no-ieep" (did you mean "no-ieepa"?)');
    expect(r.stderr).toContain('Built-in scenarios: current, no-ieepa, no-section-232');
    expect(r.stderr).not.toContain('rule files');
    expect(r.stdout).toBe('');
    const far = await tariffAsync(['compare', 'data/examples/sample-entries.csv', '--scenario', 'current', '--scenario', 'banana']);
    expect(far.status).toBe(1);
    expect(far.stderr).not.toContain('did you mean');
  });

  it('exits 1 with file:line:column for a rule-file error, and computes nothing', async () => {
    const schedule = file('bad.yaml', 'format: tariff-schedule/1\nid: x\nversion: "1"\ntitle: t\nimporting_country: US\norigins: [CA]\nas_of: 2025-01-01\ncoverage: { from: 2025-01-01, to: 2025-12-31 }\nauthorities: {}\nsources: {}\nmeasures: []\nbogus: 1\n');
    const r = await tariffAsync(['estimate', 'data/examples/sample-entries.csv', '--schedule', schedule, '--format', 'csv']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad.yaml:12:1: error: bogus: unknown key "bogus"');
  });

  it('exits 1 with one line for a missing input file, a bad option or a missing column', async () => {
    const missing = await tariffAsync(['estimate', join(dir, 'nope.csv'), '--format', 'csv']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot open .*nope\.csv: no such file/);
    expect((await tariffAsync(['estimate', 'data/examples/sample-entries.csv', '--fx', 'CAD'])).stderr).toContain('expected CUR=rate');
    const noValue = await tariffAsync(['estimate', file('nv.csv', 'hts,entry_date\n8481809050,2025-09-01\n'), '--format', 'csv']);
    expect(noValue.status).toBe(1);
    expect(noValue.stderr).toContain('nv.csv:1: the file has no value column');
    expect(noValue.stderr).not.toContain('    at ');
  });

  it('converts with --fx and uses --date for files without dates', async () => {
    const input = file('cad.csv', 'hts,value,currency\n8481.80.9050,1000.00,CAD\n');
    const r = await tariffAsync(['estimate', input, '--fx', 'CAD=0.7312', '--date', '2025-09-01', '--format', 'json']);
    expect(r.status).toBe(0);
    const line = (JSON.parse(r.stdout) as { results: Array<Record<string, unknown>> }).results[0]!;
    // $731.20 -> $731: column 1 2% = 14.62, IEEPA 35% = 255.85
    expect(line).toMatchObject({ customs_value: '731.20', fx_rate: '0.7312', duty: '270.47' });
  });

  it('validates and lists the shipped rules', async () => {
    const v = await tariffAsync(['rules', 'validate']);
    expect(v.status).toBe(0);
    expect(v.stdout).toMatch(/ok: us-canada/);
    const list = await tariffAsync(['rules', 'list', '--date', '2025-09-01']);
    expect(list.stdout).toContain('9903.01.10');
    expect(list.stdout).toContain('35%');
  });
});

describe.concurrent('tariff lookup', () => {
  it('lists what applies to one code on a date with its legal basis, and what does not and why', async () => {
    const r = await tariffAsync(['lookup', '7308.90.9590', '--date', '2026-09-20', '--value', '10000']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('9903.82.02');
    expect(r.stdout).toContain('Proclamation 11021');
    expect(r.stdout).toMatch(/9903\.05\.29[\s\S]*Section 232 goods are exempt/);
    expect(r.stdout).toContain('Duty 10,000.00 + fees 34.64 = 10,034.64 USD');
  });

  it('gives JSON, and refuses a code that does not exist with the nearest codes', async () => {
    const json = JSON.parse((await tariffAsync(['lookup', '8703.23.0190', '--date', '2026-09-20', '--value', '30000', '--usmca', '--us-content', '12000', '--format', 'json'])).stdout) as { duty: string };
    expect(json.duty).toBe('4500.00');
    const bad = await tariffAsync(['lookup', '7208.51.0099', '--date', '2025-09-10']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('nearest valid codes: 7208.51.00.60');
  });
});

describe.concurrent('tariff rules lint', () => {
  it('finds no unordered stacking in the shipped schedule', async () => {
    const r = await tariffAsync(['rules', 'lint']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(': 0 stacking warning(s)');
  });
});
