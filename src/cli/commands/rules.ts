/**
 * `tariff rules`: the group for rule-file commands (validate, list, lint, diff, schema).
 */
import type { Command } from 'commander';
import { registerRulesDiff } from './rules-diff.js';
import { registerRulesLint } from './rules-lint.js';
import { registerRulesList } from './rules-list.js';
import { registerRulesSchema } from './rules-schema.js';
import { registerRulesValidate } from './rules-validate.js';
import type { Invocation } from '../invocation.js';

export function registerRules(program: Command, invocation: Invocation): void {
  const rules = program.command('rules').description('check and list the rule (schedule) files');
  registerRulesValidate(rules, invocation);
  registerRulesList(rules, invocation);
  registerRulesLint(rules, invocation);
  registerRulesDiff(rules, invocation);
  registerRulesSchema(rules, invocation);
}
