/**
 * The canada-us schedule over test fixtures: a throw-away copy of the shipped rule data with the placeholder
 * lists and tariff table of test/fixtures/ca in place of data/lists/ca/ and data/tariffs/ (the real ones come
 * from the lists import; these hold a few tariff items so that every date and stacking rule can be tested).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR } from '../../src/rules/paths.js';
import { loadTariffTable } from '../../src/rules/hts/load-hts.js';
import type { HtsTable } from '../../src/rules/hts/types.js';
import { loadRuleSet } from '../../src/rules/load-rule-set.js';
import type { RuleSet } from '../../src/rules/rule-set.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'ca');

let made: string | undefined;

/** The copy's data folder (made once per test file); its schedule is schedules/canada-us.yaml. */
export function canadaDataDir(): string {
  if (made) return made;
  const dir = join(mkdtempSync(join(tmpdir(), 'tariff-ca-')), 'data');
  for (const sub of ['schedules', 'lists', 'scenarios']) cpSync(join(DATA_DIR, sub), join(dir, sub), { recursive: true });
  if (existsSync(join(DATA_DIR, 'tariffs'))) cpSync(join(DATA_DIR, 'tariffs'), join(dir, 'tariffs'), { recursive: true });
  mkdirSync(join(dir, 'lists', 'ca'), { recursive: true });
  mkdirSync(join(dir, 'tariffs'), { recursive: true });
  for (const f of readdirSync(join(FIXTURES, 'lists'))) cpSync(join(FIXTURES, 'lists', f), join(dir, 'lists', 'ca', f));
  cpSync(join(FIXTURES, 'ca-customs-tariff.tsv'), join(dir, 'tariffs', 'ca-customs-tariff.tsv'));
  made = dir;
  return dir;
}

export function canadaSchedulePath(): string {
  return join(canadaDataDir(), 'schedules', 'canada-us.yaml');
}

let cached: { rules: RuleSet; hts: HtsTable } | undefined;

/** The canada-us schedule over the fixtures, and its tariff table. */
export function canadaRules(): { rules: RuleSet; hts: HtsTable } {
  if (!cached) {
    const r = loadRuleSet(canadaSchedulePath());
    if (!r.ok) throw new Error(`canada-us does not load: ${JSON.stringify(r.errors.slice(0, 3))}`);
    cached = { rules: r.ruleSet, hts: loadTariffTable(r.ruleSet) };
  }
  return cached;
}
