import type { ContentColumn, FlagFact } from './line-facts.js';

/**
 * One validated import line, as the engine consumes it. Plain data only: the CSV reader produces it,
 * the engine reads it, a library user can build it by hand.
 *
 * Money is integer US cents (already converted from the line's currency); rates are integer
 * billionths (see src/money/decimal.ts); quantities are integer millionths of the HTS unit.
 */
export interface LineItem {
  /** Where the line came from, for messages: physical line number of the record in the file (1-based). */
  sourceLine: number;
  /** Line id: the `line` column, or the record number when absent. */
  line: string;
  /** Entry number; lines of one entry share MPF. */
  entry: string;
  /** HTSUS number, digits only, 8 or 10 digits as given (leading zeros restored). */
  hts: string;
  description?: string;
  /** ISO 3166 alpha-2 country of origin (upper case). */
  origin: string;
  /** Customs (entered) value in US cents. */
  valueCents: number;
  /** The value as given on the line, before conversion. */
  invoiceValue: { amount: string; currency: string };
  /** Costing (landed cost): the invoice value in US cents, and how it was quoted. */
  costing?: Costing;
  /** USD per unit of the line's currency, as a decimal string, when converted. */
  fxRate?: string;
  /** Quantity in millionths of the unit, when given. */
  quantityMicros?: number;
  unit?: string;
  /** ISO date YYYY-MM-DD: governs which rates apply. */
  entryDate: string;
  /** ISO date of export: governs FX. */
  exportDate?: string;
  /** The importer claims USMCA preference (SPI S/S+). */
  usmcaClaimed: boolean;
  /** Mode of transport, lower case: ocean, air, truck, rail, mail, pipeline, ... */
  transport?: string;
  /** Metal content values (US cents) for the 2025 Section 232 content regime. */
  contentCents: Partial<Record<ContentColumn, number>>;
  /** Share of the article's weight that is metal, in percent (0-100), 2026 Section 232 regime. */
  metalWeightPct?: number;
  /**
   * The Y/N facts schedules condition on (see line-facts: the US-metal, civil aircraft, transshipment,
   * smelt/cast-unknown flags...), undefined when the line does not say.
   */
  flags: Partial<Record<FlagFact, boolean>>;
  /** Antidumping/countervailing cash deposit rate, in nanos (35.19% = 351_900_000). */
  adcvdRateNanos?: number;
  /** The line's own column 1 (MFN) rate, in nanos, for a code the schedule's (incomplete) tariff table does not hold. */
  mfnRateNanos?: number;
  /** Things the reader repaired and the user should know (e.g. a leading zero restored to the HTS code). */
  inputNotes?: string[];
  /** The row's raw fields, so a line rejected later (unknown HTS, date outside the schedule) is kept unchanged. */
  raw?: readonly string[];
}

/** What a line adds to landed cost beyond duty and fees, in US cents. */
export interface Costing {
  /** FOB: the value excludes international freight and insurance; CIF: it includes them. */
  valueBasis: 'FOB' | 'CIF';
  invoiceValueCents: number;
  freightCents: number;
  insuranceCents: number;
  /** Inland freight, handling...: landed cost only, never customs value. */
  otherCostsCents: number;
  /** Brokerage for the whole entry, when given on this line. */
  entryBrokerageCents?: number;
}

/** The cells that name a line (entry, line, HTS, description), as text to show. */
export interface RowKey {
  entry: string;
  line: string;
  hts: string;
  description: string;
}

/** A row that could not become a LineItem. Kept, counted, reported; never in the totals. */
export interface Rejection {
  file: string;
  /** Physical line number of the record in the file (1-based; the header is line 1). */
  sourceLine: number;
  /** Canonical column name, when one column is at fault. */
  column?: string;
  /** The offending text, as found. */
  value?: string;
  /** A sentence a broker understands. */
  reason: string;
  /** The raw fields of the row, unchanged, so it can be fixed and re-run. */
  raw: string[];
  /** Index in `raw` of the offending cell, when the reader knows it (a message points at it). */
  field?: number;
  /** Which line the row is, so an output row for it still says so; absent when the row could not be read as CSV. */
  key?: RowKey;
  /**
   * The fields' own bytes, when they are not UTF-8 text (`raw` then shows replacement characters): the
   * --rejects file gives the row back as it was. Never in JSON output.
   */
  rawBytes?: Uint8Array[];
  /**
   * The row is read but its origin is one the schedule does not encode: not importable under these rules,
   * shown with its own status and count, not an error (no duty is computed; it is not in --rejects).
   */
  outside?: true;
}
