/**
 * The built-in scenario names, and the sentence for a name that is none of them: a typo in `--scenario` is a
 * usage mistake, not an error in the rule files, and the nearest name is usually what was meant.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CURRENT, SCENARIO_DIR, scenarioPath } from './paths.js';

/** The schedule a scenario file is for (its `base:` line), read without parsing the file. */
function scenarioBase(file: string): string | undefined {
  try {
    return /^base:\s*["']?([a-z0-9-]+)["']?\s*$/m.exec(readFileSync(join(SCENARIO_DIR, file), 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/** The built-in scenarios of a schedule (by its id; default the us-canada schedule): those whose base it is. */
export function builtInScenarioNames(scheduleId = 'us-canada'): string[] {
  const files = existsSync(SCENARIO_DIR) ? readdirSync(SCENARIO_DIR) : [];
  return [CURRENT, ...files.filter((f) => f.endsWith('.yaml') && scenarioBase(f) === scheduleId).map((f) => f.slice(0, -'.yaml'.length)).sort()];
}

/** Edits (insert, delete, replace) that turn one name into the other. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length]!;
}

/** Undefined when the name is a built-in scenario or a path; otherwise what to tell the user. */
export function unknownScenario(name: string, scheduleId = 'us-canada'): string | undefined {
  if (name === CURRENT || scenarioPath(name) === name || existsSync(scenarioPath(name))) return undefined;
  const names = builtInScenarioNames(scheduleId);
  const nearest = names.map((n) => ({ n, d: editDistance(name, n) })).sort((x, y) => x.d - y.d)[0];
  const hint = nearest && nearest.d <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean "${nearest.n}"?)` : '';
  return `no built-in scenario "${name}"${hint}. Built-in scenarios: ${names.join(', ')}; or give the path of a scenario file (.yaml)`;
}
