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
