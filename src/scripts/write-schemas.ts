/**
 * `npm run schemas`: writes data/schema/*.schema.json from the zod schemas and puts the line naming its
 * schema at the top of every YAML file under data/ (by the `format` it declares). Byte-identical on re-runs.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { jsonSchemaText, kindOfFormat, SCHEMA_DIR_NAME, SCHEMA_KIND_NAMES, SCHEMA_LINE, schemaFileName, schemaLine } from '../rules/json-schemas.js';
import { DATA_DIR } from '../rules/paths.js';

export function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** The text a YAML file should have: its schema line first (replacing an older one), the rest unchanged. */
export function withSchemaLine(path: string, text: string, schemaDir: string): string | undefined {
  const kind = kindOfFormat((parse(text) as { format?: unknown } | null)?.format);
  if (!kind) return undefined;
  return `${schemaLine(kind, path, schemaDir)}\n${text.replace(SCHEMA_LINE, '')}`;
}

function main(): void {
  const schemaDir = join(DATA_DIR, SCHEMA_DIR_NAME);
  for (const kind of SCHEMA_KIND_NAMES) writeFileSync(join(schemaDir, schemaFileName(kind)), jsonSchemaText(kind));
  for (const path of yamlFilesUnder(DATA_DIR)) {
    const text = readFileSync(path, 'utf8');
    const next = withSchemaLine(path, text, schemaDir);
    if (next === undefined) process.stderr.write(`${path}: no known format; no schema line written\n`);
    else if (next !== text) writeFileSync(path, next);
  }
  process.stdout.write(`wrote ${SCHEMA_KIND_NAMES.length} schemas to ${schemaDir} and the schema line of every YAML file under ${DATA_DIR}\n`);
}

main();
