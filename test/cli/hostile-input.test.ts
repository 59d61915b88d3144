/**
 * Input files made to hurt: a field of tens of megabytes, a quote never closed, a named pipe or standard
 * input given as a path, a file truncated while it is read, text that is not UTF-8. Each is said as a
 * rejected row or one sentence, on one thread and on two alike, in time linear in the file.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/rules/paths.js';
import { tariffAsync, type CliRun } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-hostile-'));
const file = (name: string, text: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const HEAD = 'entry,hts,value,entry_date,description\n';
const row = (entry: string, value: string, description = 'valve'): string => `${entry},8481.80.9050,${value},2025-09-01,${description}\n`;
const outputRows = (stdout: string): string[] => stdout.split('\n').slice(1).filter((l) => l !== '');

describe.concurrent('a field far too long', () => {
  // 24 MB: reading it took time growing with the square of its length (16 MB: 48 s), past the test timeout.
  const huge = file('huge-field.csv', HEAD + row('A', '1000') + row('B', '7'.repeat(24 << 20)) + row('C', '125') + row('D', '10'));

  for (const jobs of ['1', '2']) {
    it(`is a rejected row with its line, and the rows after it are computed (--jobs ${jobs})`, async () => {
      const r = await tariffAsync(['estimate', huge, '--format', 'csv', '--jobs', jobs]);
      expect(r.status).toBe(2);
      const rows = outputRows(r.stdout);
      expect(rows.filter((l) => l.includes(',computed,')).map((l) => l.split(',')[0])).toEqual(['A', 'C', 'D']);
      const rejected = rows.filter((l) => l.includes(',rejected,'));
      expect(rejected).toHaveLength(1);
      expect(rejected[0]).toMatch(/^,,3,.*the row is longer than 1 MB/);
      expect(rejected[0]!.length).toBeLessThan(1000);
    });
  }
});

describe.concurrent('an unbalanced quote', () => {
  // Rows after the quote: over a part of the parallel run, so two threads meet it in a part of its own; or
  // over 1 MB, so it is passed over as a row too long and found open at the end of the file.
  const cases = [
    { after: 200, partBytes: '100' },
    { after: 40_000, partBytes: '65536' },
  ];
  for (const { after, partBytes } of cases) {
    it(`rejects the row it opens on, after computing the rows before it, on one thread and on two alike (${after} rows after it)`, async () => {
      const path = file(`unbalanced-${after}.csv`, HEAD + row('A', '1000') + row('B', '10') + row('C', '20', '"never closed') + row('D', '30').repeat(after));
      const run = (jobs: string): Promise<CliRun> => tariffAsync(['estimate', path, '--format', 'csv', '--jobs', jobs, '--debug'], undefined, { TARIFF_PART_BYTES: partBytes });
      const [one, two] = await Promise.all([run('1'), run('2')]);
      expect(one.status).toBe(2);
      const rows = outputRows(one.stdout);
      expect(rows.filter((l) => l.includes(',computed,')).map((l) => l.split(',')[0])).toEqual(['A', 'B']);
      expect(rows.filter((l) => l.includes(',rejected,'))).toEqual([expect.stringMatching(/^,,4,.*a quote opened on this row \(line 4\) is never closed, so this row and everything after it could not be read as CSV/)]);
      expect(two.stderr).toMatch(/sent to 2 threads/);
      expect(two.status).toBe(one.status);
      expect(two.stdout).toBe(one.stdout);
    });
  }
});

describe('input that is not a regular file is read once, as a stream, on one thread', () => {
  const text = HEAD + row('A', '1000') + row('B', '10');

  it('a named pipe, even with --jobs 2', async () => {
    const fifo = join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin', 'tariff.js'), 'estimate', fifo, '--format', 'csv', '--jobs', '2', '--debug'], { env: { ...process.env, NO_COLOR: '1' } });
    // Opening a pipe for writing waits for its reader: the run has opened it.
    const writer = createWriteStream(fifo);
    writer.end(text);
    // A run that opens the pipe twice waits for a second writer forever: ended, so the test fails instead.
    const hung = setTimeout(() => child.kill(), 50_000);
    const r = await finished(child);
    clearTimeout(hung);
    expect(r.stderr).not.toContain('threads');
    expect(r.status).toBe(0);
    expect(outputRows(r.stdout).map((l) => l.split(',')[0])).toEqual(['A', 'B']);
  });

  for (const jobs of ['1', '2']) {
    it(`/dev/stdin fed by a pipe (--jobs ${jobs})`, async () => {
      const r = await tariffAsync(['estimate', '/dev/stdin', '--format', 'csv', '--jobs', jobs], text);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(outputRows(r.stdout).map((l) => l.split(',')[0])).toEqual(['A', 'B']);
    });
  }
});

describe('a file truncated while it is read', () => {
  // Far more lines than are read before the first output is written and the pipe it goes to is full.
  const lines = HEAD + Array.from({ length: 150_000 }, (_, i) => row(`E${Math.floor(i / 3)}`, String(100 + (i % 50)))).join('');

  for (const jobs of ['1', '2']) {
    it(`says the file changed and exits 1 (--jobs ${jobs})`, async () => {
      const path = file(`truncated-${jobs}.csv`, lines);
      const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin', 'tariff.js'), 'estimate', path, '--format', 'csv', '--jobs', jobs], { env: { ...process.env, NO_COLOR: '1' } });
      // The first output: the run has opened the file, and it writes no further ahead of its reading than a
      // pipe and its output buffer hold (a few thousand lines), so cutting the file to a third happens in
      // the middle of the read, every time.
      child.stdout.once('data', () => truncateSync(path, Math.floor(lines.length / 3)));
      const r = await finished(child);
      expect(r.stderr).toMatch(/the file changed while it was read \(it had \d+ bytes when it was opened/);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(r.status).toBe(1);
    });
  }
});

function finished(child: ChildProcess): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr })));
}

describe.concurrent('small things said plainly', () => {
  it('a directory given as the input is named', async () => {
    const r = await tariffAsync(['estimate', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`tariff: cannot open ${dir}: it is a directory\n`);
  });

  it('a --map file saved with a UTF-8 byte-order mark is read', async () => {
    const map = file('map.json', `\uFEFF${JSON.stringify({ hts: 'Tariff No' })}`);
    const input = file('mapped.csv', 'Tariff No,value,entry_date\n8481.80.9050,1000,2025-09-01\n');
    const r = await tariffAsync(['estimate', input, '--map', map, '--format', 'csv']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(outputRows(r.stdout)).toHaveLength(1);
  });
});
