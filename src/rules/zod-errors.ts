/**
 * Turns zod issues into RuleErrors at the YAML position of the offending key, in words a person can act on.
 */
import type { z } from 'zod';
import type { RuleError } from './rule-error.js';
import { errorAt, type YamlSource } from './yaml-source.js';

type Issue = z.core.$ZodIssue;

/** For a union, the branch that got furthest is the one the author most likely meant. */
function bestBranch(branches: Issue[][]): Issue[] {
  let best: Issue[] = branches[0] ?? [];
  let bestScore = -1;
  for (const issues of branches) {
    const depth = Math.max(0, ...issues.map((i) => i.path.length));
    const typeOnly = issues.every((i) => i.code === 'invalid_type' && i.path.length === 0);
    const score = typeOnly ? -1 : depth * 100 - issues.length;
    if (score > bestScore) {
      bestScore = score;
      best = issues;
    }
  }
  return best;
}

function flatten(issue: Issue, prefix: PropertyKey[]): Array<{ issue: Issue; path: PropertyKey[] }> {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branch = bestBranch(issue.errors as Issue[][]);
    const allTypeMismatch = issue.errors.every((b) => (b as Issue[]).every((i) => i.code === 'invalid_type' && i.path.length === 0));
    if (!allTypeMismatch) return branch.flatMap((i) => flatten(i, path));
  }
  return [{ issue, path }];
}

function describe(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `missing required key (expected ${issue.expected})` : `expected ${issue.expected}`;
    case 'invalid_union':
      return 'not one of the accepted forms here';
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

export function zodIssuesToRuleErrors(source: YamlSource, issues: readonly Issue[], pathPrefix: PropertyKey[] = []): RuleError[] {
  const out: RuleError[] = [];
  for (const top of issues) {
    for (const { issue, path } of flatten(top, pathPrefix)) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          out.push(errorAt(source, path, `unknown key "${key}" (a typo, or a key this format does not have)`, { key }));
        }
      } else {
        out.push(errorAt(source, path, describe(issue)));
      }
    }
  }
  return out;
}
