/**
 * The format of data/lists/specs.yaml: which raw file and filter make each committed list under data/lists/.
 * The importer runs these; the header of every list file repeats its spec, so a list says where it came from.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DATA_DIR } from '../rules/paths.js';
import { listSpecsSchema, type ListSpecs } from '../rules/list-specs-schema.js';

export type { ListSpec, ListSpecs, RangeListSpec } from '../rules/list-specs-schema.js';

export const LIST_SPECS_PATH = join(DATA_DIR, 'lists', 'specs.yaml');

/** The list specs, validated; a malformed file is an error naming the key at fault. */
export function loadListSpecs(path = LIST_SPECS_PATH): ListSpecs {
  const parsed = listSpecsSchema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
