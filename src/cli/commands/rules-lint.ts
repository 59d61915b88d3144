/**
 * `tariff rules lint [file]`: validate, then warn about duties that can stack with no rule between them.
 */
import type { Command } from 'commander';
import { EXIT } from '../../run/exit-codes.js';
import { DEFAULT_SCHEDULE_PATH, schedulePath } from '../../rules/paths.js';
import type { Invocation } from '../invocation.js';
import { terminalSafe } from '../../report/terminal-text.js';

export function registerRulesLint(rules: Command, invocation: Invocation): void {
  rules
    .command('lint')
    .description('validate a schedule, then warn about additional duties that can apply together with no stacking rule between them')
    .argument('[file]', 'schedule file, or the name of a shipped one (us-canada, canada-us)', schedulePath, DEFAULT_SCHEDULE_PATH)
    .addHelpText('after', `
Examples:
  $ tariff rules lint
A warning names the two measures and the first date they meet; resolve it with an exclusion (precedence) or
with cumulative_with (the law stacks them). Warnings do not change the exit code; errors exit 1.`)
    .action(async (file: string) => {
      const { lintRulesReport } = await import('../../run/validate-rules.js');
      const report = lintRulesReport(file);
      invocation.stdout.write(terminalSafe(report.text));
      invocation.exitCode = report.ok ? EXIT.OK : EXIT.USAGE_OR_RULES;
    });
}
