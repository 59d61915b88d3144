/** The rule data the engine runs on, as plain values (the loader produces it; a library user can too). */
import type { Schedule } from './schedule-schema.js';

/** The origin of a line that gives none: the schedule's, when it covers one origin; else a line must say. */
export function defaultOrigin(rules: RuleSet): string | undefined {
  const origins = rules.schedule.origins;
  return origins.length === 1 ? origins[0] : undefined;
}

export interface RuleSet {
  schedule: Schedule;
  /** List name -> digits-only HTS prefixes. */
  lists: Record<string, string[]>;
  /** sha256 over the rule files (schedule, lists, scenario) as loaded. */
  contentSha256: string;
  /** Name of the scenario applied, "current" when none. */
  scenario: string;
  /** The scenario's title and description, from its file (reports show them beside its name). */
  scenarioTitle?: string;
  scenarioDescription?: string;
  /** The scenario ends USMCA preference: claims are ignored. */
  usmcaEnded?: boolean;
  /** The scenario evaluates every line as if entered on this date. */
  evaluateAsOf?: string;
  /** The schedule's own tariff table (absolute path and layout); undefined: the HTSUS (data/hts/hts.tsv). */
  tariffTable?: { path: string; format: 'hts-tsv' | 'ca-customs-tariff-tsv' };
}

/** The currency the schedule's duties are assessed in (USD unless it says). */
export function scheduleCurrency(rules: RuleSet): string {
  return rules.schedule.currency ?? 'USD';
}
