/**
 * `tariff rules schema [KIND]`: the JSON Schema of a rule file format, for an editor or a validator.
 */
import type { Command } from 'commander';
import { UsageError } from '../usage-error.js';
import type { Invocation } from '../invocation.js';

export function registerRulesSchema(rules: Command, invocation: Invocation): void {
  rules
    .command('schema')
    .description('print the JSON Schema of a rule file format: schedule, schedule-part, scenario or refund-program')
    .argument('[kind]', 'schedule, schedule-part, scenario or refund-program', 'schedule')
    .addHelpText('after', `
The shipped schemas are in data/schema/; every YAML file under data/ names its own on its first line
(# yaml-language-server: $schema=...), so an editor with the YAML language server completes and checks it.
Checks a schema cannot state (a calendar date, a rate's bounds, references between files) are made by
tariff rules validate.

Examples:
  $ tariff rules schema
  $ tariff rules schema scenario > scenario.schema.json`)
    .action(async (kind: string) => {
      const { jsonSchemaText, SCHEMA_KIND_NAMES } = await import('../../rules/json-schemas.js');
      const known = SCHEMA_KIND_NAMES.find((k) => k === kind);
      if (!known) throw new UsageError(`unknown kind "${kind}"; use one of ${SCHEMA_KIND_NAMES.join(', ')}`);
      invocation.stdout.write(jsonSchemaText(known));
    });
}
