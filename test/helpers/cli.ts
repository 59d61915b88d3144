import { spawn, spawnSync } from 'node:child_process';
import { setPriority } from 'node:os';
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

/** Runs the built CLI (npm test builds first) as a user would, without colour. */
export function tariff(args: string[], input?: string, env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8', input, env: cliEnv(env) });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * As `tariff`, without blocking the test process while the CLI runs: runs can overlap (Promise.all), and
 * the test runner's own messages are answered meanwhile (a test blocked in spawnSync for a minute on a busy
 * machine made vitest fail with "Timeout calling onTaskUpdate").
 */
export function tariffAsync(args: string[], input?: string, env: Record<string, string> = {}): Promise<CliRun> {
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
