/**
 * JSON Schemas of the rule file formats, generated from their zod schemas (the one source of truth), so an
 * editor with the YAML language server completes and checks a file as it is written. Each shipped YAML file
 * names its schema on its first line; `npm run schemas` writes both.
 */
import { posix, relative, dirname } from 'node:path';
import { z } from 'zod';
import { caTariffSourceSchema } from './ca-tariff-source-schema.js';
import { listSpecsSchema } from './list-specs-schema.js';
import { refundProgramSchema } from './refund-program-schema.js';
import { scenarioSchema } from './scenario-schema.js';
import { schedulePartSchema, scheduleSchema } from './schedule-schema.js';

/** Each kind of rule file, by the `format` its files declare. */
export const SCHEMA_KINDS = {
  schedule: { format: 'tariff-schedule/1', zod: scheduleSchema, title: 'tariff schedule' },
  'schedule-part': { format: 'tariff-schedule-part/1', zod: schedulePartSchema, title: 'tariff schedule part file' },
  scenario: { format: 'tariff-scenario/1', zod: scenarioSchema, title: 'tariff scenario' },
  'refund-program': { format: 'tariff-refund-program/1', zod: refundProgramSchema, title: 'tariff refund program' },
  'list-specs': { format: 'tariff-list-specs/1', zod: listSpecsSchema, title: 'tariff list specs (how each HTS list is imported)' },
  'ca-tariff-source': { format: 'tariff-ca-tariff-source/1', zod: caTariffSourceSchema, title: "the raw CBSA export that makes Canada's Customs Tariff table" },
} as const;
export type SchemaKind = keyof typeof SCHEMA_KINDS;
export const SCHEMA_KIND_NAMES = Object.keys(SCHEMA_KINDS) as SchemaKind[];

/** Where the shipped schemas live, relative to the data folder. */
export const SCHEMA_DIR_NAME = 'schema';

export function schemaFileName(kind: SchemaKind): string {
  return `${kind}.schema.json`;
}

export function kindOfFormat(format: unknown): SchemaKind | undefined {
  return SCHEMA_KIND_NAMES.find((k) => SCHEMA_KINDS[k].format === format);
}

/**
 * The schema of what may be written in a file (zod's input side: defaults make keys optional, YAML dates
 * are strings). Refinements zod cannot express (a calendar date, a rate's bounds) are checked by the loader.
 */
export function jsonSchemaFor(kind: SchemaKind): Record<string, unknown> {
  const { zod, title } = SCHEMA_KINDS[kind];
  const generated = z.toJSONSchema(zod, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, $id: schemaFileName(kind), title, description: `Generated from src/rules by npm run schemas; do not edit by hand.`, ...rest };
}

export function jsonSchemaText(kind: SchemaKind): string {
  return `${JSON.stringify(jsonSchemaFor(kind), null, 2)}\n`;
}

/** The first line of a YAML file of this kind at `yamlPath`, naming the schema in `schemaDir` by a relative path. */
export function schemaLine(kind: SchemaKind, yamlPath: string, schemaDir: string): string {
  const rel = relative(dirname(yamlPath), schemaDir).split(/[\\/]/).join(posix.sep);
  return `# yaml-language-server: $schema=${posix.join(rel, schemaFileName(kind))}`;
}

export const SCHEMA_LINE = /^# yaml-language-server: \$schema=\S*\r?\n/;
