/**
 * The format of data/lists/specs.yaml: which raw file and filter make each committed list under data/lists/
 * (src/scripts/import-lists.ts runs them). A rule-data format like the others, so it has its JSON Schema too.
 */
import { z } from 'zod';

const listSpecSchema = z.strictObject({
  /** The list file's name under data/lists/, without .txt; one folder level allowed (`ca/surtax-2026-15`). */
  name: z.string().regex(/^([a-z0-9][a-z0-9-]*\/)?[a-z0-9][a-z0-9-]*$/),
  title: z.string().min(1),
  /**
   * Where the raw file lives: `shared` (default) is the read-only shared/hts-data/ beside the project; `project` is
   * data/sources/ inside the project (raw files the project keeps itself, e.g. the Canadian surtax schedules).
   */
  source_root: z.enum(['shared', 'project']).optional(),
  /** Path of the raw file under its root (shared/hts-data/ or data/sources/). */
  source: z.string().min(1),
  upstream: z.string().min(1),
  /** Column holding the HTS code; absent for one-code-per-line text files. */
  code_column: z.string().min(1).optional(),
  /** Keep rows where every given column equals the value, or one of the values ('' = empty). */
  where: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  filter_text: z.string().min(1),
  /** What is known to be missing or not checked against the legal text; repeated as an UNVERIFIED line in the header. */
  unverified: z.string().min(1).optional(),
});
export type ListSpec = z.infer<typeof listSpecSchema>;

/** A list defined by HTS ranges in a legal text, expanded against the imported HTS table (data/hts/hts.tsv). */
const rangeListSpecSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  title: z.string().min(1),
  /** Where the ranges are written. */
  legal_text: z.string().min(1),
  /** Inclusive ranges of HTS prefixes (compared on the first digits of each 8-digit subheading). */
  ranges: z.array(z.tuple([z.string().regex(/^\d+$/), z.string().regex(/^\d+$/)])).min(1),
  unverified: z.string().min(1).optional(),
});
export type RangeListSpec = z.infer<typeof rangeListSpecSchema>;

export const listSpecsSchema = z.strictObject({ format: z.literal('tariff-list-specs/1'), lists: z.array(listSpecSchema), range_lists: z.array(rangeListSpecSchema) });
export type ListSpecs = z.infer<typeof listSpecsSchema>;

