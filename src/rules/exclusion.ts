/** Exclusions name one measure or several; the engine and the checks want the list. */
import type { Exclusion } from './schedule-schema.js';

/** The measure ids an exclusion names. */
export function exclusionTargets(x: Exclusion): string[] {
  return typeof x.measure === 'string' ? [x.measure] : x.measure;
}
