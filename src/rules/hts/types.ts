/**
 * Shapes of the HTS (column 1) data the engine consumes. The import script writes them, the loader reads
 * them, the engine only looks things up.
 */

/** A parsed column 1 rate. Amounts are integers: rates in nanos, specific amounts in nano-dollars. */
export type ParsedRate =
  | { kind: 'free' }
  | { kind: 'ad_valorem'; rateNanos: number }
  | {
      kind: 'specific';
      /** nano-dollars per `per` units of `unit` (55.7¢/1000 -> 557_000_000 per 1000). */
      amountNanoDollars: number;
      per: number;
      /** unit as written in the rate text after the slash, normalised: kg, liter, each, pr., doz., ... */
      unit: string;
    }
  | { kind: 'compound'; parts: Array<Extract<ParsedRate, { kind: 'ad_valorem' } | { kind: 'specific' }>> }
  | { kind: 'unparsed'; reason: string };

/** One 8-digit HTS subheading with its column 1 rates (10-digit statistical lines inherit them). */
export interface HtsRecord {
  /** 8 digits, no dots. */
  code8: string;
  description: string;
  /** Raw text of the General rate, as in the USITC export. */
  generalText: string;
  general: ParsedRate;
  /** Raw text of the Special column. */
  specialText: string;
  /** The USMCA (S or S+) rate when the Special column lists the program; undefined when it does not. */
  usmca?: ParsedRate;
  /** Units of quantity of the statistical lines (e.g. ["kg"], ["No.", "kg"]). */
  units: string[];
  /**
   * Names of the two columns when the table is not the HTSUS (e.g. Canada's Customs Tariff: "MFN" and
   * "UST (CUSMA)"); undefined for the HTSUS ("General", "USMCA Special").
   */
  labels?: { general: string; preference: string; table: string };
  /** Not in the table: made from the line's own mfn_rate, or holding no rate (the line is then incomplete). */
  notInTable?: true;
}

export interface HtsTableMeta {
  /** e.g. "2026 HTS Revision 3" */
  revision: string;
  /** sha256 of the raw export the data was imported from. */
  sourceSha256: string;
  sourceFile: string;
  importedRecords: number;
}

export interface HtsTable {
  meta: HtsTableMeta;
  /** sha256 of the compact data file as loaded (part of every result's provenance). */
  contentSha256: string;
  /**
   * The record for an 8- or 10-digit code (digits only). A 10-digit code must exist as a statistical
   * line (or be the 8-digit code followed by "00" where the subheading has no statistical suffixes).
   */
  lookup(code: string): HtsRecord | undefined;
  /** Up to `limit` existing codes nearest to a code that does not exist. */
  suggest(code: string, limit?: number): string[];
  /** The 8-digit subheadings under a 2- to 8-digit prefix, in code order, with their statistical suffixes. */
  subheadings(prefix: string): HtsSubheading[];
  /** The subheadings whose description holds every word (case-insensitive), in code order. */
  search(words: readonly string[]): HtsSubheading[];
}

export interface HtsSubheading {
  record: HtsRecord;
  /** Valid statistical suffixes ("10", "90"); empty when the subheading has none. */
  suffixes: string[];
}

/** A table with no HTS number: for checking a schedule's own structure (timeline, precedence) without the HTS. */
export const NO_HTS: HtsTable = {
  meta: { revision: 'none', sourceSha256: '', sourceFile: '', importedRecords: 0 },
  contentSha256: '',
  lookup: () => undefined,
  suggest: () => [],
  subheadings: () => [],
  search: () => [],
};
