/**
 * Nothing lost (issue 17): a file a command writes never destroys what was there unless the run succeeded.
 * --out, --rejects or --cape naming the input (directly, through `..`, a symbolic or a hard link), a file
 * read, or each other is refused before anything is opened; a run that computes nothing, fails to write or
 * is interrupted leaves an existing target byte for byte as it was, and no temporary file beside it.
 */
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/rules/paths.js';
import { writeBenchFile } from '../../src/scripts/bench-data.js';
import { tariffAsync } from '../helpers/cli.js';

const SAMPLE = join(PACKAGE_ROOT, 'data', 'examples', 'sample-entries.csv');
const ES003 = join(PACKAGE_ROOT, 'data', 'examples', 'es003-sample.csv');
const KEPT = 'what the user had before\n';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'tariff-out-'));
}

/** Files in `dir` other than those named: temporary files left behind. */
function leftovers(dir: string, ...expected: string[]): string[] {
  return readdirSync(dir).filter((f) => !expected.includes(f));
}

describe.concurrent('an output naming the input is refused before anything is opened', () => {
  const dir = folder();
  const input = join(dir, 'lines.csv');
  copyFileSync(SAMPLE, input);
  const before = readFileSync(input);
  mkdirSync(join(dir, 'sub'));
  symlinkSync(input, join(dir, 'link.csv'));
  linkSync(input, join(dir, 'hard.csv'));
  const ways: Array<[string, string]> = [
    ['directly', input],
    ['through ..', join(dir, 'sub', '..', 'lines.csv')],
    ['through a symbolic link', join(dir, 'link.csv')],
    ['through a hard link', join(dir, 'hard.csv')],
  ];
  for (const [how, out] of ways) {
    for (const option of ['--out', '--rejects']) {
      it(`${option} ${how}: exit 1, input unchanged, the message names both`, async () => {
        const r = await tariffAsync(['estimate', input, option, out, '--format', 'csv']);
        expect(r.status).toBe(1);
        expect(r.stderr).toContain(`${option} ${out} is the input file ${input}`);
        expect(readFileSync(input)).toEqual(before);
      });
    }
  }

  it('compare and audit check too', async () => {
    const c = await tariffAsync(['compare', input, '--scenario', 'current', '--scenario', 'tariffs-removed', '--out', join(dir, 'link.csv')]);
    expect(c.status).toBe(1);
    expect(readFileSync(input)).toEqual(before);
    const es = join(dir, 'es003.csv');
    copyFileSync(ES003, es);
    const a = await tariffAsync(['refund', es, '--today', '2026-11-24', '--cape', es]);
    expect(a.status).toBe(1);
    expect(a.stderr).toContain(`--cape ${es} is the input file ${es}`);
    expect(readFileSync(es)).toEqual(readFileSync(ES003));
  });

  it('a file the command reads (--fx-file) is not an output', async () => {
    const fx = join(dir, 'rates.csv');
    writeFileSync(fx, 'currency,rate\nCAD,0.7312\n');
    const r = await tariffAsync(['estimate', input, '--fx-file', fx, '--out', fx]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`--out ${fx} is the --fx-file file ${fx}`);
    expect(readFileSync(fx, 'utf8')).toBe('currency,rate\nCAD,0.7312\n');
  });
});

describe.concurrent('two outputs naming one file', () => {
  it('--rejects equal to --out is refused (also when neither exists yet)', async () => {
    const dir = folder();
    const r = await tariffAsync(['estimate', SAMPLE, '--out', join(dir, 'out.csv'), '--rejects', join(dir, '.', 'out.csv')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('are the same file');
    expect(leftovers(dir)).toEqual([]);
  });

  it('--cape equal to --out (refund) is refused and the existing file kept', async () => {
    const dir = folder();
    const out = join(dir, 'refund.csv');
    writeFileSync(out, KEPT);
    const r = await tariffAsync(['refund', ES003, '--today', '2026-11-24', '--out', out, '--cape', out]);
    expect(r.status).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe(KEPT);
  });

  it('a device can be named twice (--out /dev/null --rejects /dev/null)', async () => {
    const r = await tariffAsync(['estimate', SAMPLE, '--out', '/dev/null', '--rejects', '/dev/null', '--format', 'csv']);
    expect(r.status).toBe(0);
  });
});

describe.concurrent('an existing --out is kept when the run computes nothing', () => {
  const cases: Array<[string, (dir: string) => string]> = [
    ['the input is missing', (dir) => join(dir, 'no-such-file.csv')],
    ['the input has no hts column', (dir) => {
      const p = join(dir, 'no-hts.csv');
      writeFileSync(p, 'value,entry_date\n100,2025-09-10\n');
      return p;
    }],
    ['the input is UTF-16', (dir) => {
      const p = join(dir, 'utf16.csv');
      writeFileSync(p, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(SAMPLE, 'utf8'), 'utf16le')]));
      return p;
    }],
  ];
  for (const [why, makeInput] of cases) {
    it(`${why}: exit 1, --out and --rejects byte for byte as they were, no temporary file`, async () => {
      const dir = folder();
      const input = makeInput(dir);
      const out = join(dir, 'out.csv');
      const rejects = join(dir, 'rejects.csv');
      writeFileSync(out, KEPT);
      writeFileSync(rejects, KEPT);
      const r = await tariffAsync(['estimate', input, '--out', out, '--rejects', rejects, '--format', 'csv']);
      expect(r.status).toBe(1);
      expect(readFileSync(out, 'utf8')).toBe(KEPT);
      expect(readFileSync(rejects, 'utf8')).toBe(KEPT);
      expect(leftovers(dir, 'out.csv', 'rejects.csv', 'no-hts.csv', 'utf16.csv')).toEqual([]);
    });
  }
});

describe.concurrent('a successful run replaces the target', () => {
  it('an existing file keeps its mode; a new one is created; nothing else is left in the folder', async () => {
    const dir = folder();
    const out = join(dir, 'out.csv');
    writeFileSync(out, KEPT);
    chmodSync(out, 0o640);
    const r = await tariffAsync(['estimate', SAMPLE, '--out', out, '--rejects', join(dir, 'rejects.csv'), '--format', 'csv']);
    expect(r.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^entry,line,/);
    expect(statSync(out).mode & 0o777).toBe(0o640);
    expect(existsSync(join(dir, 'rejects.csv'))).toBe(true);
    expect(leftovers(dir, 'out.csv', 'rejects.csv')).toEqual([]);
  });

  it('--out through a symbolic link writes the file it points to and keeps the link', async () => {
    const dir = folder();
    const real = join(dir, 'real.csv');
    writeFileSync(real, KEPT);
    symlinkSync(real, join(dir, 'link.csv'));
    const r = await tariffAsync(['estimate', SAMPLE, '--out', join(dir, 'link.csv'), '--format', 'csv']);
    expect(r.status).toBe(0);
    expect(readFileSync(real, 'utf8')).toMatch(/^entry,line,/);
    expect(statSync(join(dir, 'link.csv')).ino).toBe(statSync(real).ino);
  });
});

describe.concurrent('output that cannot be written', () => {
  it.skipIf(!existsSync('/dev/full'))('a device target (/dev/full) is written directly; the failure is said once and exits 3', async () => {
    const r = await tariffAsync(['estimate', SAMPLE, '--out', '/dev/full', '--format', 'csv']);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe('tariff: cannot write /dev/full: no space left on the device\n');
  });

  it('--rejects to /dev/full exits 3', async () => {
    const r = await tariffAsync(['estimate', join(PACKAGE_ROOT, 'test', 'fixtures', 'bad', 'negative-value.csv'), '--out', '/dev/null', '--rejects', '/dev/full', '--format', 'csv']);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('cannot write /dev/full');
  });

  it('a file that reaches the size limit (ulimit -f) leaves the target as it was, exit 3, no temporary file', async () => {
    const dir = folder();
    const out = join(dir, 'out.csv');
    writeFileSync(out, KEPT);
    // 4 blocks of 1 KB: the sample's CSV (11 KB) does not fit.
    // Without blocking the test process while the CLI runs (see tariffAsync).
    const r = await new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn('sh', ['-c', `ulimit -f 4 && exec "${process.execPath}" bin/tariff.js estimate "${SAMPLE}" --format csv --out "${out}"`], { cwd: PACKAGE_ROOT, env: { ...process.env, NO_COLOR: '1' } });
      child.stdin.end();
      child.stdout.resume();
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stderr }));
    });
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(`tariff: cannot write ${out}: the file size limit was reached; ${out} was left as it was\n`);
    expect(r.stderr).not.toContain('Lines read');
    expect(readFileSync(out, 'utf8')).toBe(KEPT);
    expect(leftovers(dir, 'out.csv')).toEqual([]);
  });
});

describe('an interrupted run', () => {
  const big = join(folder(), 'big.csv');
  beforeAll(async () => {
    await writeBenchFile(big, 100_000, '2025-03-04', '2026-12-31');
  }, 60_000);

  /** Starts a run, waits until its temporary file has bytes, sends the signal; resolves when it ended. */
  function interrupt(args: string[], dir: string, signal: NodeJS.Signals): Promise<{ status: number | null; stderr: string; sawTemp: boolean }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin', 'tariff.js'), ...args], { cwd: PACKAGE_ROOT, env: { ...process.env, NO_COLOR: '1' } });
      let stderr = '';
      let sawTemp = false;
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      const poll = setInterval(() => {
        const temp = readdirSync(dir).find((f) => f.endsWith('.tmp'));
        if (temp && statSync(join(dir, temp)).size > 0) {
          sawTemp = true;
          clearInterval(poll);
          child.kill(signal);
        }
      }, 5);
      child.on('error', reject);
      child.on('close', (status) => {
        clearInterval(poll);
        resolve({ status, stderr, sawTemp });
      });
    });
  }

  for (const [signal, code, jobs] of [['SIGTERM', 143, '1'], ['SIGINT', 130, '1'], ['SIGTERM', 143, '2']] as const) {
    it(`${signal} (--jobs ${jobs}) after output started: exit ${code}, the target as it was, no temporary file, said on stderr`, async () => {
      const dir = folder();
      const out = join(dir, 'out.csv');
      writeFileSync(out, KEPT);
      const r = await interrupt(['estimate', big, '--format', 'csv', '--jobs', jobs, '--out', out], dir, signal);
      expect(r.sawTemp).toBe(true);
      expect(r.status).toBe(code);
      expect(r.stderr).toContain(`tariff: interrupted (${signal}): ${out} was left as it was`);
      expect(readFileSync(out, 'utf8')).toBe(KEPT);
      expect(leftovers(dir, 'out.csv')).toEqual([]);
    }, 60_000);
  }
});

describe.concurrent('the rejects file gives rows that are not UTF-8 back unchanged', () => {
  const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');
  const header = 'entry,hts,value,entry_date,description\n';
  const rows = ['E1,8481.80.9050,1000.00,2025-09-01,caf\xe9 cr\xe8me\n', 'E1,8481.80.9050,1000.00,2025-09-01,"D\xe9j\xe0, vu"\n'];
  const fine = 'E2,8481.80.9050,1000.00,2025-09-01,fine\n';
  const reason = (line: number): string => `line ${line}: the row contains bytes that are not UTF-8 text (the file may be Latin-1 or Windows-1252): save it as UTF-8`;
  const expected = Buffer.concat([latin1(header.replace('\n', ',reject_reason\n')), latin1(rows[0]!.replace('\n', `,${reason(2)}\n`)), latin1(rows[1]!.replace('\n', `,${reason(3)}\n`))]);

  for (const jobs of ['1', '2']) {
    it(`Latin-1 bytes are written as they were, not as U+FFFD (--jobs ${jobs})`, async () => {
      const dir = folder();
      const input = join(dir, 'latin1.csv');
      writeFileSync(input, latin1(header + rows.join('') + fine));
      const rejects = join(dir, 'rejects.csv');
      const r = await tariffAsync(['estimate', input, '--format', 'csv', '--jobs', jobs, '--out', join(dir, 'out.csv'), '--rejects', rejects], undefined, { TARIFF_PART_BYTES: '64' });
      expect(r.status).toBe(2);
      expect(readFileSync(rejects).toString('hex')).toBe(expected.toString('hex'));
      // What people see of the row is still the usual replacement character.
      expect(readFileSync(join(dir, 'out.csv'), 'utf8')).not.toContain('\xe9');
    });
  }

  it('an ES-003 row in Latin-1 too (audit)', async () => {
    const dir = folder();
    const lines = readFileSync(ES003, 'utf8').split('\n');
    const bad = lines[1]!.replace(/,[^,]*$/, ',caf\xe9');
    const input = join(dir, 'es003.csv');
    writeFileSync(input, latin1([lines[0], bad, ''].join('\n')));
    const rejects = join(dir, 'rejects.csv');
    const r = await tariffAsync(['audit', input, '--format', 'csv', '--out', join(dir, 'out.csv'), '--rejects', rejects]);
    expect(r.status).toBe(2);
    expect(readFileSync(rejects).subarray(0, Buffer.byteLength(lines[0]!)).toString()).toBe(lines[0]);
    expect(readFileSync(rejects).includes(latin1(`${bad},line 2: `))).toBe(true);
  });
});
