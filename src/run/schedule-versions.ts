/**
 * `compare --schedule OLD --schedule NEW`: the same lines under several versions of the rule files ("what
 * did this proclamation do to my entries?"). Each scenario asked for runs under each schedule, schedule by
 * schedule; a column is named by the schedule's id and version (and the scenario, when there is one).
 */
import type { Writable } from 'node:stream';
import type { RuleSet } from '../rules/rule-set.js';
import { openRules, type OpenedRules } from './open-rules.js';

function label(r: RuleSet, scenarios: string[]): string {
  // No "@": compare drops what follows it in a CSV column name (a scenario's version).
  const version = `${r.schedule.id} ${r.schedule.version}`;
  return scenarios.length === 1 && scenarios[0] === 'current' ? version : `${version}/${r.scenario}`;
}

/** Two rule files with the same id and version (an edited copy) are told apart by their content hash. */
function unique(sets: RuleSet[], labels: string[]): RuleSet[] {
  return sets.map((r, i) => {
    const clash = labels.some((l, j) => j !== i && l === labels[i]);
    return { ...r, scenario: clash ? `${labels[i]}#${r.contentSha256.slice(0, 8)}` : labels[i]! };
  });
}

export async function openScheduleVersions(schedules: string[], scenarios: string[], stderr: Writable): Promise<OpenedRules | undefined> {
  const all: RuleSet[] = [];
  let opened: OpenedRules | undefined;
  for (const path of schedules) {
    opened = await openRules(path, stderr, { scenarios });
    if (!opened) return undefined;
    const first = all[0]?.schedule;
    const now = opened.ruleSet.schedule;
    // Versions of one schedule: the same lines cannot be priced in two importing countries' currencies or tariff tables side by side.
    if (first && (first.importing_country !== now.importing_country || (first.currency ?? 'USD') !== (now.currency ?? 'USD'))) {
      stderr.write(`tariff: ${path} is a schedule of imports into ${now.importing_country} in ${now.currency ?? 'USD'}, the first into ${first.importing_country} in ${first.currency ?? 'USD'}: --schedule twice compares versions of one schedule\n`);
      return undefined;
    }
    all.push(...opened.scenarios);
  }
  const named = unique(all, all.map((r) => label(r, scenarios)));
  return { ruleSet: named[0]!, scenarios: named, hts: opened!.hts };
}
