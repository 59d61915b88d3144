/**
 * `tariff lookup HTS`: what applies to one HTS code on a date, and why. A 4- or 6-digit code lists its
 * subheadings; `--search TEXT` finds subheadings by their description.
 */
import { Option, type Command } from 'commander';
import { LINE_FACTS } from '../../model/line-facts.js';
import { EXIT } from '../../run/exit-codes.js';
import type { LookupFields } from '../../run/lookup.js';
import { DEFAULT_SCHEDULE_PATH, schedulePath } from '../../rules/paths.js';
import type { Invocation } from '../invocation.js';
import { UsageError } from '../usage-error.js';
import { dateOption } from '../date-option.js';
import { localToday } from '../local-today.js';

interface LookupOptions {
  schedule: string;
  date?: string;
  value: string;
  search?: string;
  currency?: string;
  fx?: string[];
  format: string;
  /** The line facts' options (see LINE_FACTS), by their attribute names. */
  [fact: string]: string | string[] | boolean | undefined;
}

/** One option for each line fact lookup takes, with the fact it gives: a switch gives Y. */
function factOptions(): Array<{ fact: string; flag: boolean; option: Option }> {
  return LINE_FACTS.flatMap((f) => ('lookup' in f ? [{ fact: f.name, flag: f.kind === 'flag', option: new Option(f.lookup.option, f.lookup.help) }] : []));
}

export function registerLookup(program: Command, invocation: Invocation): void {
  const facts = factOptions();
  const command = program
    .command('lookup')
    .description('show what applies to one HTS code on a date: each measure, its legal basis, and why it does or does not apply; a 4- or 6-digit code or --search lists subheadings')
    .argument('[hts]', 'HTS number, dots optional: 8 or 10 digits for one line, 4 or 6 digits to list the subheadings under it')
    .option('--search <text>', 'list the subheadings whose description holds every word (case-insensitive)')
    .option('-s, --schedule <file>', 'schedule (rule) file, or the name of a shipped one (us-canada, canada-us)', schedulePath, DEFAULT_SCHEDULE_PATH)
    .option('--date <YYYY-MM-DD>', 'entry date (default: today)')
    .option('--value <amount>', 'customs value, in --currency (default USD)', '1000.00')
    .option('--currency <CODE>', 'currency of --value and the other amounts (default USD; others need --fx)')
    .option('--fx <CUR=rate>', "units of the schedule's currency per unit of the currency: USD per unit for us-canada (CAD=0.7312), CAD per unit for canada-us (USD=1.3650)", (value: string, previous: string[] = []) => [...previous, value]);
  for (const f of facts) command.addOption(f.option);
  command
    .option('-f, --format <format>', 'table or json', 'table')
    .addHelpText('after', `
Examples:
  $ tariff lookup 7208.51.0030 --date 2025-09-10
  $ tariff lookup 8703.23.0190 --date 2026-09-20 --value 30000 --usmca --us-content 12000
  $ tariff lookup 2204.21.5015 --date 2026-09-20 --value 18000 --quantity 9000 --unit liters --format json
  $ tariff lookup 8481.80.9050 --date 2026-12-01 --value 12000 --value-basis CIF --freight 800 --insurance 50 --quantity 400 --brokerage 125
  $ tariff lookup 1702.20 --date 2026-11-01          (the subheadings of 1702.20: description, MFN rate, additional measures in scope)
  $ tariff lookup --search "maple syrup" --format json`)
    .action(async (hts: string | undefined, opts: LookupOptions) => {
      if (opts.format !== 'table' && opts.format !== 'json') throw new UsageError(`unknown format "${opts.format}"; use table or json`);
      const digits = hts?.replace(/\./g, '') ?? '';
      if (opts.search !== undefined || /^\d{4}(\d{2})?$/.test(digits)) {
        await listSubheadings(hts, opts, invocation);
        return;
      }
      if (hts === undefined) throw new UsageError('give an HTS code (tariff lookup 7208.51.0030) or --search TEXT');
      const [{ openRules }, { lookupLine }, { htsDescription, renderLookupJson, renderLookupTable }] = await Promise.all([import('../../run/open-rules.js'), import('../../run/lookup.js'), import('../../report/lookup.js')]);
      const fields: LookupFields = { hts, value: opts.value, entry_date: dateOption('--date', opts.date) ?? localToday() };
      for (const { fact, flag, option } of facts) {
        const given = opts[option.attributeName()];
        if (flag ? given === true : typeof given === 'string') fields[fact] = flag ? 'Y' : (given as string);
      }
      const money = await moneyOptions(opts);
      const rules = await openRules(opts.schedule, invocation.stderr);
      if (!rules) {
        invocation.exitCode = EXIT.USAGE_OR_RULES;
        return;
      }
      const outcome = await lookupLine(fields, rules.ruleSet, rules.hts, money);
      if (!outcome.ok) throw new UsageError(outcome.reason);
      const description = htsDescription(outcome.entry, rules.hts);
      const currency = outcome.entry.lines[0]!.item.invoiceValue.currency;
      for (const code of Object.keys(money.fx)) if (code !== currency) invocation.stderr.write(`warning: the rate ${code}=${money.fx[code]} was not used: the line is in ${currency}\n`);
      invocation.stdout.write(opts.format === 'json' ? renderLookupJson(outcome.entry, description, outcome.provenance) : renderLookupTable(outcome.entry, rules.ruleSet, description, outcome.provenance));
    });
}

/** --fx and --currency, checked as estimate checks them. */
async function moneyOptions(opts: LookupOptions): Promise<{ fx: Record<string, string>; currency?: string }> {
  const [{ FxOptionError, fxRates }, { currencyOption, declaredCurrency }] = await Promise.all([import('../../input/fx-options.js'), import('../input-options.js')]);
  let fx: Record<string, string>;
  try {
    fx = fxRates(undefined, opts.fx ?? []);
  } catch (e) {
    if (e instanceof FxOptionError) throw new UsageError(e.message);
    throw e;
  }
  const currency = currencyOption(opts.currency, fx, declaredCurrency(opts.schedule));
  return { fx, ...(currency ? { currency } : {}) };
}

/** `tariff lookup 1702.20` or `tariff lookup --search TEXT`: the subheadings found, with the measures in scope. */
async function listSubheadings(hts: string | undefined, opts: LookupOptions, invocation: Invocation): Promise<void> {
  if (hts !== undefined && opts.search !== undefined) throw new UsageError('give either a 4- or 6-digit HTS code or --search TEXT, not both');
  const words = opts.search?.split(/\s+/).filter((w) => w !== '') ?? [];
  if (opts.search !== undefined && words.length === 0) throw new UsageError('--search needs at least one word, e.g. --search "maple syrup"');
  const date = dateOption('--date', opts.date) ?? localToday();
  const [{ openRules }, { listLines, renderLineListJson, renderLineListTable }] = await Promise.all([import('../../run/open-rules.js'), import('../../report/lookup-list.js')]);
  const rules = await openRules(opts.schedule, invocation.stderr);
  if (!rules) {
    invocation.exitCode = EXIT.USAGE_OR_RULES;
    return;
  }
  const found = hts === undefined ? rules.hts.search(words) : rules.hts.subheadings(hts.replace(/\./g, ''));
  const asked = hts === undefined ? `search "${words.join(' ')}"` : `${rules.ruleSet.schedule.tariff_table ? 'Tariff item' : 'HTS'} ${hts}`;
  const outcome = listLines(asked, found, date, rules.ruleSet, rules.hts);
  if (!outcome.ok) throw new UsageError(outcome.reason);
  invocation.stdout.write(opts.format === 'json' ? renderLineListJson(outcome.list) : renderLineListTable(outcome.list));
}
