/**
 * JSON output, streamed: {"provenance", "results": [line..., entry, line..., entry, rejected...], "summary"}.
 * Money is a decimal string ("1234.56") so no reader turns it into a float by accident.
 */
import type { Component, EntryFee, EntryResult, LineResult } from '../../engine/types.js';
import type { Rejection } from '../../model/line-item.js';
import { formatCents } from '../../money/decimal.js';
import { formatHts } from '../../rules/hts/format.js';
import { keyedRejection } from '../rejection-list.js';
import { heldRowsAfter, linesWithHeldRows } from '../held-rows.js';
import type { RenderContext, Renderer } from '../renderer.js';
import { effectiveRate, type RunSummary } from '../summary.js';

function componentJson(c: Component | EntryFee): Record<string, unknown> {
  const out: Record<string, unknown> = {
    measure: c.measure,
    title: c.title,
    category: c.category,
    authority: c.authority,
    heading: c.heading,
    instrument: c.instrument,
    citation: c.citation,
    basis: c.basis,
    base: formatCents(c.baseCents),
    ...(c.baseDollars !== undefined ? { base_whole_dollars: c.baseDollars } : {}),
    rate: c.rateText,
    amount: formatCents(c.amountCents),
    verified: c.verified,
    ...(c.unverifiedNote ? { unverified_note: c.unverifiedNote } : {}),
  };
  if ('uncappedCents' in c) {
    out.uncapped = formatCents(c.uncappedCents);
    if (c.minimumCents !== undefined) out.minimum = formatCents(c.minimumCents);
    if (c.maximumCents !== undefined) out.maximum = formatCents(c.maximumCents);
    const w = c.wholeEntry;
    if (w) out.whole_entry = { base: formatCents(w.baseCents), uncapped: formatCents(w.uncappedCents), amount: formatCents(w.amountCents) };
  }
  return out;
}

export function lineJson(l: LineResult): Record<string, unknown> {
  const item = l.item;
  return {
    type: 'line',
    entry: item.entry,
    line: item.line,
    source_line: item.sourceLine,
    hts: formatHts(item.hts),
    description: item.description ?? null,
    origin: item.origin,
    entry_date: item.entryDate,
    usmca_claimed: item.usmcaClaimed,
    customs_value: formatCents(item.valueCents),
    invoice_value: item.invoiceValue,
    invoice_currency: item.invoiceValue.currency,
    fx_rate: item.fxRate ?? '1',
    ...(item.costing
      ? { costing: { value_basis: item.costing.valueBasis, invoice_value_usd: formatCents(item.costing.invoiceValueCents), freight: formatCents(item.costing.freightCents), insurance: formatCents(item.costing.insuranceCents), other_costs: formatCents(item.costing.otherCostsCents) } }
      : {}),
    status: l.status === 'prohibited' ? 'not_importable' : l.incomplete ? 'incomplete' : 'computed',
    ...(l.prohibition ? { prohibition: l.prohibition } : {}),
    components: l.components.map(componentJson),
    fee_shares: l.feeShares.map(componentJson),
    not_applied: l.notApplied,
    warnings: l.warnings,
    duty: formatCents(l.dutyCents),
    fees: formatCents(l.feeCents),
    total: formatCents(l.totalCents),
    brokerage: formatCents(l.brokerageCents),
    landed_cost: formatCents(l.landedCostCents),
    ...(l.landedCostPerUnitCents !== undefined ? { landed_cost_per_unit: formatCents(l.landedCostPerUnitCents) } : {}),
  };
}

function summaryJson(s: RunSummary): Record<string, unknown> {
  return {
    counts: s.counts,
    value: formatCents(s.valueCents),
    duty: formatCents(s.dutyCents),
    fees: formatCents(s.feeCents),
    total: formatCents(s.totalCents),
    brokerage: formatCents(s.brokerageCents),
    landed_cost: formatCents(s.landedCostCents),
    effective_rate: s.effectiveRate,
    by_authority: s.byAuthority.map((a) => ({ ...a, amountCents: undefined, amount: formatCents(a.amountCents) })),
    by_measure: s.byMeasure.map((m) => ({ ...m, amountCents: undefined, amount: formatCents(m.amountCents) })),
    by_category: s.byCategory.map((c) => ({ category: c.category, amount: formatCents(c.amountCents) })),
    invoice_currencies: s.currencies.map((c) => ({ invoice_currency: c.currency, fx_rate: c.fxRate })),
  };
}

export class JsonRenderer implements Renderer {
  private first = true;

  begin(ctx: RenderContext): string {
    return `{"provenance":${JSON.stringify(ctx.provenance)},\n"input":${JSON.stringify(ctx.inputName)},\n"results":[`;
  }

  private item(value: unknown): string {
    const sep = this.first ? '\n' : ',\n';
    this.first = false;
    return sep + JSON.stringify(value);
  }

  entry(e: EntryResult): string {
    let out = '';
    const row = (r: Rejection): void => {
      out += this.rejected(r);
    };
    linesWithHeldRows(e.lines.length, e.rejectedAmong, (k) => (out += this.item(lineJson(e.lines[k]!))), row);
    out += this.item({
      type: 'entry',
      entry: e.entry,
      entry_date: e.entryDate,
      lines: e.lines.length,
      value: formatCents(e.valueCents),
      duty: formatCents(e.dutyCents),
      fees: formatCents(e.feeCents),
      total: formatCents(e.totalCents),
      brokerage: formatCents(e.brokerageCents),
      landed_cost: formatCents(e.landedCostCents),
      effective_rate: effectiveRate(e.dutyCents, e.valueCents),
      entry_fees: e.fees.map(componentJson),
    });
    heldRowsAfter(e.lines.length, e.rejectedAmong, row);
    return out;
  }

  rejected(r: Rejection): string {
    return this.item(keyedRejection(r));
  }

  end(summary: RunSummary): string {
    return `\n],\n"summary":${JSON.stringify(summaryJson(summary))}}\n`;
  }
}
