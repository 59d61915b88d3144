/**
 * `rules diff OLD NEW`: loads two schedule files (or two directories of schedules, matched by schedule id),
 * validates both, and diffs the loaded rule sets; list codes carry their HTS descriptions.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { formatHts } from '../rules/hts/format.js';
import { loadHtsTable } from '../rules/hts/load-hts.js';
import type { HtsTable } from '../rules/hts/types.js';
import { loadSchedule, type LoadedSchedule } from '../rules/load-schedule.js';
import type { RuleError } from '../rules/rule-error.js';
import { diffSchedules, isEmptyDiff } from '../rules/rule-set-diff.js';
import type { DiffSide, RulesDiffReport, ScheduleDiffReport } from '../report/rules-diff-render.js';

export type RulesDiffResult = { ok: true; report: RulesDiffReport } | { ok: false; message: string; errors: RuleError[] };

function isScheduleFile(path: string): boolean {
  try {
    const doc = parse(readFileSync(path, 'utf8'), { maxAliasCount: 100 }) as unknown;
    return typeof doc === 'object' && doc !== null && (doc as { format?: unknown }).format === 'tariff-schedule/1';
  } catch {
    return false;
  }
}

/** The schedule files of a directory: its own *.yaml, or those of its schedules/ folder (a copy of data/). */
function schedulesIn(dir: string): string[] {
  const here = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f))
    .filter((p) => statSync(p).isFile() && isScheduleFile(p));
  if (here.length > 0) return here;
  const nested = join(dir, 'schedules');
  return existsSync(nested) && statSync(nested).isDirectory() ? schedulesIn(nested) : [];
}

type Loaded = { ok: true; schedules: LoadedSchedule[] } | { ok: false; message: string; errors: RuleError[] };

function loadSide(path: string, which: string): Loaded {
  if (!existsSync(path)) return { ok: false, message: `${which} ${path}: no such file or directory`, errors: [] };
  const files = statSync(path).isDirectory() ? schedulesIn(path) : [path];
  if (files.length === 0) return { ok: false, message: `${which} ${path}: the directory holds no schedule file (format: tariff-schedule/1)`, errors: [] };
  const schedules: LoadedSchedule[] = [];
  for (const f of files) {
    const r = loadSchedule(f);
    if (!r.ok) return { ok: false, message: `${which} ${f}: the rule files have errors; nothing was compared`, errors: r.errors };
    schedules.push(r.loaded);
  }
  return { ok: true, schedules };
}

function side(l: LoadedSchedule): DiffSide {
  return { file: l.file, id: l.schedule.id, version: l.schedule.version, as_of: l.schedule.as_of, sha256: l.contentSha256 };
}

/** A code's HTS description: its subheading's for 8 and 10 digits, the first subheading's under a shorter prefix. */
export function describeCode(hts: HtsTable, digits: string): string {
  const own = hts.lookup(digits) ?? (digits.length > 8 ? hts.lookup(digits.slice(0, 8)) : undefined);
  if (own) return own.description;
  const under = digits.length < 8 ? hts.subheadings(digits) : [];
  if (under.length === 0) return 'not in the HTS data';
  const first = under[0]!.record.description;
  return under.length === 1 ? first : `${under.length} subheadings, from ${formatHts(under[0]!.record.code8)}: ${first}`;
}

export function rulesDiff(oldPath: string, newPath: string, hts: () => HtsTable): RulesDiffResult {
  const before = loadSide(oldPath, 'OLD');
  if (!before.ok) return before;
  const after = loadSide(newPath, 'NEW');
  if (!after.ok) return after;
  const oldById = new Map(before.schedules.map((l) => [l.schedule.id, l]));
  const newById = new Map(after.schedules.map((l) => [l.schedule.id, l]));
  const ids = [...new Set([...oldById.keys(), ...newById.keys()])];
  // Two single files are the same schedule whatever their ids: a renamed id is a change, not two schedules.
  const single = before.schedules.length === 1 && after.schedules.length === 1 && !statSync(oldPath).isDirectory();
  const pairs: Array<[LoadedSchedule | undefined, LoadedSchedule | undefined]> = single ? [[before.schedules[0], after.schedules[0]]] : ids.map((id) => [oldById.get(id), newById.get(id)]);
  let table: HtsTable | undefined;
  const schedules = pairs.map(([o, n]): ScheduleDiffReport => {
    const id = (n ?? o)!.schedule.id;
    if (!o || !n) return { id, ...(o ? { old: side(o) } : {}), ...(n ? { new: side(n) } : {}), descriptions: {} };
    const diff = diffSchedules(o, n);
    const descriptions: Record<string, string> = {};
    // Codes are described from the schedule's own tariff table (canada-us: the Customs Tariff), else the HTSUS.
    const tableOf = (): HtsTable => (n.tariffTable ? loadHtsTable(n.tariffTable.path, n.tariffTable.format) : (table ??= hts()));
    let own: HtsTable | undefined;
    for (const l of diff.lists) for (const c of [...l.added, ...l.removed]) descriptions[c] ??= describeCode((own ??= tableOf()), c);
    return { id, old: side(o), new: side(n), diff, descriptions };
  });
  const equal = schedules.every((s) => s.diff !== undefined && isEmptyDiff(s.diff));
  return { ok: true, report: { equal, schedules } };
}
