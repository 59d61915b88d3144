/**
 * The refund-program file format: which filed Chapter 99 duties a refund covers, for which entry dates, and
 * the routes an entry can take by its liquidation (CAPE, protest, court). One source of truth for its shape.
 */
import { z } from 'zod';

const isoDate = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'),
);
const heading = z.string().regex(/^\d{4}\.\d{2}\.\d{2}$/, 'expected a Chapter 99 heading like 9903.01.10');

const routeSchema = z
  .strictObject({
    name: z.string().min(1),
    /** unliquidated: the entry has not liquidated; always: any entry that reached this route. */
    when: z.enum(['unliquidated', 'always']).optional(),
    /** Open while the entry liquidated at most this many days before the day judged on. */
    within_days_of_liquidation: z.number().int().positive().optional(),
    /** Text shown; {days} (since liquidation), {until} (last day of the window), {closed} (last day of the previous window). */
    explain: z.string().min(1),
    citation: z.string().min(1),
    verified: z.boolean(),
  })
  .refine((r) => (r.when === undefined) !== (r.within_days_of_liquidation === undefined), 'give either when or within_days_of_liquidation');

export const refundProgramSchema = z.strictObject({
  format: z.literal('tariff-refund-program/1'),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  version: z.string().min(1),
  title: z.string().min(1),
  importing_country: z.string().regex(/^[A-Z]{2}$/),
  origin: z.string().regex(/^[A-Z]{2}$/),
  authorities: z.array(z.string().min(1)).min(1),
  headings: z.strictObject({ from: heading, to: heading }),
  entry_dates: z.strictObject({ from: isoDate, to: isoDate }),
  sources: z.array(z.string().min(1)).min(1),
  routes: z.array(routeSchema).min(1),
  notes: z.array(z.string()).default([]),
});

export type RefundProgram = z.infer<typeof refundProgramSchema>;
export type RefundRoute = RefundProgram['routes'][number];
