/**
 * The scenario file format: a named, versioned set of changes to a base schedule ("what if these tariffs
 * were removed?"). One source of truth for its shape.
 */
import { z } from 'zod';
import { CATEGORIES, measureSchema, rateSchema } from './schedule-schema.js';

const idText = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected an id of lower-case letters, digits and hyphens');
const isoDate = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'),
);

export const scenarioChangeSchema = z.union([
  z.strictObject({
    /** Drop measures, by id, by legal authority or by category; stacking is recomputed without them. */
    remove: z
      .strictObject({
        measures: z.array(idText).min(1).optional(),
        authorities: z.array(idText).min(1).optional(),
        categories: z.array(z.enum(CATEGORIES)).min(1).optional(),
      })
      .refine((r) => r.measures || r.authorities || r.categories, 'name measures, authorities or categories to remove'),
  }),
  z.strictObject({
    /** Charge a measure at another rate from a date (to a date), its other periods kept. */
    set_rate: z.strictObject({ measure: idText, rate: rateSchema, from: isoDate, to: isoDate.optional() }),
  }),
  z.strictObject({
    /** Make a measure end on a date (last day in force). */
    end: z.strictObject({ measure: idText, on: isoDate }),
  }),
  z.strictObject({
    /** A new measure, in the schedule's format; its authority, sources and lists must exist in the schedule. */
    add: measureSchema,
  }),
  z.strictObject({
    /** No USMCA preference: claims are ignored, so no Special rate and no USMCA exemption applies. */
    usmca: z.literal('ended'),
  }),
]);
export type ScenarioChange = z.infer<typeof scenarioChangeSchema>;

export const scenarioSchema = z.strictObject({
  format: z.literal('tariff-scenario/1'),
  id: idText,
  version: z.string().min(1),
  title: z.string().min(1),
  description: z.string().optional(),
  /** Id of the schedule the scenario changes. */
  base: idText,
  /** Evaluate every line as if entered on this date (e.g. the schedule of a future year). */
  evaluate_as_of: isoDate.optional(),
  changes: z.array(scenarioChangeSchema).default([]),
  /** What the scenario assumes that the law does not (yet) say. */
  assumptions: z.array(z.string()).default([]),
});
export type Scenario = z.infer<typeof scenarioSchema>;
