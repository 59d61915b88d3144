import { spawn } from 'node:child_process';
import { availableParallelism, setPriority } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { main as Main } from '../../src/cli/main.js';
import { PACKAGE_ROOT } from '../../src/rules/paths.js';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

const BIN = join(PACKAGE_ROOT, 'bin', 'tariff.js');

function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env };
}

/**
 * Runs the built CLI (npm test builds first) as a user would, without colour, and without blocking the test
 * process while it runs: runs can overlap (Promise.all), and the test runner's own messages are answered
 * meanwhile (a test blocked in spawnSync for a minute on a busy machine made vitest fail with "Timeout calling
 * onTaskUpdate"; there is no synchronous variant for that reason).
 *
 * The built program's `main` runs in this process, on streams of the test's own: the same code from the command
 * line to the exit code as `bin/tariff.js` runs, without a process of its own to start (most of the suite's time
 * when each run had one). What only a process of its own can show (a pipe closed by its reader, a signal, a
 * size limit, the environment it starts with) is tested by spawning bin/tariff.js (`tariffProcess`).
 */
export function tariffAsync(args: string[], input?: string, env: Record<string, string> = {}): Promise<CliRun> {
  if (Object.keys(env).every((name) => IN_PROCESS_ENV.has(name))) return inProcess(args, input, env);
  return tariffProcess(args, input, env);
}

/** As `tariffAsync`, in a process of its own started from bin/tariff.js. */
export function tariffProcess(args: string[], input?: string, env: Record<string, string> = {}): Promise<CliRun> {
  return limited(() => spawnCli(args, input, env));
}

/** The variables the program reads for a run (not at start-up), so that a run in this process can be given them. */
const IN_PROCESS_ENV = new Set(['TARIFF_PART_BYTES']);

let built: Promise<{ main: typeof Main }> | undefined;

async function inProcess(args: string[], input: string | undefined, env: Record<string, string>): Promise<CliRun> {
  // The build in dist/, as bin/tariff.js loads it (its worker threads start from dist/ too).
  built ??= import(pathToFileURL(join(PACKAGE_ROOT, 'dist', 'cli', 'main.js')).href) as Promise<{ main: typeof Main }>;
  const { main } = await built;
  const stdout = new Collected();
  const stderr = new Collected();
  const stdin = Readable.from(input === undefined ? [] : [Buffer.from(input, 'utf8')]);
  const status = await main([process.execPath, BIN, ...args], { stdin, stdout, stderr, env: cliEnv(env) });
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}

/** A stream that keeps what is written to it. */
class Collected extends Writable {
  private readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    // A copy: the writer reuses a piece of bytes once its write is done, as a pipe or a file has taken the bytes by then.
    this.chunks.push(Buffer.from(chunk));
    done();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/**
 * The runs of this test process at once: a test may start many side by side (Promise.all), but more processes than
 * processors only share them, with the memory of each; the rest wait their turn here, in the order they were asked for.
 */
const MAX_RUNS = availableParallelism() + 1;
let running = 0;
const waiting: (() => void)[] = [];
async function limited<T>(run: () => Promise<T>): Promise<T> {
  if (running >= MAX_RUNS) await new Promise<void>((go) => waiting.push(go));
  running += 1;
  try {
    return await run();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

const once = new Map<string, Promise<CliRun>>();
/**
 * As `tariffAsync`, run once per test file for the same arguments, input and environment: for a run that writes no
 * file and that several tests check (each its own assertions on the same output). Not for a run whose output a test
 * changes, nor one that writes --out, --rejects or another file.
 */
export function tariffOnce(args: string[], input?: string, env: Record<string, string> = {}): Promise<CliRun> {
  const key = JSON.stringify([args, input ?? null, env]);
  let run = once.get(key);
  if (run === undefined) {
    run = tariffAsync(args, input, env);
    once.set(key, run);
  }
  return run;
}

function spawnCli(args: string[], input: string | undefined, env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: PACKAGE_ROOT, env: cliEnv(env) });
    // Runs side by side yield the processor to tests computing in the test process (plan-sharing has a
    // time limit): a lower priority, where the system allows it.
    try {
      if (child.pid !== undefined) setPriority(child.pid, 10);
    } catch {
      // Not allowed here: the run goes on at normal priority.
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    // A CLI that exits before reading all of its input closes the pipe: not an error of the test.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}
