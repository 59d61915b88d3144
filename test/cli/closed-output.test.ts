/**
 * `tariff estimate big.csv | head`: when the program reading standard output closes it, the run stops
 * without a message and exits 141 (README, exit codes), on one thread and on two, for estimate and compare;
 * before, the pipe's error ended the process with a stack trace. Output that cannot be written (a full
 * disk) is said in one line and exits 3.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/rules/paths.js';
import { writeBenchFile } from '../../src/scripts/bench-data.js';

const file = join(mkdtempSync(join(tmpdir(), 'tariff-closed-')), 'lines.csv');

beforeAll(async () => {
  // About 12 MB of CSV output: far more than a pipe holds.
  await writeBenchFile(file, 20_000, '2025-03-04', '2026-12-31');
});

/** Runs the CLI, reads the first chunk of its output, closes the pipe, and waits for it to end. */
function closedAfterFirstChunk(args: string[]): Promise<{ status: number | null; stderr: string; firstChunk: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin', 'tariff.js'), ...args], { cwd: PACKAGE_ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    let firstChunk = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.stdout.once('data', (d: Buffer) => {
      firstChunk = d.toString('utf8');
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr, firstChunk }));
  });
}

describe('output closed by its reader', () => {
  const cases: Array<[string, string[]]> = [
    ['estimate, one thread', ['estimate', file, '--format', 'csv', '--jobs', '1']],
    ['estimate, two threads', ['estimate', file, '--format', 'csv', '--jobs', '2']],
    ['compare, two threads', ['compare', file, '--scenario', 'current', '--scenario', 'tariffs-removed', '--format', 'csv', '--jobs', '2']],
  ];
  for (const [name, args] of cases) {
    it(`${name}: stops quietly with exit code 141`, async () => {
      const r = await closedAfterFirstChunk(args);
      expect(r.firstChunk).toMatch(/^(entry,line,|level,entry,)/);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(141);
    });
  }
});

describe.skipIf(!existsSync('/dev/full'))('output to a full disk', () => {
  // Without blocking the test process while the CLI runs (see tariffAsync).
  const toFull = async (args: string[]): Promise<{ status: number | null; stderr: string }> => {
    const fd = openSync('/dev/full', 'w');
    try {
      return await new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin', 'tariff.js'), ...args], { cwd: PACKAGE_ROOT, stdio: ['ignore', fd, 'pipe'] });
        let stderr = '';
        child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
        child.on('error', reject);
        child.on('close', (status) => resolve({ status, stderr }));
      });
    } finally {
      closeSync(fd);
    }
  };
  for (const [name, args] of [
    ['estimate', ['estimate', file, '--format', 'csv', '--jobs', '1']],
    ['a short listing', ['rules', 'list']],
  ] as Array<[string, string[]]>) {
    it(`${name}: says it cannot write standard output, once, and exits 3`, async () => {
      const r = await toFull(args);
      expect(r.stderr).toBe('tariff: cannot write standard output: ENOSPC: no space left on device, write\n');
      expect(r.status).toBe(3);
    });
  }
});
