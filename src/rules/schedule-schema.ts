/**
 * The schedule file format (YAML): one source of truth for its shape and its TypeScript type.
 * Jurisdiction-neutral: a schedule names the importing country and the origins it covers; every rate,
 * date and heading lives here, never in the engine.
 */
import { z } from 'zod';
import { CONTENT_COLUMNS, FLAG_FACTS, flagCondition, METAL_CONTENT_COLUMNS, type ContentColumn, type FlagFact } from '../model/line-facts.js';
import { parsePercent, RATE_SCALE } from '../money/decimal.js';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a calendar date');

/** YAML turns unquoted 2025-03-04 into a Date; accept both and keep strings. */
const dateField = z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), isoDate);

/**
 * The bounds the engine computes exactly within: a rate of at most 1000% with up to 7 decimals (billionths of
 * the value), and fee amounts of at most 10 whole digits (cents times any rate stay within bigint rounding
 * to a safe integer of cents).
 */
const MAX_PERCENT = 1000;
const PERCENT = /^\d+(\.\d+)?%$/;
const percentWithin = (max: number) =>
  z
    .string()
    .regex(PERCENT, 'expected a percentage such as "25%" or "0.3464%"')
    .refine((s) => {
      if (!PERCENT.test(s)) return true; // said by the regex
      const nanos = parsePercent(s);
      return nanos !== undefined && nanos <= max * (RATE_SCALE / 100);
    }, `expected a percentage from 0% to ${max}% with at most 7 decimals`);
const percentText = percentWithin(MAX_PERCENT);
const moneyText = z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, 'expected an amount in dollars such as "33.58" (at most 10 whole digits)');
const idText = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected an id of lower-case letters, digits and hyphens');

/** An HTS prefix (2 to 10 digits, dots allowed) or a reference to a list file: "list:<name>". */
const scopeItem = z.string().regex(/^(list:[a-z0-9][a-z0-9-]*|\d{2}(\.?\d){0,8})$/, 'expected an HTS prefix such as "7208" or "7208.51" or "list:<name>"');

export const scopeSchema = z.strictObject({
  /** "all" covers every HTS code. */
  include: z.union([z.literal('all'), z.array(scopeItem).min(1)]),
  exclude: z.array(scopeItem).optional(),
});
export type Scope = z.infer<typeof scopeSchema>;

/** What part of the line value a measure applies to. */
export const baseSchema = z.union([
  z.literal('full_value'),
  z.strictObject({
    /** A content-value column (2025 Section 232 content regime). */
    content: z.enum(METAL_CONTENT_COLUMNS),
    /** When the column is empty: charge the full value, or do not apply the measure. */
    if_missing: z.enum(['full_value', 'not_applied']),
    /** Why the full value is charged when the column is empty (the practice behind it), said on the line. */
    missing_note: z.string().min(1).optional(),
  }),
  z.strictObject({
    /** Value less the us_content_value column (USMCA vehicles, mobile equipment). */
    non_us_content: z.literal(true),
    /** The base is never less than this share of the value (e.g. "60%" gives a 15% floor at a 25% rate). */
    minimum_share: percentWithin(100).optional(),
    if_missing: z.enum(['full_value', 'not_applied']),
  }),
  z.strictObject({
    /**
     * The value plus the duties charged on the line before this measure (an import tax such as Canada's GST on
     * the value for tax: value for duty plus duties and surtaxes, Excise Tax Act s. 215(1)).
     */
    value_plus_duties: z.literal(true),
  }),
]);
export type Base = z.infer<typeof baseSchema>;

export const rateSchema = z.union([
  /** Ad valorem on the base. */
  percentText,
  z.strictObject({
    /** The column 1 rate of the HTS line (USMCA special rate when claimed and available). */
    column1: z.literal(true),
  }),
  z.strictObject({
    /** All-in floor: this rate on the base less the column 1 duty already charged, never below zero. */
    floor_including_column1: percentText,
  }),
  z.strictObject({
    /** A per-line rate column (e.g. the AD/CVD cash deposit rate). */
    line_rate: z.literal('adcvd_rate'),
  }),
]);
export type Rate = z.infer<typeof rateSchema>;

export type Condition =
  | { usmca: 'claimed' | 'not_claimed' | 'free' | 'eligible' }
  | { transport: string[] }
  | FlagConditionOf
  | { metal_weight_pct: { below?: number; at_least?: number }; if_missing: boolean }
  | { has_value: ContentColumn }
  | { line_rate_present: 'adcvd_rate' }
  | { not: Condition }
  | { any: Condition[] };

/**
 * `{ <flag>: true|false }` on a line's Y/N fact (see line-facts), with `if_missing` when the fact says a line
 * that does not give it is decided by the condition (the assumption is reported).
 */
type FlagConditionOf = { [F in FlagFact]: { [K in F]: boolean } & { if_missing?: boolean } }[FlagFact];

const flagConditionSchemas = FLAG_FACTS.map(
  (name) =>
    (flagCondition(name).absentMeans === 'if_missing' ? z.strictObject({ [name]: z.boolean(), if_missing: z.boolean() }) : z.strictObject({ [name]: z.boolean() })) as unknown as z.ZodType<FlagConditionOf>,
);

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ usmca: z.enum(['claimed', 'not_claimed', 'free', 'eligible']) }),
    z.strictObject({ transport: z.array(z.string().regex(/^[a-z]+$/)).min(1) }),
    ...flagConditionSchemas,
    z.strictObject({
      metal_weight_pct: z
        .strictObject({ below: z.number().min(0).max(100).optional(), at_least: z.number().min(0).max(100).optional() })
        .refine((v) => v.below !== undefined || v.at_least !== undefined, 'give below or at_least'),
      if_missing: z.boolean(),
    }),
    z.strictObject({ has_value: z.enum(CONTENT_COLUMNS) }),
    z.strictObject({ line_rate_present: z.literal('adcvd_rate') }),
    z.strictObject({ not: conditionSchema }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
  ]),
);

export const periodSchema = z.strictObject({
  from: dateField,
  /** Last day in force (inclusive); absent = open-ended. */
  to: dateField.optional(),
  rate: rateSchema.optional(),
  /** Entry fees: minimum and maximum per entry, in dollars. */
  minimum: moneyText.optional(),
  maximum: moneyText.optional(),
  /** Overrides the measure's heading for this period. */
  heading: z.string().optional(),
  /** Overrides the measure's scope for this period (lists that widen on a date). */
  scope: scopeSchema.optional(),
  note: z.string().optional(),
  verified: z.boolean().optional(),
  unverified_note: z.string().optional(),
});
export type Period = z.infer<typeof periodSchema>;

export const exclusionSchema = z.strictObject({
  /** The measure (or measures) that do not apply when this one does. */
  measure: z.union([idText, z.array(idText).min(1)]),
  /** whole: the other measure does not apply at all; remainder: it applies only to the value this measure did not take. */
  portion: z.enum(['whole', 'remainder']).default('whole'),
  from: dateField.optional(),
  to: dateField.optional(),
  /** Why, in words a broker can quote, with the instrument. */
  reason: z.string().min(1),
});
export type Exclusion = z.infer<typeof exclusionSchema>;

/** `tax`: an import tax apart from duties (e.g. GST), charged after every duty, in a column of its own (tax_<measure>). */
export const CATEGORIES = ['column1', 'additional_duty', 'exemption', 'prohibition', 'fee', 'trade_remedy', 'coverage_gap', 'tax'] as const;

/**
 * An antidumping or countervailing duty order whose rate for producers without a rate of their own the
 * measure charges, period by period (each administrative review's cash deposit rate from the date Commerce
 * published it). A line that gives adcvd_rate is not charged it: the producer's own rate wins.
 */
export const tradeRemedyOrderSchema = z.strictObject({
  /** Commerce case number: A-122-857 (antidumping) or C-122-858 (countervailing). */
  case: z.string().regex(/^[AC]-\d{3}-\d{3}$/, 'expected a Commerce case number such as "A-122-857" or "C-122-858"'),
  /** The product as the order names it. */
  product: z.string().min(1),
  /** Which published rate the periods hold, in words a broker recognises ("non-selected companies"). */
  rate_for: z.string().min(1),
});

export const measureSchema = z.strictObject({
  id: idText,
  title: z.string().min(1),
  category: z.enum(CATEGORIES),
  /** Id into the schedule's authorities. */
  authority: idText,
  /** Executive order, proclamation, statute or notice that imposes it. */
  instrument: z.string().min(1),
  /** Federal Register (or other official) citation; "none" is not allowed, say what is known. */
  citation: z.string().min(1),
  /** Chapter 99 heading (or other reporting number) the amount is declared under; null for column 1 and fees. */
  heading: z.string().nullable(),
  /** Where a fee is computed: per line or per entry. Duties are per line. */
  level: z.enum(['line', 'entry']).default('line'),
  /** Origins the measure reaches (ISO alpha-2); default: the schedule's origins. */
  origins: z.array(z.string().regex(/^[A-Z]{2}$/)).optional(),
  scope: scopeSchema,
  when: z.array(conditionSchema).default([]),
  base: baseSchema.default('full_value'),
  periods: z.array(periodSchema).min(1),
  excludes: z.array(exclusionSchema).default([]),
  /** Measures this one is charged together with by law (no precedence between them): silences the lint. */
  cumulative_with: z
    .array(z.strictObject({ measure: z.union([idText, z.array(idText).min(1)]), reason: z.string().min(1) }))
    .default([]),
  /**
   * Set on a trade_remedy measure that charges an order's rate to lines without their own adcvd_rate:
   * the line is warned that the rate is assumed and counted so.
   */
  order: tradeRemedyOrderSchema.optional(),
  /** Which date governs: entry (default) or importation (an import ban). */
  date_basis: z.enum(['entry', 'import']).default('entry'),
  sources: z.array(z.string()).min(1),
  verified: z.boolean().default(true),
  unverified_note: z.string().optional(),
  note: z.string().optional(),
});
export type Measure = z.infer<typeof measureSchema>;

export const authoritySchema = z.strictObject({
  name: z.string().min(1),
  /** The statute the authority rests on. */
  law: z.string().min(1),
  description: z.string().optional(),
});

export const sourceSchema = z.strictObject({
  title: z.string().min(1),
  url: z.string().optional(),
  note: z.string().optional(),
});

export const listRefSchema = z.strictObject({
  /** Path relative to the schedule file. */
  file: z.string().min(1),
  title: z.string().min(1),
  sources: z.array(z.string()).min(1),
  /** The list is known to be incomplete or missing: say what is missing. */
  incomplete: z.string().optional(),
});

export const scheduleSchema = z.strictObject({
  format: z.literal('tariff-schedule/1'),
  id: idText,
  version: z.string().min(1),
  title: z.string().min(1),
  importing_country: z.string().regex(/^[A-Z]{2}$/),
  origins: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1),
  /** The date the data was last checked against its sources. */
  as_of: dateField,
  /** Entry dates the schedule answers for; lines outside are rejected. */
  coverage: z.strictObject({ from: dateField, to: dateField }),
  /**
   * The currency the importing country's duties are assessed in (values are converted into it; --fx gives
   * units of this currency per unit of the invoice currency). Default USD.
   */
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected a three-letter currency code').optional(),
  /**
   * How an ad valorem base is rounded before the rate: to whole units (19 CFR 159.3, the default) or kept to
   * the cent (e.g. Canada's value for duty).
   */
  ad_valorem_base: z.enum(['whole_units', 'cents']).optional(),
  /** The tariff table of column 1 rates (default: data/hts/hts.tsv, the HTSUS). */
  tariff_table: z
    .strictObject({
      /** Path relative to the schedule file. */
      file: z.string().min(1),
      /** hts-tsv: the import-hts layout; ca-customs-tariff-tsv: tariff item, description, MFN, UST. */
      format: z.enum(['hts-tsv', 'ca-customs-tariff-tsv']),
      title: z.string().min(1),
      sources: z.array(z.string()).min(1),
      /**
       * The table is known to be incomplete: say what is missing. A line whose code is not in the table is
       * then computed on its own mfn_rate, or marked incomplete with column 1 at 0.00, instead of rejected.
       */
      incomplete: z.string().optional(),
    })
    .optional(),
  /** What the data does not know, in plain words (carried into every result). */
  unknowns: z.array(z.string()).default([]),
  authorities: z.record(idText, authoritySchema),
  sources: z.record(z.string().regex(/^[A-Za-z0-9-]+$/), sourceSchema),
  lists: z.record(idText, listRefSchema).default({}),
  /** Part files (relative paths) whose measures, sources and lists join this schedule, in order. */
  parts: z.array(z.string().min(1)).default([]),
  measures: z.array(measureSchema).default([]),
});
export type Schedule = z.infer<typeof scheduleSchema>;

/** A part file: one family of measures, kept in its own file so each can be reviewed on its own. */
export const schedulePartSchema = z.strictObject({
  format: z.literal('tariff-schedule-part/1'),
  title: z.string().min(1),
  sources: z.record(z.string().regex(/^[A-Za-z0-9-]+$/), sourceSchema).default({}),
  lists: z.record(idText, listRefSchema).default({}),
  measures: z.array(measureSchema).min(1),
});
export type ScheduleInput = z.input<typeof scheduleSchema>;
