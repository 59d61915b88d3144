/**
 * Worker threads must not change a byte of the output: each file is run on one thread and on two, cut into
 * parts of a few hundred bytes so that every kind of part boundary occurs, and the outputs, the rejects
 * files, the messages and the exit codes are compared.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeBenchFile } from '../../src/scripts/bench-data.js';
import { tariffAsync, type CliRun } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-parallel-'));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

type Run = CliRun & { rejects: string };

let runs = 0;
/** The run on one thread and on two, side by side (each through files of its own). */
async function bothWays(args: string[], partBytes: number): Promise<{ one: Run; two: Run }> {
  const run = async (jobs: string): Promise<Run> => {
    // Through files: the output of a few thousand lines is more than a pipe is read for here.
    const out = join(dir, `out-${(runs += 1)}-${jobs}.csv`);
    const rejects = join(dir, `rejects-${runs}-${jobs}.csv`);
    writeFileSync(out, '');
    writeFileSync(rejects, '');
    const r = await tariffAsync([...args, '--format', 'csv', '--out', out, '--rejects', rejects, '--jobs', jobs, '--debug'], undefined, { TARIFF_PART_BYTES: String(partBytes) });
    return { ...r, stdout: readFileSync(out, 'utf8'), rejects: readFileSync(rejects, 'utf8') };
  };
  const [one, two] = await Promise.all([run('1'), run('2')]);
  return { one, two };
}

async function expectSame(args: string[], partBytes: number): Promise<string> {
  return checkSame(await bothWays(args, partBytes));
}

/** The checks of expectSame on runs already made (a test that checks more of the same runs). */
function checkSame({ one, two }: { one: Run; two: Run }): string {
  expect(two.status).toBe(one.status);
  expect(two.stdout.split('\n').length).toBeGreaterThan(2);
  expect(two.stdout).toBe(one.stdout);
  expect(two.rejects).toBe(one.rejects);
  expect(two.stderr.replace(/^debug: .*\n/gm, '')).toBe(one.stderr);
  expect(one.stderr).not.toContain('debug:');
  return two.stderr;
}

const SCENARIOS = ['--scenario', 'current', '--scenario', 'tariffs-removed', '--scenario', 'no-ieepa'];

describe.concurrent('estimate and compare on worker threads', () => {
  let bench: string;
  beforeAll(async () => {
    bench = join(dir, 'bench.csv');
    await writeBenchFile(bench, 3000, '2025-03-04', '2026-12-31');
  });

  it('gives the same CSV as one thread on a generated file of 3,000 lines in 60 parts', async () => {
    const trace = await expectSame(['estimate', bench], 4096);
    expect(trace).toMatch(/debug: \d{2,} part\(s\) of about 4096 bytes sent to 2 threads/);
    expect(trace).not.toContain('one thread');
  });

  it('gives the same comparison of three scenarios', async () => {
    const [scenarios, refund] = await Promise.all([expectSame(['compare', bench, ...SCENARIOS], 4096), expectSame(['compare', bench, '--refund'], 4096)]);
    expect(scenarios).toMatch(/sent to 2 threads/);
    expect(refund).toMatch(/sent to 2 threads/);
  });

  const lines = [
    'entry,hts,value,entry_date,description',
    'A,8481.80.9050,1000,2025-09-01,valve',
    'A,9999.99.9999,5,2025-09-01,unknown code between lines of an entry',
    'A,7208.51.0030,2500,2025-09-01,"steel, plate"',
    '',
    'B,8481.80.9050,abc,2025-09-01,bad value',
    'B,2709.00.2090,310000,2025-09-01,"crude\noil"',
    'C,8481.80.9050,125,2025-09-01,small',
    'D,3926.90.9910,700,2025-09-01,plastic',
    'D,8481.80.9050,12,2025-13-01,impossible date',
    'E,8481.80.9050,900000,2025-09-01,valve',
    'E,8481.80.9050,900000,2025-09-01,"valve ""large"""',
  ];

  it('gives the same result where parts start with rejected rows, quoted line breaks, blank lines and CRLF', async () => {
    const text = `${lines.join('\n')}\n`;
    const lf = file('tricky.csv', text);
    const crlf = file('tricky-crlf.csv', text.replace(/\n(?=[A-Z]|$)/g, '\r\n'));
    await Promise.all([40, 90, 200].flatMap((size) => [expectSame(['estimate', lf], size), expectSame(['estimate', crlf], size)]));
  });

  it('writes a rejected row in its place among the lines of the entry open when it is read (CSV, estimate and compare), the same on two threads', async () => {
    // A1/1, A1/2 (value not a number: the reader rejects it), A1/3, B1/1 (no such HTS: the schedule rejects it), B1/2, ...
    const keys: string[] = [];
    const rows: string[] = [];
    for (let n = 1; n <= 12; n++) {
      const row = (entry: string, line: number, hts: string, value: string): void => {
        keys.push(`${entry}/${line}`);
        rows.push(`${entry},${line},${hts},${value},2025-09-01`);
      };
      row(`A${n}`, 1, '8481.80.9050', '100');
      row(`A${n}`, 2, '8481.80.9050', 'x1');
      row(`A${n}`, 3, '8481.80.9050', '200');
      row(`B${n}`, 1, '9999.99.9999', '100');
      row(`B${n}`, 2, '8481.80.9050', '300');
    }
    const input = file('in-place.csv', `entry,line,hts,value,entry_date\n${rows.join('\n')}\n`);
    const lineKeys = (csv: string, prefix: string): string[] =>
      csv.trim().split('\n').slice(1).filter((r) => r.startsWith(prefix)).map((r) => r.slice(prefix.length).split(',').slice(0, 2).join('/'));
    const bySize = [60, 150, 400].map(async (size) => {
      const [estimated, compared] = await Promise.all([bothWays(['estimate', input], size), bothWays(['compare', input, ...SCENARIOS], size)]);
      const { one, two } = estimated;
      expect(one.status).toBe(2);
      expect(lineKeys(one.stdout, '')).toEqual(keys);
      expect(two.stdout).toBe(one.stdout);
      expect(two.rejects).toBe(one.rejects);
      // The checks of expectSame, on the same two runs (the same arguments and part size).
      expect(checkSame(estimated)).toMatch(/sent to 2 threads/);
      expect(lineKeys(compared.one.stdout, 'line,')).toEqual(keys);
      expect(compared.two.stdout).toBe(compared.one.stdout);
    });
    const toStdout = tariffAsync(['estimate', input, '--format', 'csv']);
    await Promise.all(bySize);
    expect((await toStdout).stdout.split('\n').slice(1, 6).map((r) => r.split(',').slice(0, 2).join('/'))).toEqual(keys.slice(0, 5));
  });

  it('computes on one thread, with the same result, a file where an entry appears again after others (its lines are gathered first)', async () => {
    const body = lines.slice(1).join('\n');
    const text = `${lines[0]}\n${body}\n${body}\n${body.replace(/^E,/gm, 'A,')}\n`;
    const again = file('again.csv', text);
    const [trace] = await Promise.all([expectSame(['estimate', again], 120), expectSame(['compare', again, ...SCENARIOS], 120)]);
    expect(trace).toMatch(/debug: entries A, B, C, D, E have lines apart in the file: their lines are gathered first \(one more pass\), and the file is computed on one thread/);
  });

  it('computes on one thread, with the same result, an entry too long to be cut into parts', async () => {
    const body = lines.slice(1).map((l) => l.replace(/^[A-Z],/, 'Z,'));
    // Without entry B's rejected row before the long entry: B would then have lines apart (computed on one thread).
    const text = `${lines[0]}\n${lines.slice(1, 5).join('\n')}\n${[...body, ...body, ...body, ...body].join('\n')}\n${lines.slice(6).join('\n')}\n`;
    expect(await expectSame(['estimate', file('long-entry.csv', text)], 40)).toMatch(/in the middle of an entry too long to be a part of its own; the rest of the file is computed on one thread/);
  });

  it('reads a replacement character spelled out in UTF-8 across the point where a part is decoded in two (16 KB in)', async () => {
    const head = 'entry,hts,value,entry_date,description\n';
    const row = (n: number, description: string): string => `E${n},7208510030,1,2025-09-10,${description}\n`;
    let body = '';
    let n = 0;
    while (Buffer.byteLength(body + row(n + 1, 'plain') + row(n + 2, 'plain')) < 16_000) body += row(++n, 'plain');
    // The part starts after the header: its bytes 16382-16384 are EF BF BD.
    const prefix = `E${n + 1},7208510030,1,2025-09-10,`;
    body += row(++n, `${'x'.repeat(16_382 - Buffer.byteLength(body + prefix))}\uFFFD marked`);
    expect(Buffer.from(body, 'utf8').subarray(16_382, 16_385)).toEqual(Buffer.from([0xef, 0xbf, 0xbd]));
    while (Buffer.byteLength(body) < 40_000) body += row(++n, 'plain');
    const r = await bothWays(['estimate', file('replacement.csv', head + body)], 32_768);
    expect(r.two.stderr).toMatch(/sent to 2 threads/);
    expect(r.one.status).toBe(0);
    expect(r.two.status).toBe(0);
    expect(r.two.stdout).toBe(r.one.stdout);
    expect(r.two.stdout).toContain('\uFFFD marked');
  });

  it('numbers lines the same when the file has no line column, and rejects the same row on a quote never closed', async () => {
    const text = `${lines.join('\n')}\n${lines.slice(1, 6).join('\n')}\nF,8481.80.9050,10,2025-09-01,"never closed\nF,8481.80.9050,10,2025-09-01,x\n`;
    const r = await bothWays(['estimate', file('unclosed.csv', text)], 60);
    expect(r.two.status).toBe(r.one.status);
    expect(r.one.status).toBe(2);
    expect(r.two.stdout).toBe(r.one.stdout);
    expect(r.two.rejects).toBe(r.one.rejects);
    expect(r.two.stderr.replace(/^debug: .*\n/gm, '')).toBe(r.one.stderr);
    expect(r.one.stdout).toMatch(/^,,\d+,.*rejected.*a quote opened on this row \(line \d+\) is never closed/m);
  });
});
