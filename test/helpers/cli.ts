import { spawn } from 'node:child_process';
import { availableParallelism, setPriority } from 'node:os';
import { join } from 'node:path';
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
 */
export function tariffAsync(args: string[], input?: string, env: Record<string, string> = {}): Promise<CliRun> {
  return limited(() => spawnCli(args, input, env));
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
