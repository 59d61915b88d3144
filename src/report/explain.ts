/**
 * `tariff explain`: one line, every measure of the schedule that could touch it, in stacking order, in words
 * a broker can paste into an email: applied or not and why, the value it applied to, the rounding, the
 * rate, the amount, and the legal citation and Chapter 99 heading behind each amount. Under a second
 * scenario the same explanation follows, with the difference.
 */
import type { CompiledSchedule } from '../engine/compile.js';
import type { ComparedEntry } from '../engine/compare.js';
import type { Component, EntryResult, LineResult } from '../engine/types.js';
import { formatCentsGrouped, formatScaled } from '../money/decimal.js';
import { formatHts } from '../rules/hts/format.js';
import type { HtsTable, ParsedRate } from '../rules/hts/types.js';
import { lineJson } from './formats/json.js';
import { shown } from './terminal-text.js';
import { legalBasis } from './legal-basis.js';
import { scheduleWords } from './schedule-words.js';
import { invoiceWords } from './invoice-currency.js';

/** A line found in its entry, computed under every scenario: what the explanation renders. */
export interface ExplainedLine {
  compared: ComparedEntry;
  /** The line's place among its entry's lines. */
  index: number;
  compiled: CompiledSchedule[];
}

function rateWords(rate: ParsedRate): string {
  switch (rate.kind) {
    case 'free':
      return 'Free';
    case 'ad_valorem':
      return `${formatScaled(rate.rateNanos, 7)}% of the value`;
    case 'specific':
      return `$${formatScaled(rate.amountNanoDollars, 9)} per ${rate.per === 1 ? '' : `${rate.per} `}${rate.unit}`;
    case 'compound':
      return rate.parts.map(rateWords).join(' plus ');
    case 'unparsed':
      return `not computable (${rate.reason})`;
  }
}

function amountWords(c: Component, currency: string): string {
  const base = c.basis.startsWith('quantity') ? c.basis : `${c.basis} ${formatCentsGrouped(c.baseCents)}`;
  const rounding = c.baseDollars !== undefined && c.baseDollars * 100 !== c.baseCents ? `, rounded to whole dollars ${formatCentsGrouped(c.baseDollars * 100)} (19 CFR 159.3)` : '';
  return `${c.rateText} on ${base}${rounding} = ${formatCentsGrouped(c.amountCents)} ${currency}`;
}

function explainLine(entry: EntryResult, l: LineResult, compiled: CompiledSchedule, hts: HtsTable): string {
  const item = l.item;
  const p = compiled.provenance;
  const w = scheduleWords(compiled.rules);
  const cur = w.currency;
  const code = w.code === 'HTS' ? 'HTS' : 'tariff item';
  const out: string[] = [];
  out.push(`Scenario ${p.scenario}: schedule ${p.scheduleId} ${p.scheduleVersion}, rules as of ${p.asOf} (sha256 ${p.rulesSha256.slice(0, 16)}), ${p.htsRevision}`);
  out.push(
    `Line ${item.line} of entry ${item.entry} (input line ${item.sourceLine}): ${code} ${formatHts(item.hts)}${item.description ? `, ${item.description}` : ''}, origin ${item.origin}, entered ${item.entryDate}, ${w.value} ${formatCentsGrouped(item.valueCents)} ${cur} (${shown(invoiceWords(item, cur))}), ${w.preference} ${item.usmcaClaimed ? 'claimed' : 'not claimed'}.`,
  );
  for (const w of l.warnings.filter((x) => x.code === 'input-note')) out.push(`Note: ${w.message}`);
  if (l.status === 'prohibited' && l.prohibition) {
    out.push(`NOT IMPORTABLE: ${l.prohibition.reason} (${legalBasis(l.prohibition.instrument, l.prohibition.citation)}).`);
    return out.join('\n');
  }
  const seg = compiled.segmentFor(item.entryDate)!;
  const byId = new Map<string, { component?: Component; reason?: string; by?: string }>();
  for (const c of l.components) byId.set(c.measure, { component: c });
  for (const n of l.notApplied) byId.set(n.measure, { reason: n.reason, ...(n.by ? { by: n.by } : {}) });
  out.push('', 'Measures that reach this line, in stacking order:');
  let k = 0;
  const outOfScope: string[] = [];
  for (const cm of seg.measures) {
    if (cm.level === 'entry') continue;
    const found = byId.get(cm.id);
    if (!found) {
      outOfScope.push(cm.id);
      continue;
    }
    k += 1;
    const head = `${String(k).padStart(2)}. ${cm.heading ? `${cm.heading} ` : ''}${cm.title} [${cm.authorityName}]`;
    if (found.component) {
      const c = found.component;
      out.push(`${head}: APPLIES, ${amountWords(c, cur)}.`);
      out.push(`    Legal basis: ${legalBasis(c.instrument, c.citation)}.${c.verified ? '' : ` UNVERIFIED: ${c.unverifiedNote ?? ''}`}`);
      if (c.category === 'column1') {
        const record = hts.lookup(item.hts);
        if (record?.labels) {
          out.push(`    ${record.labels.table} ${formatHts(record.code8)}: ${record.labels.general} "${record.generalText}" (read as ${rateWords(record.general)}); ${record.labels.preference} "${record.usmca ? record.specialText : 'none'}"${record.usmca ? ` (read as ${rateWords(record.usmca)})` : ''}.`);
        } else if (record) {
          out.push(`    Column 1 of HTS ${formatHts(record.code8)}: General "${record.generalText}" (read as ${rateWords(record.general)}); Special "${record.specialText || 'none'}"${record.usmca ? ` (USMCA rate read as ${rateWords(record.usmca)})` : ''}.`);
        }
      }
    } else {
      const by = found.by ? ` (precedence of ${found.by})` : '';
      out.push(`${head}: not applied: ${found.reason}${by}.`);
    }
  }
  for (const f of l.feeShares) {
    const part = entry.fees.find((x) => x.measure === f.measure);
    // An entry whose lines are apart in the file: the fee on all its lines, not on this group's.
    const fee = part && (part.wholeEntry ? { ...part, ...part.wholeEntry } : part);
    const held = fee && fee.uncappedCents !== fee.amountCents ? `, held to the ${fee.uncappedCents < fee.amountCents ? `minimum ${formatCentsGrouped(fee.minimumCents ?? 0)}` : `maximum ${formatCentsGrouped(fee.maximumCents ?? 0)}`}` : '';
    out.push(
      `Entry fee: ${f.title} ${f.rateText} on the entry's ${formatCentsGrouped(fee?.baseCents ?? 0)} = ${formatCentsGrouped(fee?.uncappedCents ?? 0)}${held}, charged ${formatCentsGrouped(fee?.amountCents ?? 0)} for the entry; this line's share by value: ${formatCentsGrouped(f.amountCents)} ${cur} (${legalBasis(f.instrument, f.citation)}).`,
    );
  }
  for (const w of l.warnings.filter((x) => x.code !== 'input-note')) out.push(`Warning: ${w.message}`);
  out.push(`Total for the line: duty ${formatCentsGrouped(l.dutyCents)} + ${w.charges} ${formatCentsGrouped(l.feeCents)} = ${formatCentsGrouped(l.totalCents)} ${cur}; landed cost ${formatCentsGrouped(l.landedCostCents)} ${cur}.`);
  if (outOfScope.length > 0) out.push(`Other measures in force on ${item.entryDate} that do not cover this ${code === 'HTS' ? 'HTS code' : code} or origin: ${outOfScope.join(', ')}.`);
  // Each line is one sentence: nothing in it is meant for the terminal but its text.
  return out.map(shown).join('\n');
}

export function renderExplainText(found: ExplainedLine, hts: HtsTable): string {
  const parts = found.compared.results.map((entry, i) => explainLine(entry, entry.lines[found.index]!, found.compiled[i]!, hts));
  if (found.compared.results.length > 1) {
    const first = found.compared.results[0]!.lines[found.index]!;
    const diffs = found.compared.results.slice(1).map((e, i) => {
      const l = e.lines[found.index]!;
      return `${found.compiled[i + 1]!.provenance.scenario}: total ${formatCentsGrouped(l.totalCents)} ${scheduleWords(found.compiled[i + 1]!.rules).currency}, ${formatCentsGrouped(BigInt(l.totalCents - first.totalCents))} against ${found.compiled[0]!.provenance.scenario}`;
    });
    parts.push(shown(`Difference: ${diffs.join('; ')}.`));
  }
  return `${parts.join('\n\n')}\n`;
}

export function renderExplainJson(found: ExplainedLine): string {
  return `${JSON.stringify(
    found.compared.results.map((e, i) => ({ scenario: found.compiled[i]!.provenance.scenario, provenance: found.compiled[i]!.provenance, ...lineJson(e.lines[found.index]!) })),
    null,
    2,
  )}\n`;
}
