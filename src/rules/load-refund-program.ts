/**
 * Loads a refund-program file (data/refunds/<id>.yaml by default) with file:line:column errors, and checks
 * that the authorities it names exist in the schedule the entries are recomputed with.
 */
import { createHash } from 'node:crypto';
import { refundProgramSchema, type RefundProgram } from './refund-program-schema.js';
import type { RuleError } from './rule-error.js';
import type { RuleSet } from './rule-set.js';
import { readYamlFile } from './yaml-file.js';
import { errorAt } from './yaml-source.js';

export type RefundProgramResult = { ok: true; program: RefundProgram; sha256: string } | { ok: false; errors: RuleError[] };

export function loadRefundProgram(path: string, rules: RuleSet): RefundProgramResult {
  const read = readYamlFile(path, refundProgramSchema, 'refund program file not found');
  if (!read.ok) return read;
  const { value: program, source, bytes } = read;
  const known = new Set(Object.keys(rules.schedule.authorities));
  const refErrors = program.authorities.flatMap((a, i) => (known.has(a) ? [] : [errorAt(source, ['authorities', i], `no authority "${a}" in schedule ${rules.schedule.id}; known: ${[...known].join(', ')}`)]));
  if (program.headings.from > program.headings.to) refErrors.push(errorAt(source, ['headings'], 'the first heading comes after the last'));
  if (program.entry_dates.from > program.entry_dates.to) refErrors.push(errorAt(source, ['entry_dates'], 'the first date comes after the last'));
  if (refErrors.length > 0) return { ok: false, errors: refErrors };
  return { ok: true, program, sha256: createHash('sha256').update(bytes).digest('hex') };
}
