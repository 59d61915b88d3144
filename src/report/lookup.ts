/**
 * `tariff lookup`: one HTS code on one date, without a CSV. Every measure whose scope reaches the code is
 * listed with its legal basis and whether it applies, and why not when it does not.
 */
import chalk from 'chalk';
import Table from 'cli-table3';
import type { EntryResult, Provenance } from '../engine/types.js';
import { formatCentsGrouped } from '../money/decimal.js';
import { formatHts } from '../rules/hts/format.js';
import type { HtsTable } from '../rules/hts/types.js';
import type { RuleSet } from '../rules/rule-set.js';
import { scheduleWords } from './schedule-words.js';
import { lineJson } from './formats/json.js';
import { shown, terminalSafe } from './terminal-text.js';
import { legalBasis } from './legal-basis.js';
import { invoicedAs } from './invoice-currency.js';
import { rulesJson, rulesLine } from './rules-provenance.js';

/** The HTS text of the line's 8-digit subheading (with its parent's when it reads only "Other"). */
export function htsDescription(entry: EntryResult, hts: HtsTable): string {
  return hts.lookup(entry.lines[0]!.item.hts)?.description ?? '';
}

export function renderLookupTable(entry: EntryResult, rules: RuleSet, description: string, provenance: Provenance): string {
  const line = entry.lines[0]!;
  const item = line.item;
  const invoiced = invoicedAs(item);
  const basis = item.costing && item.costing.invoiceValueCents !== item.valueCents ? `invoice ${formatCentsGrouped(item.costing.invoiceValueCents)} ${item.costing.valueBasis}` : undefined;
  const w = scheduleWords(rules);
  const cur = w.currency;
  const code = w.code === 'HTS' ? 'HTS' : 'Tariff item';
  const invoice = basis || invoiced ? ` (${[basis, invoiced && `given as ${invoiced} ${cur} per ${item.invoiceValue.currency}`].filter(Boolean).join('; ')})` : '';
  const head = `${code} ${formatHts(item.hts)}, entered ${item.entryDate}, ${w.value} ${formatCentsGrouped(item.valueCents)} ${cur}${invoice}${item.usmcaClaimed ? `, ${w.preference} claimed` : ''}\n${code} text: ${shown(description)}`;
  const foot = `${shown(rulesLine(provenance))}\n`;
  if (line.status === 'prohibited') return terminalSafe(`${head}\n${chalk.red(`NOT IMPORTABLE: ${shown(line.prohibition?.reason ?? '')}`)}\n${foot}`);
  const table = new Table({ head: ['Heading', 'Measure', 'Applies?', 'Rate and base', 'Amount', 'Legal basis'], wordWrap: true, colWidths: [13, 30, 10, 34, 12, 40], style: { head: [], border: [] } });
  for (const c of [...line.components, ...line.feeShares]) {
    const flag = c.verified ? '' : chalk.yellow(' UNVERIFIED');
    table.push([shown(c.heading ?? ''), shown(c.title), chalk.green('yes') + flag, shown(`${c.rateText} on ${c.basis}`), formatCentsGrouped(c.amountCents), shown(legalBasis(c.instrument, c.citation))]);
  }
  const byId = new Map(rules.schedule.measures.map((m) => [m.id, m]));
  for (const n of line.notApplied) {
    const m = byId.get(n.measure);
    table.push([shown(n.heading ?? ''), shown(n.title), chalk.dim('no'), chalk.dim(shown(n.reason)), '', m ? shown(legalBasis(m.instrument, m.citation)) : '']);
  }
  const warnings = line.warnings.map((w) => chalk.yellow(`! ${shown(w.message)}`)).join('\n');
  const perUnit = line.landedCostPerUnitCents === undefined ? '' : `, ${formatCentsGrouped(line.landedCostPerUnitCents)} per ${shown(item.unit ?? 'unit')}`;
  const entryFees = rules.schedule.measures.some((m) => m.level === 'entry') ? ' (MPF as if this line were the whole entry)' : '';
  const total = `Duty ${formatCentsGrouped(line.dutyCents)} + ${w.charges} ${formatCentsGrouped(line.feeCents)} = ${formatCentsGrouped(line.totalCents)} ${cur}${entryFees}\nLanded cost ${formatCentsGrouped(line.landedCostCents)} ${cur}${perUnit}`;
  return terminalSafe(`${head}\n${table.toString()}\n${warnings ? `${warnings}\n` : ''}${total}\n${foot}`);
}

export function renderLookupJson(entry: EntryResult, description: string, provenance: Provenance): string {
  return `${JSON.stringify({ ...lineJson(entry.lines[0]!), hts_description: description, rules: rulesJson(provenance) }, null, 2)}\n`;
}
