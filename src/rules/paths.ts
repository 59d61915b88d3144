/** Where the package's own data lives, whether running from dist/ (installed) or src/ (tests). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the tariff package root above ${start}`);
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
export const DATA_DIR = join(PACKAGE_ROOT, 'data');
export const DEFAULT_SCHEDULE_PATH = join(DATA_DIR, 'schedules', 'us-canada.yaml');
export const SCENARIO_DIR = join(DATA_DIR, 'scenarios');
export const DEFAULT_REFUND_PROGRAM_PATH = join(DATA_DIR, 'refunds', 'ieepa-ca.yaml');

export const SCHEDULE_DIR = join(DATA_DIR, 'schedules');

/**
 * A shipped schedule's name (us-canada, canada-us: the files of data/schedules/) or a path to a schedule file.
 * A name is a path only when no shipped schedule has it and it is not a file here.
 */
export function schedulePath(nameOrFile: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(nameOrFile) || existsSync(nameOrFile)) return nameOrFile;
  const shipped = join(SCHEDULE_DIR, `${nameOrFile}.yaml`);
  return existsSync(shipped) ? shipped : nameOrFile;
}

/** The scenario name that means the schedule as published, with no change. */
export const CURRENT = 'current';

/** A built-in scenario name (letters, digits, hyphens) or a path to a YAML file. */
export function scenarioPath(nameOrFile: string): string {
  return /^[a-z0-9][a-z0-9-]*$/.test(nameOrFile) ? join(SCENARIO_DIR, `${nameOrFile}.yaml`) : nameOrFile;
}
