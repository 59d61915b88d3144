/**
 * `npm run bench -- --lines N [--rounds R]`: generates a realistic synthetic file and reports, in one run,
 * lines per second of `estimate` (one schedule) and `compare` (three scenarios), each on one thread and on
 * one thread per core (the default for files over 16 MB), against the floor: a bare csv-parse pass over the
 * same file (default options, records as arrays, counted by a `data` listener); and `audit` and `refund` on a
 * synthetic ACE ES-003 export of as many entry lines, against a csv-parse pass over that file. Each job runs
 * in a fresh process so its time and peak RSS are its own.
 *
 * The machines this runs on change speed from minute to minute (the floor itself has taken 2.7 s and 5.6 s
 * for the same million lines, and 1.9 to 3.5 times the floor for one job within one run): each job runs
 * between two runs of its floor and its ratio is taken against their mean, and the report gives the median
 * over the rounds (peak RSS: the largest). A floor's seconds are the median of all its runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../rules/paths.js';
import { writeBenchFile, writeEs003BenchFile } from './bench-data.js';

interface Sample {
  ms: number;
  maxRssMb: number;
}

interface Job {
  name: string;
  /** The floor this job is measured against, or none (a floor, start-up). */
  floor?: Job;
  run(): Sample;
  samples: Sample[];
  ratios: number[];
}

function argValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const FLOOR = `
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
const t0 = performance.now();
let records = 0;
const parser = parse();
parser.on('data', () => { records += 1; });
await new Promise((resolve, reject) => {
  parser.on('end', resolve);
  parser.on('error', reject);
  createReadStream(process.argv[1]).pipe(parser);
});
process.stdout.write(JSON.stringify({ ms: performance.now() - t0, maxRssKb: process.resourceUsage().maxRSS, records }));
`;

const CLI = `
const { main } = await import(process.argv[1]);
const t0 = performance.now();
const code = await main(['node', 'tariff', ...JSON.parse(process.argv[2])]);
process.stdout.write(JSON.stringify({ ms: performance.now() - t0, maxRssKb: process.resourceUsage().maxRSS, exitCode: code }));
`;

function runScript(name: string, script: string, args: string[]): Sample {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; maxRssKb: number; exitCode?: number };
  if (out.exitCode !== undefined && out.exitCode !== 0) throw new Error(`${name} exited with ${out.exitCode}: ${r.stderr}`);
  return { ms: out.ms, maxRssMb: out.maxRssKb / 1024 };
}

/** Whole-process wall time (module loading included), median of five runs. */
function startup(name: string, args: string[]): Sample {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'tariff.js'), ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0 && r.status !== 2) throw new Error(`${name} failed: ${r.stderr}`);
  }
  return { ms: median(times), maxRssMb: 0 };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function job(name: string, run: () => Sample, floor?: Job): Job {
  return { name, run, floor, samples: [], ratios: [] };
}

function row(cells: string[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(44) : c.padStart(12))).join('');
}

async function main(): Promise<void> {
  const lines = Number(argValue('--lines', '100000'));
  const rounds = Number(argValue('--rounds', lines > 2_000_000 ? '1' : '3'));
  const file = argValue('--file', join(tmpdir(), `tariff-bench-${lines}.csv`));
  if (!existsSync(file)) {
    process.stderr.write(`generating ${lines} lines into ${file}\n`);
    await writeBenchFile(file, lines, '2025-03-04', '2026-12-31');
  }
  const es003 = join(tmpdir(), `tariff-bench-es003-${lines}.csv`);
  if (!existsSync(es003)) {
    process.stderr.write(`generating an ES-003 export of ${lines} entry lines into ${es003}\n`);
    await writeEs003BenchFile(es003, lines, '2025-03-04', '2026-11-24');
  }
  const mainUrl = pathToFileURL(join(PACKAGE_ROOT, 'dist', 'cli', 'main.js')).href;
  const cli = (name: string, args: string[], floor: Job): Job => job(name, () => runScript(name, CLI, [mainUrl, JSON.stringify(args)]), floor);
  const out = ['--format', 'csv', '--out', '/dev/null'];

  const floor = job('csv-parse floor', () => runScript('floor', FLOOR, [file]));
  const jobs: Job[] = [floor];
  // Each command on one thread and on one thread per core (the default for files over 16 MB).
  const threads = Math.min(availableParallelism(), 8);
  const commands: Array<[string, string[]]> = [
    ['estimate', ['estimate', file]],
    ['compare 3 scen.', ['compare', file, '--scenario', 'current', '--scenario', 'tariffs-removed', '--scenario', 'no-ieepa']],
  ];
  for (const [name, args] of commands) {
    for (const j of [1, threads]) {
      const label = `${name}, ${j === 1 ? '1 thread' : `${j} threads`}${j === threads && statSync(file).size >= 16 << 20 ? ' (default)' : ''}`;
      jobs.push(cli(label, [...args, ...out, '--jobs', String(j)], floor));
    }
  }
  const es003Floor = job('csv-parse floor (ES-003 rows)', () => runScript('floor', FLOOR, [es003]));
  jobs.push(es003Floor);
  jobs.push(cli('audit ES-003', ['audit', es003, ...out], es003Floor));
  jobs.push(cli('refund ES-003', ['refund', es003, '--today', '2026-11-24', ...out], es003Floor));

  for (let r = 0; r < rounds; r++) {
    process.stderr.write(`round ${r + 1} of ${rounds}\n`);
    // The floor just before the job and the floor just after it: the job is set against their mean.
    const lastFloor = new Map<Job, Sample>();
    const floorNow = (f: Job): Sample => {
      const s = f.run();
      f.samples.push(s);
      lastFloor.set(f, s);
      return s;
    };
    for (const j of jobs) {
      // A floor has no floor of its own: it runs only around its jobs, through floorNow.
      if (!j.floor) continue;
      const before = lastFloor.get(j.floor) ?? floorNow(j.floor);
      const s = j.run();
      j.samples.push(s);
      const after = floorNow(j.floor);
      j.ratios.push(s.ms / ((before.ms + after.ms) / 2));
    }
  }

  const oneLine = join(tmpdir(), 'tariff-bench-1.csv');
  if (!existsSync(oneLine)) await writeBenchFile(oneLine, 1, '2025-09-10', '2025-09-10');
  const version = startup('--version', ['--version']);
  const tiny = startup('1-line estimate', ['estimate', oneLine, ...out]);

  const w = (s: string): void => void process.stdout.write(`${s}\n`);
  w(`file: ${file} (${lines.toLocaleString('en-US')} lines, ${(statSync(file).size / 1e6).toFixed(1)} MB), node ${process.version}, ${availableParallelism()} cores`);
  w(`ES-003: ${es003} (${lines.toLocaleString('en-US')} entry lines, ${(statSync(es003).size / 1e6).toFixed(1)} MB); lines/s counts entry lines, the floor counts rows`);
  w(`${rounds} round(s): each job runs between two runs of its floor; x floor is the median over the rounds of the job's time over the mean of those two floors`);
  w(row(['job', 'seconds', 'lines/s', 'x floor', 'peak RSS MB']));
  for (const j of jobs) {
    const seconds = median(j.samples.map((s) => s.ms)) / 1000;
    const ratio = j.ratios.length > 0 ? median(j.ratios).toFixed(2) : '';
    const rss = Math.max(...j.samples.map((s) => s.maxRssMb)).toFixed(0);
    w(row([j.name, seconds.toFixed(2), Math.round(lines / seconds).toLocaleString('en-US'), ratio, rss]));
  }
  w(row(['start-up: tariff --version', `${version.ms.toFixed(0)} ms`, '', '', '']));
  w(row(['start-up: estimate on a 1-line file', `${tiny.ms.toFixed(0)} ms`, '', '', '']));
  if (rounds > 1) {
    w('per round, x floor:');
    for (const j of jobs) if (j.ratios.length > 0) w(`  ${j.name.padEnd(42)} ${j.ratios.map((x) => x.toFixed(2)).join('  ')}`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
