/**
 * The rule set a result was computed by, said the same way in every output that had no place for it yet
 * (lookup, audit, refund): schedule and version, as-of date, sha256.
 */
import type { Provenance } from '../engine/types.js';

/** As the estimate CSV names it: schedule@version, sha256 (12 hex digits), as-of date. */
export const RULES_COLUMNS = ['schedule', 'rules_sha256', 'as_of'];
export function rulesCells(p: Provenance): string[] {
  return [`${p.scheduleId}@${p.scheduleVersion}`, p.rulesSha256.slice(0, 12), p.asOf];
}

/** The rule set in words, for the foot of a table. */
export function rulesLine(p: Provenance): string {
  return `Rules: ${p.scheduleId} ${p.scheduleVersion}, as of ${p.asOf}, sha256 ${p.rulesSha256.slice(0, 16)}`;
}

export function rulesJson(p: Provenance): { schedule: string; version: string; as_of: string; rules_sha256: string } {
  return { schedule: p.scheduleId, version: p.scheduleVersion, as_of: p.asOf, rules_sha256: p.rulesSha256 };
}

/** Said of a date after the data was last known current (the line's own notes say it for a computed line). */
export function afterAsOfNote(date: string, asOf: string): string | undefined {
  return date > asOf ? `assumed: ${date} is after the rules' as-of date ${asOf}: later measures are not known to this data` : undefined;
}
