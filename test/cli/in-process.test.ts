/**
 * The CLI tests run the built program's `main` in the test process (see helpers/cli.ts). This checks that such a
 * run is the run a user gets: bin/tariff.js, in a process of its own, gives the same bytes on standard output
 * and standard error and the same exit code, for a run that succeeds, one with rejected rows, one that stops on
 * a usage error, a comparison, help, and a run that writes a file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariffAsync, tariffProcess } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-in-process-'));
const mixed = join(dir, 'mixed.csv');
writeFileSync(mixed, 'hts,value,entry_date,description\n8481.80.9050,1000,2025-09-01,good\n9999.99.9999,5,2025-09-01,unknown\n8481.80.9050,abc,2025-09-01,bad value\n');

const RUNS: Array<[string, string[], string | undefined]> = [
  ['an estimate as JSON', ['estimate', 'data/examples/sample-entries.csv', '--format', 'json'], undefined],
  ['an estimate read from standard input, with rejected rows', ['estimate', '-', '--format', 'csv'], readFileSync(mixed, 'utf8')],
  ['a comparison as a table', ['compare', 'data/examples/sample-entries.csv', '--scenario', 'current', '--scenario', 'tariffs-removed', '--format', 'table'], undefined],
  ['a usage error', ['estimate', 'data/examples/sample-entries.csv', '--format', 'nope'], undefined],
  ['a file that does not exist', ['estimate', join(dir, 'missing.csv')], undefined],
  ['help', ['compare', '--help'], undefined],
  ['explain', ['explain', 'data/examples/sample-entries.csv', '--line', '3'], undefined],
];

describe.concurrent('a run in the test process is the run bin/tariff.js makes', () => {
  for (const [what, args, input] of RUNS) {
    it(`gives the same output and exit code: ${what}`, async () => {
      const [here, own] = await Promise.all([tariffAsync(args, input), tariffProcess(args, input)]);
      expect(own.stdout.length + own.stderr.length).toBeGreaterThan(0);
      expect(here).toEqual(own);
    });
  }

  it('writes the same --out and --rejects files', async () => {
    const run = async (how: typeof tariffAsync, name: string): Promise<{ status: number; out: string; rejects: string }> => {
      const out = join(dir, `${name}.csv`);
      const rejects = join(dir, `${name}-rejects.csv`);
      const r = await how(['estimate', mixed, '--format', 'csv', '--out', out, '--rejects', rejects]);
      return { status: r.status, out: readFileSync(out, 'utf8'), rejects: readFileSync(rejects, 'utf8') };
    };
    const [here, own] = await Promise.all([run(tariffAsync, 'here'), run(tariffProcess, 'own')]);
    expect(own.status).toBe(2);
    expect(own.rejects).toContain('bad value');
    expect(here).toEqual(own);
  });
});
