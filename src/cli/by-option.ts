/**
 * `--by authority|chapter|section|heading|month|entry`: group sums instead of lines, one level or two
 * (`--by month,authority` or `--by month --by authority`), outermost first.
 */
import type { Command } from 'commander';
import { GROUP_LEVELS, type GroupLevel } from '../engine/group-totals.js';
import { UsageError } from './usage-error.js';

const MAX_LEVELS = 2;

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function addByOption(command: Command): Command {
  return command.option(
    '--by <level>',
    `group sums instead of lines: ${GROUP_LEVELS.join(', ')} (chapter = HTS 2 digits, section = HTS section I-XXII, heading = 4 digits, month = entry date YYYY-MM); two levels as --by month,authority`,
    collect,
  );
}

/** The levels asked for, checked; undefined without --by. */
export function byLevels(values: readonly string[] | undefined): GroupLevel[] | undefined {
  if (values === undefined) return undefined;
  const levels = values.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase());
  for (const l of levels) {
    if (!(GROUP_LEVELS as readonly string[]).includes(l)) throw new UsageError(`unknown --by level "${l}"; use ${GROUP_LEVELS.join(', ')}`);
  }
  if (levels.length === 0 || levels.length > MAX_LEVELS) throw new UsageError(`give one or two --by levels (e.g. --by authority or --by month,authority), not ${levels.length}`);
  if (new Set(levels).size !== levels.length) throw new UsageError(`--by names "${levels[0]}" twice`);
  return levels as GroupLevel[];
}
