/**
 * `tariff rules validate [file]`: check a schedule and its list files; errors with file:line:column.
 */
import type { Command } from 'commander';
import { EXIT } from '../../run/exit-codes.js';
import { DEFAULT_SCHEDULE_PATH, schedulePath } from '../../rules/paths.js';
import type { Invocation } from '../invocation.js';
import { terminalSafe } from '../../report/terminal-text.js';

export function registerRulesValidate(rules: Command, invocation: Invocation): void {
  rules
    .command('validate')
    .description('check a schedule file and the list files it uses')
    .argument('[file]', 'schedule file, or the name of a shipped one (us-canada, canada-us)', schedulePath, DEFAULT_SCHEDULE_PATH)
    .addHelpText('after', `
Examples:
  $ tariff rules validate
  $ tariff rules validate my-schedule.yaml
Errors name the file, line and column, e.g.
  data/schedules/us-canada.yaml:41:7: error: measures[2].periods[0].rate: expected a percentage such as "25%"`)
    .action(async (file: string) => {
      const { validateRulesReport } = await import('../../run/validate-rules.js');
      const report = validateRulesReport(file);
      invocation.stdout.write(terminalSafe(report.text));
      invocation.exitCode = report.ok ? EXIT.OK : EXIT.USAGE_OR_RULES;
    });
}
