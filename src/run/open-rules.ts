/**
 * Loads the HTS table, a schedule and its scenarios for a command, printing rule-file errors with their
 * places.
 */
import type { Writable } from 'node:stream';
import { loadTariffTable } from '../rules/hts/load-hts.js';
import type { HtsTable } from '../rules/hts/types.js';
import { loadRuleSetCached, loadScenarioCached } from '../rules/load-cached.js';
import type { RefundProgram } from '../rules/refund-program-schema.js';
import { formatRuleError, type RuleError } from '../rules/rule-error.js';
import type { RuleSet } from '../rules/rule-set.js';
import { unknownScenario } from '../rules/scenario-names.js';

export interface OpenedRules {
  /** The rule set of the first scenario. */
  ruleSet: RuleSet;
  /** One rule set per scenario asked for, in order. */
  scenarios: RuleSet[];
  hts: HtsTable;
}

function report(errors: RuleError[], stderr: Writable): undefined {
  for (const e of errors) stderr.write(`${formatRuleError(e)}\n`);
  stderr.write(`tariff: ${errors.filter((e) => e.severity === 'error').length} error(s) in the rule files; nothing was computed\n`);
  return undefined;
}

export async function openRules(schedulePath: string, stderr: Writable, options: { scenario?: string; scenarios?: string[]; showWarnings?: boolean } = {}): Promise<OpenedRules | undefined> {
  const result = await loadRuleSetCached(schedulePath);
  if (!result.ok) return report(result.errors, stderr);
  if (options.showWarnings) for (const w of result.warnings) stderr.write(`${formatRuleError(w)}\n`);
  const names = options.scenarios ?? [options.scenario ?? 'current'];
  const scenarios: RuleSet[] = [];
  for (const name of names) {
    const unknown = unknownScenario(name, result.ruleSet.schedule.id);
    if (unknown) {
      stderr.write(`tariff: ${unknown}\n`);
      return undefined;
    }
    const s = await loadScenarioCached(name, result.ruleSet);
    if (!s.ok) return report(s.errors, stderr);
    scenarios.push(s.ruleSet);
  }
  return { ruleSet: scenarios[0]!, scenarios, hts: loadTariffTable(result.ruleSet) };
}

/** The refund program for `tariff refund`, or undefined after printing its errors with their places. */
export async function openRefundProgram(path: string, rules: RuleSet, stderr: Writable): Promise<{ program: RefundProgram; sha256: string } | undefined> {
  const { loadRefundProgram } = await import('../rules/load-refund-program.js');
  const result = loadRefundProgram(path, rules);
  if (!result.ok) return report(result.errors, stderr);
  return { program: result.program, sha256: result.sha256 };
}
