/**
 * `rules diff` output: a terminal listing (table), Markdown for a client notice or a pull request, or JSON.
 */
import { formatHts } from '../rules/hts/format.js';
import type { Measure } from '../rules/schedule-schema.js';
import type { ListChange, ScheduleDiff, ValueChange } from '../rules/rule-set-diff.js';
import { shown } from './terminal-text.js';

export interface DiffSide {
  file: string;
  id: string;
  version: string;
  as_of: string;
  sha256: string;
}

export interface DescribedCode {
  code: string;
  description: string;
}

export interface ScheduleDiffReport {
  id: string;
  /** Absent: the schedule is only in NEW (added) or only in OLD (removed). */
  old?: DiffSide;
  new?: DiffSide;
  diff?: ScheduleDiff;
  /** HTS descriptions of every list code added or removed. */
  descriptions: Record<string, string>;
}

export interface RulesDiffReport {
  equal: boolean;
  schedules: ScheduleDiffReport[];
}

export const DIFF_FORMATS = ['table', 'markdown', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

function valueText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function changeText(c: ValueChange): string {
  if (c.before === undefined) return `${c.path}: added ${valueText(c.after)}`;
  if (c.after === undefined) return `${c.path}: removed ${valueText(c.before)}`;
  if (Array.isArray(c.before) && Array.isArray(c.after)) return `${c.path}: ${itemsChangeText(c.before, c.after)}`;
  return `${c.path}: ${valueText(c.before)} → ${valueText(c.after)}`;
}

/** A list of plain values (sources, excluded measures, codes, unknowns): the items added and removed, not both lists. */
function itemsChangeText(before: unknown[], after: unknown[]): string {
  const old = new Set(before.map(valueText));
  const now = new Set(after.map(valueText));
  const added = [...now].filter((v) => !old.has(v));
  const removed = [...old].filter((v) => !now.has(v));
  const parts = [...(added.length > 0 ? [`added ${added.join('; ')}`] : []), ...(removed.length > 0 ? [`removed ${removed.join('; ')}`] : [])];
  return parts.length > 0 ? parts.join('; ') : `reordered: ${after.map(valueText).join('; ')}`;
}

function periodsText(m: Measure): string {
  return m.periods.map((p) => `${p.rate === undefined ? 'no rate' : valueText(p.rate)} ${p.from} → ${p.to ?? 'open'}`).join('; ');
}

function measureLine(m: Measure): string {
  return `${m.id}: ${m.title} (${m.heading ?? 'no heading'}; ${periodsText(m)}; ${m.citation})`;
}

function sideText(s: DiffSide): string {
  return `${s.id} ${s.version} (as of ${s.as_of}, ${s.file})`;
}

function listSummary(l: ListChange): string {
  const what = l.status === 'changed' ? 'list' : `list ${l.status}`;
  return `${l.name} (${what}): ${l.added.length} code(s) added, ${l.removed.length} removed`;
}

interface Counts {
  added: number;
  removed: number;
  changed: number;
  lists: number;
  fields: number;
}

function counts(s: ScheduleDiffReport): Counts {
  const d = s.diff;
  return { added: d?.measures.added.length ?? 0, removed: d?.measures.removed.length ?? 0, changed: d?.measures.changed.length ?? 0, lists: d?.lists.length ?? 0, fields: d?.schedule.length ?? 0 };
}

function countLine(c: Counts): string {
  return `${c.added} measure(s) added, ${c.removed} removed, ${c.changed} changed; ${c.lists} list(s) changed; ${c.fields} schedule field(s) changed`;
}

function onlyOneSide(s: ScheduleDiffReport): string | undefined {
  if (s.old && !s.new) return `schedule ${s.id} removed: only in OLD, ${sideText(s.old)}`;
  if (s.new && !s.old) return `schedule ${s.id} added: only in NEW, ${sideText(s.new)}`;
  return undefined;
}

function tableFor(s: ScheduleDiffReport): string[] {
  const single = onlyOneSide(s);
  if (single) return [single];
  const d = s.diff!;
  const out = [`${sideText(s.old!)}`, `  → ${sideText(s.new!)}`];
  if (d.schedule.length > 0) out.push('Schedule:', ...d.schedule.map((c) => `  ${changeText(c)}`));
  if (d.measures.added.length > 0) out.push('Measures added:', ...d.measures.added.map((m) => `  + ${measureLine(m)}`));
  if (d.measures.removed.length > 0) out.push('Measures removed:', ...d.measures.removed.map((m) => `  - ${measureLine(m)}`));
  if (d.measures.changed.length > 0) out.push('Measures changed:', ...d.measures.changed.flatMap((m) => [`  ~ ${m.id}: ${m.title}`, ...m.changes.map((c) => `      ${changeText(c)}`)]));
  if (d.lists.length > 0)
    out.push(
      'Lists:',
      ...d.lists.flatMap((l) => [
        `  ${listSummary(l)}`,
        ...l.added.map((c) => `    + ${formatHts(c).padEnd(13)} ${s.descriptions[c] ?? ''}`),
        ...l.removed.map((c) => `    - ${formatHts(c).padEnd(13)} ${s.descriptions[c] ?? ''}`),
      ]),
    );
  out.push(countLine(counts(s)));
  return out;
}

function renderTable(r: RulesDiffReport): string {
  const body = r.schedules.map((s) => tableFor(s).map(shown).join('\n')).join('\n\n');
  return `${body}\n${r.equal ? 'The rule sets are the same.' : 'The rule sets differ.'}\n`;
}

function md(text: string): string {
  return text.replace(/([\\`*_|<>[\]])/g, '\\$1').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function markdownFor(s: ScheduleDiffReport): string[] {
  const single = onlyOneSide(s);
  if (single) return [`## Schedule ${code(s.id)}`, '', md(single)];
  const d = s.diff!;
  const out = [`## Schedule ${code(s.id)}: ${md(s.old!.version)} → ${md(s.new!.version)}`, '', `- Old: ${md(sideText(s.old!))}`, `- New: ${md(sideText(s.new!))}`, `- ${countLine(counts(s))}`];
  if (d.schedule.length > 0) out.push('', '### Schedule fields', '', ...d.schedule.map((c) => `- ${md(changeText(c))}`));
  if (d.measures.added.length > 0) out.push('', '### Measures added', '', ...d.measures.added.map((m) => `- ${code(m.id)}: ${md(measureLine(m).slice(m.id.length + 2))}`));
  if (d.measures.removed.length > 0) out.push('', '### Measures removed', '', ...d.measures.removed.map((m) => `- ${code(m.id)}: ${md(measureLine(m).slice(m.id.length + 2))}`));
  if (d.measures.changed.length > 0) out.push('', '### Measures changed', '', ...d.measures.changed.flatMap((m) => [`- ${code(m.id)}: ${md(m.title)}`, ...m.changes.map((c) => `  - ${md(changeText(c))}`)]));
  if (d.lists.length > 0) {
    out.push('', '### Lists');
    for (const l of d.lists) {
      out.push('', `#### ${md(listSummary(l))}`, '', '| Change | HTS | Description |', '| --- | --- | --- |');
      out.push(...l.added.map((c) => `| added | ${formatHts(c)} | ${md(s.descriptions[c] ?? '')} |`), ...l.removed.map((c) => `| removed | ${formatHts(c)} | ${md(s.descriptions[c] ?? '')} |`));
    }
  }
  return out;
}

function renderMarkdown(r: RulesDiffReport): string {
  const head = ['# Rule changes', '', r.equal ? 'The rule sets are the same.' : 'The rule sets differ.'];
  return `${[...head, ...r.schedules.flatMap((s) => ['', ...markdownFor(s)])].join('\n')}\n`;
}

function renderJson(r: RulesDiffReport): string {
  const schedules = r.schedules.map((s) => ({
    id: s.id,
    old: s.old ?? null,
    new: s.new ?? null,
    ...(s.diff
      ? {
          schedule: s.diff.schedule,
          measures: s.diff.measures,
          lists: s.diff.lists.map((l) => ({ ...l, added: l.added.map((c) => ({ code: formatHts(c), description: s.descriptions[c] ?? '' })), removed: l.removed.map((c) => ({ code: formatHts(c), description: s.descriptions[c] ?? '' })) })),
        }
      : {}),
  }));
  return `${JSON.stringify({ equal: r.equal, schedules }, null, 2)}\n`;
}

export function renderRulesDiff(r: RulesDiffReport, format: DiffFormat): string {
  if (format === 'json') return renderJson(r);
  if (format === 'markdown') return renderMarkdown(r);
  return renderTable(r);
}
