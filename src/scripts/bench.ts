/**
 * `npm run bench -- --lines N`: generates a realistic synthetic file and reports, in one run, lines per
 * second of `estimate` (one schedule) and `compare` (three scenarios) against the floor: a bare csv-parse
 * pass over the same file (default options, records as arrays, counted by a `data` listener); and `audit` and
 * `refund` on a synthetic ACE ES-003 export of as many entry lines, against a csv-parse pass over that file.
 * Each job runs in a fresh process so its time and peak RSS are its own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../rules/paths.js';
import { writeBenchFile, writeEs003BenchFile } from './bench-data.js';

interface JobResult {
  name: string;
  ms: number;
  maxRssMb: number;
  records?: number;
  exitCode?: number;
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

function runJob(name: string, script: string, args: string[]): JobResult {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; maxRssKb: number; records?: number; exitCode?: number };
  if (out.exitCode !== undefined && out.exitCode !== 0) throw new Error(`${name} exited with ${out.exitCode}: ${r.stderr}`);
  return { name, ms: out.ms, maxRssMb: out.maxRssKb / 1024, records: out.records, exitCode: out.exitCode };
}

/** Whole-process wall time (module loading included), median of five runs. */
function startup(name: string, args: string[]): JobResult {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'tariff.js'), ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0 && r.status !== 2) throw new Error(`${name} failed: ${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  return { name, ms: times[2]!, maxRssMb: 0 };
}

function row(cells: string[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(38) : c.padStart(12))).join('');
}

async function main(): Promise<void> {
  const lines = Number(argValue('--lines', '100000'));
  const file = argValue('--file', join(tmpdir(), `tariff-bench-${lines}.csv`));
  if (!existsSync(file)) {
    process.stderr.write(`generating ${lines} lines into ${file}\n`);
    await writeBenchFile(file, lines, '2025-03-04', '2026-12-31');
  }
  const mainUrl = pathToFileURL(join(PACKAGE_ROOT, 'dist', 'cli', 'main.js')).href;
  const jobs: JobResult[] = [];
  const floor = runJob('csv-parse floor', FLOOR, [file]);
  jobs.push(floor);
  // Each command on one thread and on one thread per core (the default for files over 16 MB).
  const threads = String(Math.min(availableParallelism(), 8));
  const commands: Array<[string, string[]]> = [
    ['estimate', ['estimate', file]],
    ['compare 3 scen.', ['compare', file, '--scenario', 'current', '--scenario', 'tariffs-removed', '--scenario', 'no-ieepa']],
  ];
  for (const [name, args] of commands) {
    for (const j of ['1', threads]) {
      const label = `${name}, ${j === '1' ? '1 thread' : `${j} threads`} (csv out)`;
      jobs.push(runJob(label, CLI, [mainUrl, JSON.stringify([...args, '--format', 'csv', '--out', '/dev/null', '--jobs', j])]));
    }
  }
  const es003 = join(tmpdir(), `tariff-bench-es003-${lines}.csv`);
  if (!existsSync(es003)) {
    process.stderr.write(`generating an ES-003 export of ${lines} entry lines into ${es003}\n`);
    await writeEs003BenchFile(es003, lines, '2025-03-04', '2026-11-24');
  }
  const es003Floor = runJob('csv-parse floor (ES-003 rows)', FLOOR, [es003]);
  jobs.push(es003Floor);
  jobs.push(runJob('audit ES-003 (csv out)', CLI, [mainUrl, JSON.stringify(['audit', es003, '--format', 'csv', '--out', '/dev/null'])]));
  jobs.push(runJob('refund ES-003 (csv out)', CLI, [mainUrl, JSON.stringify(['refund', es003, '--today', '2026-11-24', '--format', 'csv', '--out', '/dev/null'])]));
  const oneLine = join(tmpdir(), 'tariff-bench-1.csv');
  if (!existsSync(oneLine)) await writeBenchFile(oneLine, 1, '2025-09-10', '2025-09-10');
  jobs.push(startup('start-up: tariff --version', ['--version']));
  jobs.push(startup('start-up: estimate on a 1-line file', ['estimate', oneLine, '--format', 'csv', '--out', '/dev/null']));

  const sizeMb = statSync(file).size / 1e6;
  process.stdout.write(`file: ${file} (${lines.toLocaleString('en-US')} lines, ${sizeMb.toFixed(1)} MB), node ${process.version}\n`);
  process.stdout.write(`ES-003: ${es003} (${lines.toLocaleString('en-US')} entry lines, ${(statSync(es003).size / 1e6).toFixed(1)} MB); lines/s counts entry lines, the floor counts rows\n`);
  process.stdout.write(`${row(['job', 'seconds', 'lines/s', 'x floor', 'peak RSS MB'])}\n`);
  for (const j of jobs) {
    const seconds = j.ms / 1000;
    const perSecond = j.name.startsWith('start-up') ? '' : Math.round(lines / seconds).toLocaleString('en-US');
    const base = j.name.includes('ES-003') ? es003Floor : floor;
    const ratio = j === floor || j === es003Floor || j.name.startsWith('start-up') ? '' : (j.ms / base.ms).toFixed(2);
    const rss = j.name.startsWith('start-up') ? '' : j.maxRssMb.toFixed(0);
    process.stdout.write(`${row([j.name, j.name.startsWith('start-up') ? `${j.ms.toFixed(0)} ms` : seconds.toFixed(2), perSecond, ratio, rss])}\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
