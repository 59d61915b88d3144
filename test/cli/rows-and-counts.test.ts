/**
 * Issue 19, no silent wrong numbers: a rejected row keeps which line it is in every output, every output
 * carries the counts, a row error says its column and value once, and --bom marks CSV for Excel.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariffAsync, tariffOnce } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-rows-'));
const input = join(dir, 'lines.csv');
writeFileSync(
  input,
  [
    'entry,line,hts,description,origin,value,entry_date',
    'E1,1,0101.21.0010,Horses,CA,100,2025-06-01',
    'E1,2,0101.21.0010,Ponies,CA,12x,2025-06-01',
    'E2,7,9999.99.9999,Nothing,CA,101,2025-06-01',
  ].join('\n') + '\n',
);
const SCENARIOS = ['--scenario', 'current', '--scenario', 'tariffs-removed'];

describe.concurrent('a rejected row keeps its entry, line, HTS and description', () => {
  it('estimate CSV', async () => {
    const r = await tariffOnce(['estimate', input, '--format', 'csv']);
    expect(r.status).toBe(2);
    const rows = r.stdout.split('\n').filter((l) => l.includes(',rejected,'));
    expect(rows.map((l) => l.split(',').slice(0, 5).join(','))).toEqual(['E1,2,3,0101.21.0010,Ponies', 'E2,7,4,9999.99.99.99,Nothing']);
  });

  it('estimate JSON', async () => {
    const r = await tariffAsync(['estimate', input, '--format', 'json']);
    const results = JSON.parse(r.stdout).results as Array<Record<string, unknown>>;
    const rejected = results.filter((x) => x.type === 'rejected');
    expect(rejected.map((x) => [x.entry, x.line, x.hts, x.description, x.sourceLine])).toEqual([
      ['E1', '2', '0101.21.0010', 'Ponies', 3],
      ['E2', '7', '9999.99.99.99', 'Nothing', 4],
    ]);
  });

  it('compare CSV', async () => {
    const r = await tariffAsync(['compare', input, ...SCENARIOS, '--format', 'csv']);
    const rows = r.stdout.split('\n').filter((l) => l.includes(',rejected,'));
    expect(rows.map((l) => l.split(',').slice(0, 6).join(','))).toEqual(['line,E1,2,3,0101.21.0010,Ponies', 'line,E2,7,4,9999.99.99.99,Nothing']);
  });
});

describe.concurrent('every output carries the counts', () => {
  const COUNTS = 'Lines read 3 = computed 1 + not importable 0 + outside these rules 0 + rejected 2; of the computed: lower bound (incomplete) 0, depending on UNVERIFIED facts 0, assumed 0';

  it('the JSON summaries (estimate and compare) have them all', async () => {
    for (const args of [['estimate', input], ['compare', input, ...SCENARIOS]]) {
      const counts = JSON.parse((await tariffAsync([...args, '--format', 'json'])).stdout).summary.counts;
      expect(counts).toMatchObject({ read: 3, computed: 1, prohibited: 0, rejected: 2, incomplete: 0, dependingOnUnverified: 0, assumed: 0 });
    }
  });

  it('the compare table shows them', async () => {
    expect((await tariffAsync(['compare', input, ...SCENARIOS, '--format', 'table'])).stdout).toContain(`${COUNTS}; entries 1`);
  });

  it('a run writing to --out says them on stderr (estimate in every format, and compare)', async () => {
    const out = join(dir, 'out');
    for (const format of ['csv', 'json', 'table', 'html']) expect((await tariffAsync(['estimate', input, '--format', format, '--out', out])).stderr).toContain(COUNTS);
    expect((await tariffAsync(['compare', input, ...SCENARIOS, '--format', 'csv', '--out', out])).stderr).toContain(`${COUNTS} (in the first scenario)`);
  });
});

describe.concurrent('a row error says its column and value once on the list of rejected lines', () => {
  it('on the list of rejected lines', async () => {
    const table = (await tariffAsync(['estimate', input, '--format', 'table'])).stdout;
    expect(table).toContain(`${input}:3: value "12x" is not a number`);
    expect(table).toContain(`${input}:4: HTS 9999.99.99.99 does not exist`);
  });

  it('a reason that does not name its column still gets it, once', async () => {
    const file = join(dir, 'currency.csv');
    writeFileSync(file, 'entry,line,hts,origin,value,entry_date,currency\nE1,1,0101.21.0010,CA,100,2025-06-01,EUR\n');
    expect((await tariffAsync(['estimate', file, '--format', 'table'])).stdout).toContain(`${file}:2: currency: no exchange rate for EUR`);
  });
});

describe.concurrent('--bom', () => {
  const BOM = '\uFEFF';
  it('starts CSV output with a UTF-8 byte-order mark, on stdout and in --out (estimate and compare)', async () => {
    expect((await tariffAsync(['estimate', input, '--format', 'csv', '--bom'])).stdout.startsWith(`${BOM}entry,`)).toBe(true);
    const out = join(dir, 'bom.csv');
    await tariffAsync(['compare', input, ...SCENARIOS, '--format', 'csv', '--bom', '--out', out]);
    expect(readFileSync(out).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect((await tariffOnce(['estimate', input, '--format', 'csv'])).stdout.startsWith('entry,')).toBe(true);
  });

  it('is a usage error for output that is not CSV, and is in --help', async () => {
    const r = await tariffAsync(['estimate', input, '--format', 'json', '--bom']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--bom is for CSV output');
    expect((await tariffAsync(['estimate', '--help'])).stdout).toContain('--bom');
    expect((await tariffAsync(['compare', '--help'])).stdout).toContain('--bom');
  });
});
