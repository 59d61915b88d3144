/**
 * The rule cache serves exactly what loading the files gives, and never an entry built from files that have
 * since changed (a list file edited, a damaged entry).
 */
import { appendFileSync, cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRuleSetCached, loadScenarioCached } from '../../src/rules/load-cached.js';
import { loadRuleSet } from '../../src/rules/load-rule-set.js';
import { loadScenario } from '../../src/rules/load-scenario.js';
import { DATA_DIR, DEFAULT_SCHEDULE_PATH } from '../../src/rules/paths.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'tariff-cache-test-'));
beforeAll(() => {
  process.env.TARIFF_CACHE_DIR = cacheDir;
  delete process.env.TARIFF_NO_CACHE;
});

describe('rule cache', () => {
  it('a second load comes from the cache and equals loading the files', async () => {
    const first = await loadRuleSetCached(DEFAULT_SCHEDULE_PATH);
    expect(readdirSync(cacheDir).filter((f) => f.startsWith('schedule-'))).toHaveLength(1);
    const second = await loadRuleSetCached(DEFAULT_SCHEDULE_PATH);
    expect(second).toEqual(first);
    expect(second).toEqual(loadRuleSet(DEFAULT_SCHEDULE_PATH));
  });

  it('a scenario is cached on top of its base and equals loading it', async () => {
    const base = await loadRuleSetCached(DEFAULT_SCHEDULE_PATH);
    if (!base.ok) throw new Error('schedule does not load');
    await loadScenarioCached('no-ieepa', base.ruleSet);
    expect(await loadScenarioCached('no-ieepa', base.ruleSet)).toEqual(loadScenario('no-ieepa', base.ruleSet));
  });

  it('an edited list file is a miss: the new code reaches the rule set', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'tariff-data-'));
    cpSync(join(DATA_DIR, 'schedules'), join(copy, 'schedules'), { recursive: true });
    cpSync(join(DATA_DIR, 'lists'), join(copy, 'lists'), { recursive: true });
    const path = join(copy, 'schedules', 'us-canada.yaml');
    const before = await loadRuleSetCached(path);
    appendFileSync(join(copy, 'lists', 'ieepa-ca-potash.txt'), '\n3104.90.01\n');
    const after = await loadRuleSetCached(path);
    if (!before.ok || !after.ok) throw new Error('copied schedule does not load');
    expect(after.ruleSet.contentSha256).not.toBe(before.ruleSet.contentSha256);
    expect(after.ruleSet.lists['ieepa-ca-potash']).toContain('31049001');
  });

  it('a damaged entry is a miss, not an error', async () => {
    for (const f of readdirSync(cacheDir)) writeFileSync(join(cacheDir, f), '{"deps":');
    expect(await loadRuleSetCached(DEFAULT_SCHEDULE_PATH)).toEqual(loadRuleSet(DEFAULT_SCHEDULE_PATH));
  });
});
