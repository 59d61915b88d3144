/**
 * `tariff lookup 1702.20` and `tariff lookup --search TEXT`: several HTS subheadings at once, each with its
 * description, its MFN (General) rate and the additional (Chapter 99) measures in force on the date whose
 * scope reaches it. Scope only: whether a measure applies to a shipment depends on its facts (USMCA,
 * content, value), which `tariff lookup CODE` works out for one line.
 */
import Table from 'cli-table3';
import { compileSchedule } from '../engine/compile.js';
import type { CompiledMeasure } from '../engine/compiled-measure.js';
import { formatHts } from '../rules/hts/format.js';
import type { HtsSubheading, HtsTable } from '../rules/hts/types.js';
import type { RuleSet } from '../rules/rule-set.js';
import { shown, terminalSafe } from './terminal-text.js';
import { afterAsOfNote, rulesJson, rulesLine } from './rules-provenance.js';
import type { Provenance } from '../engine/types.js';

/** More lines than this are counted, not shown. */
const LIST_LIMIT = 50;

export interface MeasureInScope {
  heading: string;
  id: string;
  title: string;
  rate: string;
  /** False when the scope reaches only some of the subheading's statistical lines. */
  wholeSubheading: boolean;
}

export interface ListedLine {
  code: string;
  description: string;
  mfn: string;
  measures: MeasureInScope[];
}

export interface LineList {
  /** What was asked: the code prefix or the search words. */
  asked: string;
  date: string;
  htsRevision: string;
  rules: Provenance;
  lines: ListedLine[];
  /** Lines found beyond the ones listed. */
  more: number;
}

export type LineListOutcome = { ok: true; list: LineList } | { ok: false; reason: string };

function measuresInScope(sub: HtsSubheading, reach: (code: string) => readonly CompiledMeasure[]): MeasureInScope[] {
  const code8 = sub.record.code8;
  const codes = sub.suffixes.length === 0 ? [code8] : sub.suffixes.map((s) => code8 + s);
  const reached = new Map<CompiledMeasure, number>();
  for (const code of codes) for (const m of reach(code)) reached.set(m, (reached.get(m) ?? 0) + 1);
  return [...reached]
    .filter(([m]) => m.heading !== null && m.category !== 'column1')
    .sort(([a], [b]) => a.stackIndex - b.stackIndex)
    .map(([m, n]) => ({ heading: m.heading!, id: m.id, title: m.title, rate: m.rateText, wholeSubheading: n === codes.length }));
}

export function listLines(asked: string, found: HtsSubheading[], date: string, rules: RuleSet, hts: HtsTable): LineListOutcome {
  const compiled = compileSchedule(rules, hts);
  const segment = compiled.segmentFor(date);
  if (!segment) return { ok: false, reason: `--date ${date} is outside the schedule's coverage (${compiled.coverage.from} to ${compiled.coverage.to})` };
  const lines = found.slice(0, LIST_LIMIT).map((sub) => ({
    code: formatHts(sub.record.code8),
    description: sub.record.description,
    mfn: sub.record.generalText,
    measures: measuresInScope(sub, (code) => compiled.candidatesFor(segment, code)),
  }));
  return { ok: true, list: { asked, date, htsRevision: hts.meta.revision, rules: compiled.provenance, lines, more: found.length - lines.length } };
}

function measureCell(m: MeasureInScope): string {
  return shown(`${m.heading} ${m.rate} ${m.title}${m.wholeSubheading ? '' : ' (some statistical lines only)'}`);
}

export function renderLineListTable(list: LineList): string {
  const head = `${list.asked}: ${list.lines.length + list.more} subheading(s) of the ${list.htsRevision}; additional measures in force on ${list.date} whose scope reaches each line`;
  const after = afterAsOfNote(list.date, list.rules.asOf);
  const foot = `${after ? `${after}\n` : ''}${shown(rulesLine(list.rules))}\n`;
  if (list.lines.length === 0) return terminalSafe(`${head}\nno subheading found\n${foot}`);
  const table = new Table({ head: ['Code', 'Description', 'MFN', 'Additional measures in scope'], wordWrap: true, colWidths: [12, 44, 18, 50], style: { head: [], border: [] } });
  for (const l of list.lines) table.push([l.code, shown(l.description), shown(l.mfn), l.measures.map(measureCell).join('\n') || 'none']);
  const more = list.more > 0 ? `... and ${list.more} more subheading(s) not shown; narrow the code or the search\n` : '';
  const note = 'Scope only: whether a measure applies depends on the shipment (USMCA, content, value); see tariff lookup CODE --date D for one line.\n';
  return terminalSafe(`${head}\n${table.toString()}\n${more}${note}${foot}`);
}

export function renderLineListJson(list: LineList): string {
  const json = {
    asked: list.asked,
    date: list.date,
    hts_revision: list.htsRevision,
    rules: rulesJson(list.rules),
    ...(afterAsOfNote(list.date, list.rules.asOf) ? { assumption: afterAsOfNote(list.date, list.rules.asOf) } : {}),
    lines: list.lines.map((l) => ({
      code: l.code,
      description: l.description,
      mfn: l.mfn,
      measures_in_scope: l.measures.map((m) => ({ heading: m.heading, id: m.id, title: m.title, rate: m.rate, whole_subheading: m.wholeSubheading })),
    })),
    shown: list.lines.length,
    more: list.more,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
