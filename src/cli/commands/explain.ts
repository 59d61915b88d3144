/**
 * `tariff explain FILE --line ID`: why each cent of one line is owed, measure by measure.
 */
import type { Command } from 'commander';
import { EXIT } from '../../run/exit-codes.js';
import { DEFAULT_SCHEDULE_PATH, schedulePath } from '../../rules/paths.js';
import type { Invocation } from '../invocation.js';
import { addInputOptions, readerOptions, type InputOptions } from '../input-options.js';
import { UsageError } from '../usage-error.js';

interface ExplainOptions extends InputOptions {
  schedule: string;
  line: string;
  scenario?: string[];
  format: string;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerExplain(program: Command, invocation: Invocation): void {
  const command = program
    .command('explain')
    .description('explain one line: every measure that could touch it, in stacking order, applied or not and why, with the law behind each amount')
    .argument('<file>', 'line-item CSV, or - for standard input')
    .requiredOption('--line <[entry/]line>', 'the line id (the line column, or the row number), as ENTRY/LINE when line ids repeat across entries')
    .option('-s, --schedule <file>', 'schedule (rule) file, or the name of a shipped one (us-canada, canada-us)', schedulePath, DEFAULT_SCHEDULE_PATH)
    .option('--scenario <name|file>', 'explain under this scenario; give it twice to see two side by side', collect)
    .option('-f, --format <format>', 'text or json', 'text');
  addInputOptions(command)
    .addHelpText('after', `
Examples:
  $ tariff explain data/examples/sample-entries.csv --line E25-0910/1
  $ tariff explain data/examples/sample-entries.csv --line E25-0415/4 --scenario current --scenario no-ieepa`)
    .action(async (file: string, opts: ExplainOptions) => {
      const [{ openRules }, { findLine }, { renderExplainJson, renderExplainText }, { openInput }] = await Promise.all([import('../../run/open-rules.js'), import('../../run/explain.js'), import('../../report/explain.js'), import('../../run/input-source.js')]);
      if (opts.format !== 'text' && opts.format !== 'json') throw new UsageError(`unknown format "${opts.format}"; use text or json`);
      const scenarios = opts.scenario ?? ['current'];
      if (scenarios.length > 2) throw new UsageError('explain shows one or two scenarios side by side');
      const reader = await readerOptions(opts);
      const rules = await openRules(opts.schedule, invocation.stderr, { scenarios });
      if (!rules) {
        invocation.exitCode = EXIT.USAGE_OR_RULES;
        return;
      }
      const input = openInput(file, invocation.stdin);
      const slash = opts.line.lastIndexOf('/');
      const target = slash > 0 ? { entry: opts.line.slice(0, slash), line: opts.line.slice(slash + 1) } : { line: opts.line };
      const found = await findLine(input, { ...reader, file: input.name }, rules.scenarios, rules.hts, target, invocation.stderr);
      if (!found.ok) throw new UsageError(found.reason);
      invocation.stdout.write(opts.format === 'json' ? renderExplainJson(found) : renderExplainText(found, rules.hts));
    });
}
