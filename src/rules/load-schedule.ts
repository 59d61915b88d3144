/**
 * Reads a schedule file and its list files, validates them, and returns plain data with provenance.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseListFile } from './list-file.js';
import type { RuleError } from './rule-error.js';
import { checkSchedule } from './schedule-checks.js';
import { scheduleSchema, type Schedule } from './schedule-schema.js';
import { errorAt, parseYamlSource } from './yaml-source.js';
import { zodIssuesToRuleErrors } from './zod-errors.js';

export interface LoadedSchedule {
  schedule: Schedule;
  /** List name -> digits-only HTS prefixes. */
  lists: Record<string, string[]>;
  /** Path as given (for messages). */
  file: string;
  /** sha256 over the schedule file and every list file it uses: any change to the data changes it. */
  contentSha256: string;
  /** Non-fatal findings (e.g. unverified facts without a note). */
  warnings: RuleError[];
}

export type LoadResult = { ok: true; loaded: LoadedSchedule } | { ok: false; errors: RuleError[] };

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

export function loadSchedule(path: string): LoadResult {
  const file = displayPath(path);
  if (!existsSync(path)) {
    return { ok: false, errors: [{ file, line: 0, column: 0, path: '', message: 'schedule file not found', severity: 'error' }] };
  }
  const bytes = readFileSync(path);
  return loadScheduleText(file, bytes.toString('utf8'), dirname(resolve(path)), bytes);
}

/** Same as loadSchedule for text already in memory; list files are read relative to `baseDir`. */
export function loadScheduleText(file: string, text: string, baseDir: string, bytes: Buffer = Buffer.from(text)): LoadResult {
  const { source, errors } = parseYamlSource(file, text);
  if (errors.length > 0) return { ok: false, errors };
  const parsed = scheduleSchema.safeParse(source.doc.toJS());
  if (!parsed.success) return { ok: false, errors: zodIssuesToRuleErrors(source, parsed.error.issues) };
  const schedule = parsed.data;
  const findings = checkSchedule(source, schedule);

  const hash = createHash('sha256');
  hash.update(bytes);
  const lists: Record<string, string[]> = {};
  for (const name of Object.keys(schedule.lists).sort()) {
    const ref = schedule.lists[name]!;
    const listPath = resolve(baseDir, ref.file);
    if (!existsSync(listPath)) {
      findings.push(errorAt(source, ['lists', name, 'file'], `list file not found: ${displayPath(listPath)}`));
      continue;
    }
    const listBytes = readFileSync(listPath);
    const parsedList = parseListFile(displayPath(listPath), listBytes.toString('utf8'));
    findings.push(...parsedList.errors);
    if (parsedList.prefixes.length === 0 && !ref.incomplete)
      findings.push(errorAt(source, ['lists', name], 'the list file has no HTS codes; mark the list incomplete: "<what is missing>" if that is known'));
    lists[name] = parsedList.prefixes;
    hash.update(`\0list:${name}\0`);
    hash.update(listBytes);
  }

  const fatal = findings.filter((f) => f.severity === 'error');
  if (fatal.length > 0) return { ok: false, errors: findings };
  return {
    ok: true,
    loaded: { schedule, lists, file, contentSha256: hash.digest('hex'), warnings: findings },
  };
}
