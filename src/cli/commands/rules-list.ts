/**
 * `tariff rules list [--date D]`: the measures of a schedule, or those in force on a date.
 */
import type { Command } from 'commander';
import { EXIT } from '../../run/exit-codes.js';
import { DEFAULT_SCHEDULE_PATH, schedulePath } from '../../rules/paths.js';
import type { Invocation } from '../invocation.js';
import { UsageError } from '../usage-error.js';
import { dateOption } from '../date-option.js';
import { localToday } from '../local-today.js';

export function registerRulesList(rules: Command, invocation: Invocation): void {
  rules
    .command('list')
    .description('list the measures of a schedule, or those in force on a date')
    .option('-s, --schedule <file>', 'schedule file, or the name of a shipped one (us-canada, canada-us)', schedulePath, DEFAULT_SCHEDULE_PATH)
    .option('--date <YYYY-MM-DD>', 'show only measures in force on this entry date, with the rate of that day')
    .option('--today <YYYY-MM-DD>', 'the day the age of the data is counted to (default: the system date)')
    .addHelpText('after', `
Examples:
  $ tariff rules list
  $ tariff rules list --date 2025-07-01`)
    .action(async (opts: { schedule: string; date?: string; today?: string }) => {
      const [{ loadRuleSet }, { formatRuleError }, { renderRulesList }] = await Promise.all([import('../../rules/load-rule-set.js'), import('../../rules/rule-error.js'), import('../../report/rules-listing.js')]);
      dateOption('--date', opts.date);
      dateOption('--today', opts.today);
      const result = loadRuleSet(opts.schedule);
      if (!result.ok) {
        for (const e of result.errors) invocation.stderr.write(`${formatRuleError(e)}\n`);
        invocation.exitCode = EXIT.USAGE_OR_RULES;
        return;
      }
      invocation.stdout.write(renderRulesList(result.ruleSet.schedule, opts.date, opts.today ?? localToday()));
    });
}
