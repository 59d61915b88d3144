/**
 * Loads the HTS table and a schedule for a command, printing rule-file errors with their places.
 */
import type { Writable } from 'node:stream';
import { DEFAULT_HTS_PATH, loadHtsTable } from '../rules/hts/load-hts.js';
import type { HtsTable } from '../rules/hts/types.js';
import { loadRuleSet } from '../rules/load-rule-set.js';
import { formatRuleError } from '../rules/rule-error.js';
import type { RuleSet } from '../rules/rule-set.js';

export interface OpenedRules {
  ruleSet: RuleSet;
  hts: HtsTable;
}

export function openRules(schedulePath: string, stderr: Writable, options: { showWarnings?: boolean } = {}): OpenedRules | undefined {
  const result = loadRuleSet(schedulePath);
  if (!result.ok) {
    for (const e of result.errors) stderr.write(`${formatRuleError(e)}\n`);
    stderr.write(`tariff: ${result.errors.filter((e) => e.severity === 'error').length} error(s) in the rule files; nothing was computed\n`);
    return undefined;
  }
  if (options.showWarnings) for (const w of result.warnings) stderr.write(`${formatRuleError(w)}\n`);
  return { ruleSet: result.ruleSet, hts: loadHtsTable(DEFAULT_HTS_PATH) };
}
