/**
 * `tariff refund FILE`: the IEEPA duties paid on an ACE ES-003 export, per entry, with the refund route open
 * on a given day.
 */
import type { Command } from 'commander';
import { DEFAULT_SCHEDULE_PATH, schedulePath } from '../../rules/paths.js';
import { runEsCommand, type EsOptions } from '../es003-command.js';
import { OUTPUT_FILES_HELP, OUTPUT_HELP } from '../output-files.js';
import type { Invocation } from '../invocation.js';

export function registerRefund(program: Command, invocation: Invocation): void {
  program
    .command('refund')
    .description('IEEPA duties paid per entry of an ACE ES-003 export, what the law required, and the refund route open on a day')
    .argument('<file>', 'ES-003 "Entry Summary Line Tariff Details" CSV, or - for standard input')
    .option('-s, --schedule <file>', 'schedule (rule) file, or the name of a shipped one (us-canada, canada-us)', schedulePath, DEFAULT_SCHEDULE_PATH)
    .option('--today <YYYY-MM-DD>', 'the day the routes are judged on (default: the system date)')
    .option('--cape <file>', OUTPUT_HELP.cape)
    .option('--program <file>', 'refund program: headings, entry dates and routes (default: data/refunds/ieepa-ca.yaml)')
    .option('-f, --format <format>', 'table, csv or json (default: table on a terminal, csv otherwise)')
    .option('-o, --out <file>', OUTPUT_HELP.out)
    .option('--rejects <file>', OUTPUT_HELP.rejects)
    .option('--input <layout>', 'es003: the only layout refund reads (recognised by its header anyway)')
    .addHelpText('after', `
The refund program file says which filed headings are refundable, for which entry dates, and the routes
with their sources. The shipped one: entries of 2025-03-04 to 2026-02-23 with IEEPA headings 9903.01.10-.16
filed; CAPE for unliquidated entries and entries within 80 days of liquidation; protest within 180 days of
liquidation; past that, a court order. Interest is not computed.

Columns (table name / CSV name):
  Entry / entry                      entry summary number
  Entry date / entry_date            the entry date (the law in force that day is applied)
  Liquidation / liquidation_status, liquidation_date
                                     as the export gives them; a row that contradicts itself is warned
  IEEPA filed / ieepa_filed          duty filed on the entry under the program's headings, as in the export
  IEEPA by law / ieepa_computed      the IEEPA duty the law required on those lines, recomputed by tariff;
                                     shown for comparison, it does not change what is refundable
  Refundable / refundable            the IEEPA filed: all of it is refundable, without interest
  Route on DAY / route               the first refund route open on --today, and until when

Examples:
  $ tariff refund data/examples/es003-sample.csv --today 2026-11-24
  $ tariff refund ace-export.csv --format csv --out refund.csv --cape cape-entries.txt
${OUTPUT_FILES_HELP}`)
    .action((file: string, opts: EsOptions) => runEsCommand('refund', file, opts, invocation));
}
