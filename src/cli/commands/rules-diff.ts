/**
 * `tariff rules diff OLD NEW`: what changed between two versions of the rule files, measure by measure and
 * list by list. Exits as diff(1) does: 0 the same, 1 different, 2 trouble.
 */
import { CommanderError, type Command } from 'commander';
import { DIFF_EXIT } from '../../run/exit-codes.js';
import { schedulePath } from '../../rules/paths.js';
import type { Invocation } from '../invocation.js';
import { terminalSafe } from '../../report/terminal-text.js';

export function registerRulesDiff(rules: Command, invocation: Invocation): void {
  rules
    .command('diff')
    .description('what changed between two versions of the rule files: measures added, removed or changed, list codes added and removed')
    .argument('<old>', 'schedule file or shipped name, or a directory holding schedules (e.g. a copy of data/ or data/schedules/)', schedulePath)
    .argument('<new>', 'schedule file or shipped name, or a directory holding schedules', schedulePath)
    .option('-f, --format <format>', 'output format: table, markdown (a client notice or a pull request), json', 'table')
    .exitOverride((err) => {
      // Usage errors exit 2 here, as diff's do: 1 means "the rules differ".
      throw err.exitCode === 0 ? err : new CommanderError(DIFF_EXIT.TROUBLE, err.code, err.message);
    })
    .addHelpText('after', `
Both sides are loaded and validated first and compared as rules, not as text: a measure moved to another
part file, reordered keys or new comments are no change. Measures are matched by id, lists by name,
schedules in two directories by schedule id.

Exit codes (as diff's, unlike the other commands):
  0  the rule sets are the same
  1  they differ
  2  trouble: a file is missing or has errors, or a usage error

Examples:
  $ tariff rules diff old/us-canada.yaml data/schedules/us-canada.yaml
  $ tariff rules diff ../tariff-2026.11/data data --format markdown > rule-changes.md`)
    .action(async (oldPath: string, newPath: string, opts: { format: string }) => {
      const [{ rulesDiff }, { DIFF_FORMATS, renderRulesDiff }, { loadHtsTable }, { formatRuleError }] = await Promise.all([
        import('../../run/rules-diff.js'),
        import('../../report/rules-diff-render.js'),
        import('../../rules/hts/load-hts.js'),
        import('../../rules/rule-error.js'),
      ]);
      const format = DIFF_FORMATS.find((f) => f === opts.format);
      if (!format) {
        invocation.stderr.write(`tariff: unknown format "${terminalSafe(opts.format)}"; use one of ${DIFF_FORMATS.join(', ')}\n`);
        invocation.exitCode = DIFF_EXIT.TROUBLE;
        return;
      }
      const result = rulesDiff(oldPath, newPath, () => loadHtsTable());
      if (!result.ok) {
        for (const e of result.errors) invocation.stderr.write(`${terminalSafe(formatRuleError(e))}\n`);
        invocation.stderr.write(`tariff: ${terminalSafe(result.message)}\n`);
        invocation.exitCode = DIFF_EXIT.TROUBLE;
        return;
      }
      const text = renderRulesDiff(result.report, format);
      invocation.stdout.write(format === 'json' ? text : terminalSafe(text));
      invocation.exitCode = result.report.equal ? DIFF_EXIT.SAME : DIFF_EXIT.DIFFERENT;
    });
}
