import { parse } from 'yaml';
import { scheduleSchema, type ScheduleInput } from '../../src/rules/schedule-schema.js';
import type { RuleSet } from '../../src/rules/rule-set.js';

/** A schedule from a YAML string, through the real zod schema. */
export function ruleSetFromYaml(text: string, lists: Record<string, string[]> = {}): RuleSet {
  const schedule = scheduleSchema.parse(parse(text) as ScheduleInput);
  return { schedule, lists, contentSha256: 'test', scenario: 'current' };
}
