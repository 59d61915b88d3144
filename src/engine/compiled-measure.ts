/**
 * A measure resolved for one stretch of dates: its period picked, its rate parsed, its words prepared,
 * so that a line costs a few lookups and integer operations.
 */
import { parsePercent, parseScaled } from '../money/decimal.js';
import type { Condition, Measure, Period, Scope } from '../rules/schedule-schema.js';
import type { Category } from './types.js';

export type CompiledRate =
  | { kind: 'percent'; nanos: number }
  | { kind: 'column1' }
  | { kind: 'floor'; nanos: number }
  | { kind: 'line_rate' }
  | { kind: 'none' };

export interface CompiledExclusion {
  /** Evaluation index of the excluded measure in the same segment. */
  target: number;
  portion: 'whole' | 'remainder';
  reason: string;
}

export interface CompiledMeasure {
  /** Position in the segment's evaluation (stacking) order; exclusions target it. */
  stackIndex: number;
  /** The measure id's number, the same in every segment of its schedule (see Component.ordinal). */
  ordinal: number;
  measure: Measure;
  period: Period;
  id: string;
  title: string;
  category: Category;
  level: 'line' | 'entry';
  heading: string | null;
  authority: string;
  authorityName: string;
  rate: CompiledRate;
  rateText: string;
  minimumCents?: number;
  maximumCents?: number;
  origins: ReadonlySet<string>;
  when: readonly Condition[];
  scope: Scope;
  excludes: CompiledExclusion[];
  verified: boolean;
  unverifiedNote?: string;
}

export function compileRate(period: Period): { rate: CompiledRate; text: string } {
  const r = period.rate;
  if (r === undefined) return { rate: { kind: 'none' }, text: 'prohibited' };
  if (typeof r === 'string') return { rate: { kind: 'percent', nanos: parsePercent(r)! }, text: r };
  if ('column1' in r) return { rate: { kind: 'column1' }, text: 'column 1 rate of the HTS line' };
  if ('floor_including_column1' in r)
    return { rate: { kind: 'floor', nanos: parsePercent(r.floor_including_column1)! }, text: `${r.floor_including_column1} all-in, less column 1 duty` };
  return { rate: { kind: 'line_rate' }, text: 'the line\'s adcvd_rate' };
}

export function dollarsToCents(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseScaled(text, 2);
}
