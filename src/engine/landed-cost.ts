/**
 * Landed cost of a group of lines of one entry: brokerage shared by customs value (cents allocated so the
 * shares add up exactly), then per line invoice value + freight and insurance when the value was FOB + duty
 * + fees + brokerage share + other costs, and per unit when a quantity is given.
 */
import { mulDivRound, QUANTITY_SCALE } from '../money/decimal.js';
import { allocateCents } from './allocate.js';
import type { LineResult } from './types.js';

/** The brokerage a group carries: the first amount given on its lines, else the run's default. */
export function groupBrokerage(lines: readonly LineResult[], fallback: number | undefined): number {
  for (const l of lines) {
    const b = l.item.costing?.entryBrokerageCents;
    if (b !== undefined) return b;
  }
  return fallback ?? 0;
}

const NO_SHARES: readonly number[] = [];

/** Brokerage shared by customs value (cents allocated so the shares add up exactly); no shares when there is none. */
export function brokerageShares(brokerageCents: number, valuesCents: readonly number[]): readonly number[] {
  return brokerageCents > 0 ? allocateCents(brokerageCents, valuesCents) : NO_SHARES;
}

export function applyLandedCost(lines: readonly LineResult[], brokerageCents: number): void {
  const computed = lines.filter((l) => l.status === 'computed');
  landWith(computed, brokerageCents > 0 ? brokerageShares(brokerageCents, computed.map((l) => l.item.valueCents)) : NO_SHARES, 0);
}

/** Landed cost of computed lines given their brokerage shares (`shares[from + i]` for line i); returns the brokerage they carry. */
export function landWith(computed: readonly LineResult[], shares: readonly number[], from: number): number {
  let brokerage = 0;
  computed.forEach((l, i) => {
    const c = l.item.costing;
    const invoice = c?.invoiceValueCents ?? l.item.valueCents;
    const transport = c && c.valueBasis === 'FOB' ? c.freightCents + c.insuranceCents : 0;
    l.brokerageCents = shares[from + i] ?? 0;
    brokerage += l.brokerageCents;
    l.landedCostCents = invoice + transport + l.totalCents + l.brokerageCents + (c?.otherCostsCents ?? 0);
    const q = l.item.quantityMicros;
    if (q !== undefined && q > 0) l.landedCostPerUnitCents = mulDivRound(l.landedCostCents, QUANTITY_SCALE, q);
  });
  return brokerage;
}
