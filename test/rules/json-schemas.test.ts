/**
 * The shipped JSON Schemas are those the zod schemas generate today, every YAML file under data/ names the
 * schema of its format on its first line, and a standard validator (ajv) accepts every shipped file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFor, jsonSchemaText, kindOfFormat, SCHEMA_DIR_NAME, SCHEMA_KIND_NAMES, schemaFileName, schemaLine } from '../../src/rules/json-schemas.js';
import { DATA_DIR } from '../../src/rules/paths.js';
import { yamlFilesUnder } from '../../src/scripts/write-schemas.js';
import { tariffAsync } from '../helpers/cli.js';

const schemaDir = join(DATA_DIR, SCHEMA_DIR_NAME);
const shipped = yamlFilesUnder(DATA_DIR);

describe('JSON Schemas of the rule files', () => {
  it.each(SCHEMA_KIND_NAMES)('data/schema/%s.schema.json is what the zod schemas generate (run npm run schemas when this fails)', (kind) => {
    expect(readFileSync(join(schemaDir, schemaFileName(kind)), 'utf8')).toBe(jsonSchemaText(kind));
  });

  it('the shipped data has YAML files of every kind', () => {
    const kinds = new Set(shipped.map((p) => kindOfFormat((parse(readFileSync(p, 'utf8')) as { format?: unknown }).format)));
    expect([...kinds].sort()).toEqual([...SCHEMA_KIND_NAMES].sort());
  });

  it.each(shipped.map((p) => [p.slice(DATA_DIR.length + 1), p]))('%s names its schema on its first line and the schema accepts it', (_, path) => {
    const text = readFileSync(path, 'utf8');
    const kind = kindOfFormat((parse(text) as { format?: unknown }).format);
    expect(kind, 'a YAML file under data/ declares a known format').toBeDefined();
    expect(text.split('\n')[0]).toBe(schemaLine(kind!, path, schemaDir));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(join(schemaDir, schemaFileName(kind!)), 'utf8')) as object);
    const ok = validate(parse(text));
    expect(ok ? [] : validate.errors).toEqual([]);
  });

  it('the validator rejects what the loader rejects: an unknown key, a bad rate, a missing field', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(jsonSchemaFor('scenario'));
    const good = { format: 'tariff-scenario/1', id: 'x', version: '1', title: 'X', base: 'us-canada', changes: [{ set_rate: { measure: 'm', rate: '25%', from: '2026-01-01' } }] };
    expect(validate(good)).toBe(true);
    expect(validate({ ...good, colour: 'red' })).toBe(false);
    expect(validate({ ...good, changes: [{ set_rate: { measure: 'm', rate: 'lots', from: '2026-01-01' } }] })).toBe(false);
    const { title: _, ...untitled } = good;
    expect(validate(untitled)).toBe(false);
  });

  it('tariff rules schema KIND prints the shipped schema; an unknown kind is a usage error', async () => {
    const r = await tariffAsync(['rules', 'schema', 'scenario']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(schemaDir, 'scenario.schema.json'), 'utf8'));
    expect((await tariffAsync(['rules', 'schema'])).stdout).toBe(readFileSync(join(schemaDir, 'schedule.schema.json'), 'utf8'));
    const bad = await tariffAsync(['rules', 'schema', 'invoice']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('unknown kind "invoice"');
  });
});
