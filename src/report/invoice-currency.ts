/**
 * What the outputs say of the lines' invoice currencies: the amount as invoiced beside a converted line's
 * USD value, the currencies and rates of the run, and a rate given for a currency no line was in (most
 * often the sign that the lines were read in another currency than the user meant, a CAD invoice taken as
 * USD), said on stderr.
 */
import type { LineItem } from '../model/line-item.js';
import { formatCentsGrouped } from '../money/decimal.js';
import type { RunSummary } from './summary.js';
import { shown } from './terminal-text.js';

/** "1000.00 CAD at 0.7150" for a line converted to USD; undefined for a USD line. */
export function invoicedAs(item: LineItem): string | undefined {
  if (item.fxRate === undefined) return undefined;
  return `${item.invoiceValue.amount} ${item.invoiceValue.currency} at ${item.fxRate}`;
}

/** The line's invoice currency in words: "invoiced 1000.00 CAD at 0.7150 USD per CAD", or "invoiced in USD, not converted". */
export function invoiceWords(item: LineItem, into = 'USD'): string {
  const c = item.invoiceValue.currency;
  return item.fxRate === undefined ? `invoiced in ${c}, not converted` : `invoiced ${item.invoiceValue.amount} ${c} at ${item.fxRate} ${into} per ${c}`;
}

/** A line's USD value for the terminal, with the amount as invoiced under it when converted. */
export function valueWithInvoice(item: LineItem): string {
  const invoiced = invoicedAs(item);
  return invoiced === undefined ? formatCentsGrouped(item.valueCents) : `${formatCentsGrouped(item.valueCents)}\n${shown(invoiced)}`;
}

/** "Invoice currency: CAD at 0.7150 USD per CAD", or every currency of the run with its rate. */
export function currencySentence(summary: RunSummary): string {
  const into = summary.provenance.currency ?? 'USD';
  const each = summary.currencies.map((c) => (c.currency === into ? into : `${c.currency} at ${c.fxRate} ${into} per ${c.currency}`));
  if (each.length === 0) return 'Invoice currency: none (no line computed)';
  if (each.length === 1) return summary.currencies[0]!.currency === into ? `Invoice currency: ${into} (not converted)` : `Invoice currency: ${each[0]}`;
  return `Invoice currencies: ${each.join('; ')}`;
}

export function unusedRateWarnings(fx: Readonly<Record<string, string>> | undefined, summary: RunSummary): string[] {
  const used = new Set(summary.currencies.map((c) => c.currency));
  return Object.entries(fx ?? {})
    .filter(([currency]) => !used.has(currency))
    .map(([currency, rate]) => `warning: the rate ${currency}=${rate} was not used: no line computed is in ${currency} (a line's currency is its currency cell, else the currency its value header names, else --currency, else USD)`);
}
