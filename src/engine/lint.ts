/**
 * `rules lint`: pairs of additional duties that can reach the same line on the same day with no stacking
 * rule between them (neither excludes the other, and the data does not say they are cumulative by law).
 * Such a pair is either a deliberate stack the data should state, or a missing precedence rule.
 */
import type { RuleSet } from '../rules/rule-set.js';
import { NO_HTS } from '../rules/hts/types.js';
import type { CompiledMeasure } from './compiled-measure.js';
import { CompiledSchedule } from './compile.js';

export interface LintFinding {
  first: string;
  second: string;
  from: string;
  message: string;
}

/** What a scope reaches: its included prefixes less its excluded ones ('all' when it includes everything). */
interface Reach {
  include: Set<string> | 'all';
  exclude: Set<string>;
}

function expand(items: readonly string[], lists: Record<string, string[]>): Set<string> {
  const out = new Set<string>();
  for (const item of items) {
    if (item.startsWith('list:')) for (const p of lists[item.slice(5)] ?? []) out.add(p);
    else out.add(item.replace(/\./g, ''));
  }
  return out;
}

function reach(cm: CompiledMeasure, lists: Record<string, string[]>): Reach {
  const exclude = expand(cm.scope.exclude ?? [], lists);
  return { include: cm.scope.include === 'all' ? 'all' : expand(cm.scope.include, lists), exclude };
}

/** Every code under prefix p is excluded when some prefix of p (or p itself) is an excluded prefix. */
function excludedWhole(p: string, exclude: Set<string>): boolean {
  for (let n = 2; n <= p.length; n++) if (exclude.has(p.slice(0, n))) return true;
  return false;
}

function overlaps(a: Reach, b: Reach): boolean {
  if (a.include === 'all' || b.include === 'all') {
    const other = a.include === 'all' ? b : a;
    return other.include === 'all' || other.include.size > 0;
  }
  // Codes under p (of x) that y also reaches: y includes a prefix of p, and neither side excludes all of p.
  const hits = (x: Reach, y: Reach): boolean => {
    for (const p of x.include as Set<string>) {
      if (excludedWhole(p, x.exclude) || excludedWhole(p, y.exclude)) continue;
      for (let n = 2; n <= p.length; n++) if ((y.include as Set<string>).has(p.slice(0, n))) return true;
    }
    return false;
  };
  return hits(a, b) || hits(b, a);
}

function cumulative(a: CompiledMeasure, b: CompiledMeasure): boolean {
  const names = (m: CompiledMeasure): string[] => m.measure.cumulative_with.flatMap((c) => (typeof c.measure === 'string' ? [c.measure] : c.measure));
  return names(a).includes(b.id) || names(b).includes(a.id);
}

export function lintRuleSet(rules: RuleSet): LintFinding[] {
  const compiled = new CompiledSchedule(rules, NO_HTS);
  const seen = new Set<string>();
  const findings: LintFinding[] = [];
  const { from, to } = rules.schedule.coverage;
  for (const start of compiled.segmentStarts()) {
    if (start < from || start > to) continue;
    const seg = compiled.segmentFor(start)!;
    const duties = seg.measures.filter((m) => m.category === 'additional_duty' && m.level === 'line');
    const scopes = duties.map((m) => reach(m, rules.lists));
    for (let i = 0; i < duties.length; i++) {
      for (let j = i + 1; j < duties.length; j++) {
        const a = duties[i]!;
        const b = duties[j]!;
        const key = `${a.id} ${b.id}`;
        if (seen.has(key)) continue;
        const related = a.excludes.some((x) => x.target === b.stackIndex) || b.excludes.some((x) => x.target === a.stackIndex) || cumulative(a, b);
        if (related || !overlaps(scopes[i]!, scopes[j]!)) continue;
        seen.add(key);
        findings.push({
          first: a.id,
          second: b.id,
          from: start,
          message: `${a.id} (${a.heading ?? 'no heading'}) and ${b.id} (${b.heading ?? 'no heading'}) can both apply to the same line from ${start}, and no rule orders them: add an exclusion, or cumulative_with if the law stacks them`,
        });
      }
    }
  }
  return findings;
}
