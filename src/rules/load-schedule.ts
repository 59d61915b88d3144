/**
 * Reads a schedule file, its part files and its list files, validates them, and returns plain data with
 * provenance. Errors point at the file, line and column where the offending key is written, whichever
 * part file that is.
 */
import { createHash, type Hash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { TariffTableFormat } from './hts/load-hts.js';
import { parseListFile } from './list-file.js';
import { referencedFile, ruleDataRoot } from './referenced-file.js';
import type { RuleError } from './rule-error.js';
import { checkSchedule } from './schedule-checks.js';
import { schedulePartSchema, scheduleSchema, type Schedule } from './schedule-schema.js';
import { errorAt, parseYamlSource, type Locate, type YamlSource } from './yaml-source.js';
import { zodIssuesToRuleErrors } from './zod-errors.js';

export interface LoadedSchedule {
  schedule: Schedule;
  /** List name -> digits-only HTS prefixes. */
  lists: Record<string, string[]>;
  /** Path as given (for messages). */
  file: string;
  /** sha256 over the schedule file, its parts and every list file it uses: any change to the data changes it. */
  contentSha256: string;
  /** Non-fatal findings (e.g. unverified facts without a note). */
  warnings: RuleError[];
  /** The schedule's own tariff table (tariff_table), resolved; undefined: the HTSUS. */
  tariffTable?: { path: string; format: TariffTableFormat };
}

export type LoadResult = { ok: true; loaded: LoadedSchedule } | { ok: false; errors: RuleError[] };

export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

function missingFile(file: string, what: string): RuleError {
  return { file, line: 0, column: 0, path: '', message: `${what} not found`, severity: 'error' };
}

export function loadSchedule(path: string): LoadResult {
  const file = displayPath(path);
  if (!existsSync(path)) return { ok: false, errors: [missingFile(file, 'schedule file')] };
  const bytes = readFileSync(path);
  return loadScheduleText(file, bytes.toString('utf8'), dirname(resolve(path)), bytes);
}

interface Origin {
  source: YamlSource;
  index: number;
}

/** Merges part files into the schedule and builds a locator that maps merged paths back to their files. */
function mergeParts(main: YamlSource, schedule: Schedule, baseDir: string, root: string, hash: Hash, errors: RuleError[]): Locate {
  const measureOrigin: Origin[] = schedule.measures.map((_, index) => ({ source: main, index }));
  const keyOrigin = new Map<string, YamlSource>();
  schedule.parts.forEach((partFile, pi) => {
    const part = referencedFile(root, baseDir, partFile, 'part file', displayPath);
    if (!part.ok) {
      errors.push(errorAt(main, ['parts', pi], part.reason));
      return;
    }
    const partPath = part.path;
    const bytes = readFileSync(partPath);
    hash.update(`\0part:${partFile}\0`);
    hash.update(bytes);
    const { source, errors: yamlErrors } = parseYamlSource(displayPath(partPath), bytes.toString('utf8'));
    if (yamlErrors.length > 0) {
      errors.push(...yamlErrors);
      return;
    }
    const parsed = schedulePartSchema.safeParse(source.value);
    if (!parsed.success) {
      errors.push(...zodIssuesToRuleErrors(source, parsed.error.issues));
      return;
    }
    const partData = parsed.data;
    for (const [kind, entries] of [['sources', partData.sources], ['lists', partData.lists]] as const) {
      for (const [name, value] of Object.entries(entries)) {
        const target = schedule[kind] as Record<string, unknown>;
        if (name in target) errors.push(errorAt(source, [kind, name], `${kind === 'sources' ? 'source' : 'list'} "${name}" is already declared in another file`));
        else {
          target[name] = value;
          keyOrigin.set(`${kind}:${name}`, source);
        }
      }
    }
    partData.measures.forEach((m, index) => {
      measureOrigin.push({ source, index });
      schedule.measures.push(m);
    });
  });
  return (path, message, options) => {
    const [head, second, ...rest] = path;
    if (head === 'measures' && typeof second === 'number' && measureOrigin[second]) {
      const o = measureOrigin[second]!;
      return errorAt(o.source, ['measures', o.index, ...rest], message, options);
    }
    if ((head === 'lists' || head === 'sources') && typeof second === 'string') {
      return errorAt(keyOrigin.get(`${head}:${second}`) ?? main, path, message, options);
    }
    return errorAt(main, path, message, options);
  };
}

/** Same as loadSchedule for text already in memory; part and list files are read relative to `baseDir`. */
function loadScheduleText(file: string, text: string, baseDir: string, bytes: Buffer = Buffer.from(text)): LoadResult {
  const { source, errors } = parseYamlSource(file, text);
  if (errors.length > 0) return { ok: false, errors };
  const parsed = scheduleSchema.safeParse(source.value);
  if (!parsed.success) return { ok: false, errors: zodIssuesToRuleErrors(source, parsed.error.issues) };
  const schedule = parsed.data;
  const hash = createHash('sha256');
  hash.update(bytes);
  const partErrors: RuleError[] = [];
  const root = ruleDataRoot(baseDir);
  const at = mergeParts(source, schedule, baseDir, root, hash, partErrors);
  if (partErrors.length > 0) return { ok: false, errors: partErrors };
  const findings = checkSchedule(at, schedule);
  if (schedule.measures.length === 0) findings.push(at(['measures'], 'the schedule has no measures (in the file or its parts)'));

  const lists: Record<string, string[]> = {};
  for (const name of Object.keys(schedule.lists).sort()) {
    const ref = schedule.lists[name]!;
    const list = referencedFile(root, baseDir, ref.file, 'list file', displayPath);
    if (!list.ok) {
      findings.push(at(['lists', name, 'file'], list.reason));
      continue;
    }
    const listPath = list.path;
    const listBytes = readFileSync(listPath);
    const parsedList = parseListFile(displayPath(listPath), listBytes.toString('utf8'));
    findings.push(...parsedList.errors);
    if (parsedList.prefixes.length === 0 && !ref.incomplete)
      findings.push(at(['lists', name], 'the list file has no HTS codes; say what is missing with incomplete: "<what>" if that is known'));
    lists[name] = parsedList.prefixes;
    hash.update(`\0list:${name}\0`);
    hash.update(listBytes);
  }

  let tariffTable: LoadedSchedule['tariffTable'];
  if (schedule.tariff_table) {
    const table = referencedFile(root, baseDir, schedule.tariff_table.file, 'tariff table', displayPath);
    if (!table.ok) findings.push(at(['tariff_table', 'file'], table.reason));
    else tariffTable = { path: table.path, format: schedule.tariff_table.format };
  }

  if (findings.some((f) => f.severity === 'error')) return { ok: false, errors: findings };
  return { ok: true, loaded: { schedule, lists, file, contentSha256: hash.digest('hex'), warnings: findings, ...(tariffTable ? { tariffTable } : {}) } };
}
