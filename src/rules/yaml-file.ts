/**
 * A YAML rule file read and checked against its zod schema, every problem placed at file:line:column: the
 * first steps every rule-file loader shares.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { z } from 'zod';
import { displayPath } from './load-schedule.js';
import type { RuleError } from './rule-error.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';
import { zodIssuesToRuleErrors } from './zod-errors.js';

export type YamlFileResult<T> = { ok: true; value: T; source: YamlSource; bytes: Buffer } | { ok: false; errors: RuleError[] };

export function readYamlFile<S extends z.ZodType>(path: string, schema: S, whenMissing: string): YamlFileResult<z.infer<S>> {
  const file = displayPath(path);
  if (!existsSync(path)) return { ok: false, errors: [{ file, line: 0, column: 0, path: '', message: whenMissing, severity: 'error' }] };
  const bytes = readFileSync(path);
  const { source, errors } = parseYamlSource(file, bytes.toString('utf8'));
  if (errors.length > 0) return { ok: false, errors };
  const parsed = schema.safeParse(source.value);
  if (!parsed.success) return { ok: false, errors: zodIssuesToRuleErrors(source, parsed.error.issues) };
  return { ok: true, value: parsed.data, source, bytes };
}
