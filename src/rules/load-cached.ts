/**
 * The rule files a run needs, from the cache when nothing they were built from has changed, else loaded and
 * validated (the YAML and zod modules are imported only then).
 */
import { dirname, resolve } from 'node:path';
import type { RuleSetResult } from './load-rule-set.js';
import type { ScenarioResult } from './load-scenario.js';
import { CURRENT, scenarioPath } from './paths.js';
import { readCached, writeCached } from './rule-cache.js';
import type { RuleSet } from './rule-set.js';

/** Every file a loaded schedule was built from: the main file, its parts and its list files. */
function scheduleFiles(path: string, ruleSet: RuleSet): string[] {
  const base = dirname(resolve(path));
  return [path, ...ruleSet.schedule.parts.map((p) => resolve(base, p)), ...Object.values(ruleSet.schedule.lists).map((l) => resolve(base, l.file))];
}

export async function loadRuleSetCached(path: string): Promise<RuleSetResult> {
  const hit = readCached<RuleSetResult>('schedule', path, '');
  if (hit) return hit;
  const { loadRuleSet } = await import('./load-rule-set.js');
  const result = loadRuleSet(path);
  if (result.ok) writeCached('schedule', path, '', scheduleFiles(path, result.ruleSet), result);
  return result;
}

export async function loadScenarioCached(nameOrFile: string, base: RuleSet): Promise<ScenarioResult> {
  if (nameOrFile === CURRENT) return { ok: true, ruleSet: base };
  const path = scenarioPath(nameOrFile);
  const hit = readCached<ScenarioResult>('scenario', path, base.contentSha256);
  if (hit) return hit;
  const { loadScenario } = await import('./load-scenario.js');
  const result = loadScenario(nameOrFile, base);
  if (result.ok) writeCached('scenario', path, base.contentSha256, [path], result);
  return result;
}
