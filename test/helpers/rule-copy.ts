/** A throw-away copy of the shipped rule data (schedules and lists) for tests that edit a version of it. */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR } from '../../src/rules/paths.js';

export interface RuleCopy {
  /** The copy's data folder (schedules/, lists/ and tariffs/ inside). */
  dir: string;
  schedule: string;
  /** Replaces text in a file of the copy (path relative to its data folder); fails when the text is not there. */
  edit(file: string, from: string | RegExp, to: string): void;
}

export function copyRules(): RuleCopy {
  const dir = join(mkdtempSync(join(tmpdir(), 'tariff-rules-')), 'data');
  for (const sub of ['schedules', 'lists']) cpSync(join(DATA_DIR, sub), join(dir, sub), { recursive: true });
  // The tariff tables schedules other than us-canada name (canada-us: tariffs/ca-customs-tariff.tsv).
  if (existsSync(join(DATA_DIR, 'tariffs'))) cpSync(join(DATA_DIR, 'tariffs'), join(dir, 'tariffs'), { recursive: true });
  return {
    dir,
    schedule: join(dir, 'schedules', 'us-canada.yaml'),
    edit(file, from, to) {
      const path = join(dir, file);
      const text = readFileSync(path, 'utf8');
      const next = text.replace(from, to);
      if (next === text) throw new Error(`${file}: ${String(from)} not found`);
      writeFileSync(path, next);
    },
  };
}
