/**
 * What the engine returns: plain data, ready for any renderer. Money in integer cents (number per line,
 * bigint for totals), rates as display text plus nanos.
 */
import type { LineItem, Rejection } from '../model/line-item.js';
import type { Schedule } from '../rules/schedule-schema.js';

export type { RuleSet } from '../rules/rule-set.js';

export interface Provenance {
  scheduleId: string;
  scheduleVersion: string;
  scenario: string;
  asOf: string;
  rulesSha256: string;
  htsRevision: string;
  htsSha256: string;
  unknowns: string[];
  /** The schedule's currency, when it names one other than USD (absent: USD). */
  currency?: string;
}

export type Category = Schedule['measures'][number]['category'];

/** One amount owed on a line (or one entry fee), with the law behind it. */
export interface Component {
  measure: string;
  /**
   * The measure's small number in the schedule that charged it (compile.ts): totals and renderers keep what
   * they derive from a measure in an array by it, checking the measure id (another schedule may number it apart).
   */
  ordinal: number;
  title: string;
  category: Category;
  authority: string;
  authorityName: string;
  heading: string | null;
  instrument: string;
  citation: string;
  /** What the rate was applied to, in words: "full value", "steel content", "value less steel content", ... */
  basis: string;
  baseCents: number;
  /** Whole dollars the ad valorem rate was applied to (19 CFR 159.3), when ad valorem. */
  baseDollars?: number | undefined;
  rateText: string;
  amountCents: number;
  /** The figure rests on a fact the data marks as unverified. */
  verified: boolean;
  /** What is unverified, when verified is false. */
  unverifiedNote?: string | undefined;
}

/** A measure that reached the line (by scope) but was not charged, and why. */
export interface NotApplied {
  measure: string;
  title: string;
  heading: string | null;
  reason: string;
  /** The measure that took precedence, when it was an exclusion. */
  by?: string;
}

export interface LineWarning {
  code:
    | 'usmca-not-available' | 'rate-not-computable' | 'quantity-missing' | 'unit-mismatch' | 'assumed-condition' | 'content-missing' | 'input-note' | 'entry-date-mixed'
    /** A rate the line did not give was assumed (an AD/CVD order's rate for producers without their own). */
    | 'assumed-rate'
    /** The line's entry date is after the rules' as-of date: measures published later are not known to the data. */
    | 'after-as-of'
    /** The data knows it does not charge everything that may reach the line (a coverage gap): the total is a lower bound. */
    | 'lower-bound';
  message: string;
}

export interface LineResult {
  item: LineItem;
  status: 'computed' | 'prohibited';
  /** Duty and line-level fee components, in stacking order; entry fee shares are added by the entry step. */
  components: Component[];
  /** Shared by lines alike (frozen when shared): never changed in place. */
  notApplied: readonly NotApplied[];
  /** Shared by lines alike (frozen when shared): never changed in place. */
  warnings: readonly LineWarning[];
  /** Sum of duty components (column 1, additional duties, trade remedies). */
  dutyCents: number;
  /** Sum of line-level fees (e.g. HMF) and this line's share of entry-level fees (e.g. MPF). */
  feeCents: number;
  /** Entry-level fee shares allocated to this line. */
  feeShares: Component[];
  /** dutyCents + feeCents */
  totalCents: number;
  /** Some component could not be computed (unparseable rate, missing quantity): the total is a lower bound. */
  incomplete: boolean;
  /**
   * The figure rests on an assumption: a rate the data assumed for want of the line's own ('assumed-rate'), or
   * an entry date after the rules' as-of date ('after-as-of').
   */
  assumed: boolean;
  /** Whole dollars this line adds to each entry-level fee's base (measure id -> dollars). */
  entryFeeBase: Record<string, number>;
  /** This line's share of the entry's brokerage (by customs value). */
  brokerageCents: number;
  /** Invoice value + freight and insurance when FOB + duty + fees + brokerage share + other costs. */
  landedCostCents: number;
  /** Landed cost per unit of quantity, in cents, when the line gives a quantity. */
  landedCostPerUnitCents?: number;
  /** The prohibition that bars the goods, when status is "prohibited". */
  prohibition?: NotApplied & { heading: string | null; instrument: string; citation: string };
}

export interface EntryFee extends Component {
  /** Rate times base before the minimum/maximum. */
  uncappedCents: number;
  minimumCents?: number;
  maximumCents?: number;
  /**
   * For a group of an entry whose lines are not together in the file: the fee on the whole entry (this
   * fee's base and amount are the group's part of it).
   */
  wholeEntry?: { baseCents: number; uncappedCents: number; amountCents: number };
}

export interface EntryResult {
  entry: string;
  entryDate: string;
  lines: LineResult[];
  /** Entry-level fees charged with this group of lines (for an entry split across the file: this group's part). */
  fees: EntryFee[];
  dutyCents: bigint;
  feeCents: bigint;
  totalCents: bigint;
  valueCents: bigint;
  /** Brokerage charged with this group of lines. */
  brokerageCents: bigint;
  landedCostCents: bigint;
  /** Lines of the entry were closed before, with other entries between: the entry is already counted. */
  continued: boolean;
  /**
   * Rows rejected (or outside these rules) while this group was open, each after `after` of its lines (in
   * file order): outputs that list rows write them there, so every row keeps its place in the file.
   */
  rejectedAmong?: RejectedAmong[];
}

export interface RejectedAmong {
  /** How many of the group's lines come before the row in the file. */
  after: number;
  rejection: Rejection;
}
