/**
 * `rules validate`: load a schedule, compile every stretch of its timeline (to catch precedence cycles),
 * and report errors and warnings with their places.
 */
import { CompiledSchedule, ScheduleCompileError } from '../engine/compile.js';
import { lintRuleSet } from '../engine/lint.js';
import { NO_HTS } from '../rules/hts/types.js';
import { loadRuleSet } from '../rules/load-rule-set.js';
import { formatRuleError } from '../rules/rule-error.js';

export function validateRulesReport(file: string): { ok: boolean; text: string } {
  const result = loadRuleSet(file);
  if (!result.ok) {
    const errors = result.errors.filter((e) => e.severity === 'error').length;
    return { ok: false, text: `${result.errors.map(formatRuleError).join('\n')}\n${file}: ${errors} error(s)\n` };
  }
  const lines = result.warnings.map(formatRuleError);
  const compiled = new CompiledSchedule(result.ruleSet, NO_HTS);
  for (const start of compiled.segmentStarts()) {
    try {
      compiled.segmentFor(start);
    } catch (e) {
      if (e instanceof ScheduleCompileError) return { ok: false, text: `${[...lines, `${file}: error: ${e.message}`].join('\n')}\n` };
      throw e;
    }
  }
  const s = result.ruleSet.schedule;
  lines.push(`${file}: ok: ${s.id} ${s.version}, ${s.measures.length} measures, ${Object.keys(result.ruleSet.lists).length} lists, sha256 ${result.ruleSet.contentSha256}`);
  return { ok: true, text: `${lines.join('\n')}\n` };
}

export function lintRulesReport(file: string): { ok: boolean; text: string } {
  const validated = validateRulesReport(file);
  if (!validated.ok) return validated;
  const result = loadRuleSet(file);
  if (!result.ok) return validated;
  const findings = lintRuleSet(result.ruleSet);
  const lines = findings.map((f) => `${file}: warning: ${f.message}`);
  lines.push(`${file}: ${findings.length} stacking warning(s)`);
  return { ok: true, text: `${validated.text}${lines.join('\n')}\n` };
}
