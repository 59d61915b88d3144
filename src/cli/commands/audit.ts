/**
 * `tariff audit FILE`: an ACE ES-003 export recomputed from the law and reconciled with what was filed.
 */
import type { Command } from 'commander';
import { DEFAULT_SCHEDULE_PATH, schedulePath } from '../../rules/paths.js';
import { runEsCommand, type EsOptions } from '../es003-command.js';
import { OUTPUT_FILES_HELP, OUTPUT_HELP } from '../output-files.js';
import type { Invocation } from '../invocation.js';

export function registerAudit(program: Command, invocation: Invocation): void {
  program
    .command('audit')
    .description('recompute an ACE ES-003 export from the law and reconcile it with what was filed, heading by heading')
    .argument('<file>', 'ES-003 "Entry Summary Line Tariff Details" CSV, or - for standard input')
    .option('-s, --schedule <file>', 'schedule (rule) file, or the name of a shipped one (us-canada, canada-us)', schedulePath, DEFAULT_SCHEDULE_PATH)
    .option('-f, --format <format>', 'table, csv or json (default: table on a terminal, csv otherwise)')
    .option('-o, --out <file>', OUTPUT_HELP.out)
    .option('--rejects <file>', OUTPUT_HELP.rejects)
    .option('--input <layout>', 'es003: the only layout audit reads (recognised by its header anyway)')
    .addHelpText('after', `
Statuses: match (within one cent), underpaid, overpaid, wrong heading (filed_heading filed where the law
names heading, same authority: both amounts on one row), filed but not owed, owed but not filed, outside these
rules (an origin the schedule does not encode: no figure, not rejected); heading "column1" is the ordinary
duty; difference = computed - filed. The warning column flags contradictory liquidation columns.

Examples:
  $ tariff audit data/examples/es003-sample.csv
  $ tariff audit ace-export.csv --format csv --out audit.csv
${OUTPUT_FILES_HELP}`)
    .action((file: string, opts: EsOptions) => runEsCommand('audit', file, opts, invocation));
}
