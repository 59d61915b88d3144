/**
 * The format of data/lists/specs.yaml: which raw file and filter make each committed list under data/lists/.
 * The importer runs these; the header of every list file repeats its spec, so a list says where it came from.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { DATA_DIR } from '../rules/paths.js';

const listSpecSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  title: z.string().min(1),
  /** Path under shared/hts-data/. */
  source: z.string().min(1),
  upstream: z.string().min(1),
  /** Column holding the HTS code; absent for one-code-per-line text files. */
  code_column: z.string().min(1).optional(),
  /** Keep rows where every given column equals the value, or one of the values ('' = empty). */
  where: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  filter_text: z.string().min(1),
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

const listSpecsSchema = z.strictObject({ lists: z.array(listSpecSchema), range_lists: z.array(rangeListSpecSchema) });
export type ListSpecs = z.infer<typeof listSpecsSchema>;

export const LIST_SPECS_PATH = join(DATA_DIR, 'lists', 'specs.yaml');

/** The list specs, validated; a malformed file is an error naming the key at fault. */
export function loadListSpecs(path = LIST_SPECS_PATH): ListSpecs {
  const parsed = listSpecsSchema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
