import { parse } from 'yaml';
import { scheduleSchema, type ScheduleInput } from '../../src/rules/schedule-schema.js';
import type { RuleSet } from '../../src/rules/rule-set.js';

/** A schedule from a YAML string, through the real zod schema. */
export function ruleSetFromYaml(text: string, lists: Record<string, string[]> = {}): RuleSet {
  const schedule = scheduleSchema.parse(parse(text) as ScheduleInput);
  return { schedule, lists, contentSha256: 'test', scenario: 'current' };
}

/** The head of a minimal valid schedule file (12 lines), for loader tests. */
export const SCHEDULE_HEAD = `format: tariff-schedule/1
id: t
version: "1"
title: T
importing_country: US
origins: [CA]
as_of: 2025-12-31
coverage: { from: 2025-01-01, to: 2025-12-31 }
authorities:
  a: { name: A, law: L }
sources:
  S: { title: s }
`;

/** One measure of the minimal schedule, as an item of `measures:` (its rate on its 10th line). */
export const ONE_MEASURE = `  - id: m1
    title: M1
    category: additional_duty
    authority: a
    instrument: I
    citation: C
    heading: "9903.00.01"
    scope: { include: all }
    periods:
      - { from: 2025-01-01, rate: "25%" }
    sources: [S]
`;
