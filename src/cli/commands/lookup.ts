/**
 * `tariff lookup HTS`: what applies to one HTS code on a date, and why. A 4- or 6-digit code lists its
 * subheadings; `--search TEXT` finds subheadings by their description.
 */
import type { Command } from 'commander';
import { EXIT } from '../../report/exit-codes.js';
import type { LookupFields } from '../../report/lookup.js';
import { DEFAULT_SCHEDULE_PATH } from '../../rules/paths.js';
import { setExitCode } from '../exit-state.js';
import { UsageError } from '../usage-error.js';
import { dateOption } from '../date-option.js';
import { localToday } from '../local-today.js';

interface LookupOptions {
  schedule: string;
  date?: string;
  value: string;
  quantity?: string;
  unit?: string;
  usmca?: boolean;
  origin?: string;
  transport?: string;
  usContent?: string;
  steelValue?: string;
  aluminumValue?: string;
  copperValue?: string;
  metalWeightPct?: string;
  usMetal?: boolean;
  civilAircraft?: boolean;
  transshipment?: boolean;
  smeltCastUnknown?: boolean;
  adcvdRate?: string;
  freight?: string;
  insurance?: string;
  valueBasis?: string;
  otherCosts?: string;
  brokerage?: string;
  search?: string;
  format: string;
}

export function registerLookup(program: Command): void {
  program
    .command('lookup')
    .description('show what applies to one HTS code on a date: each measure, its legal basis, and why it does or does not apply; a 4- or 6-digit code or --search lists subheadings')
    .argument('[hts]', 'HTS number, dots optional: 8 or 10 digits for one line, 4 or 6 digits to list the subheadings under it')
    .option('--search <text>', 'list the subheadings whose description holds every word (case-insensitive)')
    .option('-s, --schedule <file>', 'schedule (rule) file', DEFAULT_SCHEDULE_PATH)
    .option('--date <YYYY-MM-DD>', 'entry date (default: today)')
    .option('--value <amount>', 'customs value in USD', '1000.00')
    .option('--quantity <q>', 'quantity in the HTS unit (for specific rates)')
    .option('--unit <unit>', 'unit of the quantity')
    .option('--usmca', 'USMCA preference is claimed')
    .option('--origin <CC>', 'country of origin (default CA)')
    .option('--transport <mode>', 'ocean, air, truck, rail, mail, pipeline')
    .option('--us-content <amount>', 'value of US content (USMCA vehicles, mobile equipment)')
    .option('--steel-value <amount>', 'steel content value (2025 Section 232)')
    .option('--aluminum-value <amount>', 'aluminum content value (2025 Section 232)')
    .option('--copper-value <amount>', 'copper content value (2025 Section 232)')
    .option('--metal-weight-pct <pct>', 'metal share of the weight (2026 Section 232)')
    .option('--us-metal', 'the metal was melted/smelted in the United States')
    .option('--smelt-cast-unknown', "the aluminum's country of smelt or cast is unknown (UN)")
    .option('--civil-aircraft', 'civil aircraft, engines or parts under general note 6')
    .option('--transshipment', 'CBP determined the goods were transshipped to evade IEEPA duties (9903.01.16)')
    .option('--adcvd-rate <pct>', 'AD/CVD cash deposit rate in percent')
    .option('--freight <amount>', 'international freight (landed cost; deducted from a CIF value)')
    .option('--insurance <amount>', 'international insurance (landed cost; deducted from a CIF value)')
    .option('--value-basis <FOB|CIF>', 'what --value includes (default FOB)')
    .option('--other-costs <amount>', 'inland freight, handling... (landed cost only)')
    .option('--brokerage <amount>', 'brokerage for the entry (landed cost)')
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
        await listSubheadings(hts, opts);
        return;
      }
      if (hts === undefined) throw new UsageError('give an HTS code (tariff lookup 7208.51.0030) or --search TEXT');
      const [{ openRules }, { htsDescription, lookupLine, renderLookupJson, renderLookupTable }] = await Promise.all([import('../../report/open-rules.js'), import('../../report/lookup.js')]);
      const fields: LookupFields = { hts, value: opts.value, entry_date: dateOption('--date', opts.date) ?? localToday() };
      const optional: Array<[string, string | boolean | undefined]> = [
        ['quantity', opts.quantity], ['unit', opts.unit], ['usmca', opts.usmca ? 'Y' : undefined], ['origin', opts.origin],
        ['transport', opts.transport], ['us_content_value', opts.usContent], ['steel_value', opts.steelValue],
        ['aluminum_value', opts.aluminumValue], ['copper_value', opts.copperValue], ['metal_weight_pct', opts.metalWeightPct],
        ['us_metal', opts.usMetal ? 'Y' : undefined], ['civil_aircraft', opts.civilAircraft ? 'Y' : undefined],
        ['transshipment', opts.transshipment ? 'Y' : undefined], ['smelt_cast_unknown', opts.smeltCastUnknown ? 'Y' : undefined], ['adcvd_rate', opts.adcvdRate],
        ['freight', opts.freight], ['insurance', opts.insurance], ['value_basis', opts.valueBasis], ['other_costs', opts.otherCosts], ['brokerage', opts.brokerage],
      ];
      for (const [name, value] of optional) if (typeof value === 'string') fields[name] = value;
      const rules = await openRules(opts.schedule, process.stderr);
      if (!rules) {
        setExitCode(EXIT.USAGE_OR_RULES);
        return;
      }
      const outcome = await lookupLine(fields, rules.ruleSet, rules.hts);
      if (!outcome.ok) throw new UsageError(outcome.reason);
      const description = htsDescription(outcome.entry, rules.hts);
      process.stdout.write(opts.format === 'json' ? renderLookupJson(outcome.entry, description, outcome.provenance) : renderLookupTable(outcome.entry, rules.ruleSet, description, outcome.provenance));
    });
}

/** `tariff lookup 1702.20` or `tariff lookup --search TEXT`: the subheadings found, with the measures in scope. */
async function listSubheadings(hts: string | undefined, opts: LookupOptions): Promise<void> {
  if (hts !== undefined && opts.search !== undefined) throw new UsageError('give either a 4- or 6-digit HTS code or --search TEXT, not both');
  const words = opts.search?.split(/\s+/).filter((w) => w !== '') ?? [];
  if (opts.search !== undefined && words.length === 0) throw new UsageError('--search needs at least one word, e.g. --search "maple syrup"');
  const date = dateOption('--date', opts.date) ?? localToday();
  const [{ openRules }, { listLines, renderLineListJson, renderLineListTable }] = await Promise.all([import('../../report/open-rules.js'), import('../../report/lookup-list.js')]);
  const rules = await openRules(opts.schedule, process.stderr);
  if (!rules) {
    setExitCode(EXIT.USAGE_OR_RULES);
    return;
  }
  const found = hts === undefined ? rules.hts.search(words) : rules.hts.subheadings(hts.replace(/\./g, ''));
  const asked = hts === undefined ? `search "${words.join(' ')}"` : `HTS ${hts}`;
  const outcome = listLines(asked, found, date, rules.ruleSet, rules.hts);
  if (!outcome.ok) throw new UsageError(outcome.reason);
  process.stdout.write(opts.format === 'json' ? renderLineListJson(outcome.list) : renderLineListTable(outcome.list));
}
