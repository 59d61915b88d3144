/** Loads the schedule a run uses (and, later, applies a scenario to it) into a RuleSet. */
import { loadSchedule } from './load-schedule.js';
import type { RuleError } from './rule-error.js';
import type { RuleSet } from './rule-set.js';

export type RuleSetResult = { ok: true; ruleSet: RuleSet; warnings: RuleError[] } | { ok: false; errors: RuleError[] };

export function loadRuleSet(schedulePath: string): RuleSetResult {
  const result = loadSchedule(schedulePath);
  if (!result.ok) return result;
  const { schedule, lists, contentSha256, warnings, tariffTable } = result.loaded;
  return { ok: true, ruleSet: { schedule, lists, contentSha256, scenario: 'current', ...(tariffTable ? { tariffTable } : {}) }, warnings };
}
