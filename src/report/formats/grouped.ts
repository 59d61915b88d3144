/**
 * The grouped report (`--by`) in every format: one row per group with each scenario's customs value, duty,
 * fees, total and effective rate, and its change against the first scenario, then the run's total. Nothing
 * is written per line: the report is the run's group sums, written at the end.
 */
import Table from 'cli-table3';
import type { GroupLevel } from '../../engine/group-totals.js';
import { formatCents, formatCentsGrouped } from '../../money/decimal.js';
import { csvCell, csvRow, neutralizeFormula } from '../csv-cell.js';
import { groupedReport, type GroupedReport, type GroupFigures, type GroupRow } from '../grouped-rows.js';
import type { OutputFormat } from '../renderer.js';
import type { RunSummary } from '../summary.js';
import { countsLine, lineMarkSentences } from '../line-marks.js';
import { shown, terminalSafe } from '../terminal-text.js';
import { column, provenanceCells, type CompareContext, type CompareRenderer } from './compare.js';
import { esc, page, table } from './html-parts.js';

const LEVEL_TITLES: Record<GroupLevel, string> = { authority: 'Legal authority', chapter: 'Chapter', section: 'Section', heading: 'Heading', month: 'Month', entry: 'Entry' };

/** A row's keys as shown to a reader: the authority by its name. */
function shownKeys(levels: readonly GroupLevel[], row: GroupRow): string[] {
  return row.keys.map((k, i) => (levels[i] === 'authority' ? (row.authorityName ?? k) : k));
}

/** Writes nothing per entry; the whole report at the end. */
abstract class GroupedRenderer implements CompareRenderer {
  protected ctx!: CompareContext;
  constructor(protected readonly levels: readonly GroupLevel[]) {}

  begin(ctx: CompareContext): string {
    this.ctx = ctx;
    return '';
  }

  entry(): string {
    return '';
  }

  rejected(): string {
    return '';
  }

  end(summaries: RunSummary[]): string {
    return this.report(groupedReport(this.levels, summaries), summaries);
  }

  protected abstract report(r: GroupedReport, summaries: RunSummary[]): string;
}

class GroupedCsvRenderer extends GroupedRenderer {
  protected report(r: GroupedReport): string {
    const hasAuthority = this.levels.includes('authority');
    const scenarioColumns = this.ctx.labels.flatMap((l, i) => {
      const c = column(l);
      return [`${c}_value`, `${c}_duty`, `${c}_fees`, `${c}_total`, `${c}_effective_rate`, ...(i > 0 ? [`${c}_change`] : [])];
    });
    const provenance = provenanceCells(this.ctx);
    const cells = (figures: GroupFigures[]): string[] =>
      figures.flatMap((f, i) => [formatCents(f.valueCents), formatCents(f.dutyCents), formatCents(f.feeCents), formatCents(f.totalCents), f.effectiveRate, ...(i > 0 ? [formatCents(f.changeCents)] : [])]);
    let out = csvRow(['level', ...this.levels, ...(hasAuthority ? ['authority_name'] : []), ...scenarioColumns, 'scenarios', 'as_of']);
    for (const row of r.rows) {
      const keys = row.keys.map((k) => csvCell(neutralizeFormula(k)));
      out += `group,${keys.join(',')}${hasAuthority ? `,${csvCell(row.authorityName ?? '')}` : ''},${csvRow([...cells(row.scenarios), ...provenance])}`;
    }
    out += csvRow(['total', ...this.levels.map(() => ''), ...(hasAuthority ? [''] : []), ...cells(r.total), ...provenance]);
    return out;
  }
}

function figuresJson(f: GroupFigures, i: number): Record<string, string | number> {
  return {
    value: formatCents(f.valueCents), duty: formatCents(f.dutyCents), fees: formatCents(f.feeCents), total: formatCents(f.totalCents),
    effective_rate: f.effectiveRate, ...(i > 0 ? { change: formatCents(f.changeCents) } : {}), lines: f.lines,
  };
}

class GroupedJsonRenderer extends GroupedRenderer {
  protected report(r: GroupedReport, summaries: RunSummary[]): string {
    const perScenario = (figures: GroupFigures[]): Record<string, Record<string, string | number>> => Object.fromEntries(figures.map((f, i) => [this.ctx.labels[i]!, figuresJson(f, i)]));
    const groups = r.rows.map((row) => ({
      ...Object.fromEntries(this.levels.map((l, i) => [l, row.keys[i]!])),
      ...(row.authorityName !== undefined ? { authority_name: row.authorityName } : {}),
      scenarios: perScenario(row.scenarios),
    }));
    const body = { by: this.levels, scenarios: this.ctx.labels, provenance: this.ctx.provenances, input: this.ctx.inputName, groups, total: perScenario(r.total), counts: summaries[0]!.counts };
    return `${JSON.stringify(body, null, 1)}\n`;
  }
}

class GroupedTableRenderer extends GroupedRenderer {
  protected report(r: GroupedReport, summaries: RunSummary[]): string {
    const labels = this.ctx.labels.map(shown);
    const head = [...this.levels.map((l) => LEVEL_TITLES[l]), ...labels, ...labels.slice(1).map((l) => `Change: ${l}`), ...labels.map((l) => `Rate: ${l}`)];
    const t = new Table({ head, style: { head: [], border: [] }, colAligns: [...this.levels.map(() => 'left' as const), ...head.slice(this.levels.length).map(() => 'right' as const)] });
    const cells = (figures: GroupFigures[]): string[] => [...figures.map((f) => formatCentsGrouped(f.totalCents)), ...figures.slice(1).map((f) => formatCentsGrouped(f.changeCents)), ...figures.map((f) => f.effectiveRate)];
    for (const row of r.rows) t.push([...shownKeys(this.levels, row).map(shown), ...cells(row.scenarios)]);
    t.push(['Total', ...this.levels.slice(1).map(() => ''), ...cells(r.total)]);
    const c = summaries[0]!.counts;
    const out = [`Duty and fees by ${this.levels.join(' and ')}; rate = duty / customs value of the group${this.levels.includes('authority') ? ' (an authority: its duty / the customs value of the lines of the group)' : ''}`, t.toString(), `${countsLine(c)}; entries ${c.entries}`, ...lineMarkSentences(c)];
    return terminalSafe(`${out.join('\n')}\n`);
  }
}

class GroupedHtmlRenderer extends GroupedRenderer {
  protected report(r: GroupedReport, summaries: RunSummary[]): string {
    const labels = this.ctx.labels;
    const head = [...this.levels.map((l) => LEVEL_TITLES[l]), ...labels.map((l) => `${l}: total`), ...labels.slice(1).map((l) => `Change: ${l}`), ...labels.map((l) => `Rate: ${l}`)];
    const numeric = head.map((_, i) => i >= this.levels.length);
    const cells = (figures: GroupFigures[]): string[] => [...figures.map((f) => esc(formatCentsGrouped(f.totalCents))), ...figures.slice(1).map((f) => esc(formatCentsGrouped(f.changeCents))), ...figures.map((f) => esc(f.effectiveRate))];
    const rows = r.rows.map((row) => [...shownKeys(this.levels, row).map(esc), ...cells(row.scenarios)]);
    rows.push(['<b>Total</b>', ...this.levels.slice(1).map(() => ''), ...cells(r.total)]);
    const c = summaries[0]!.counts;
    const body = `<h1>Duty and fees by ${esc(this.levels.join(' and '))}</h1>
<p class="muted">${esc(this.ctx.inputName)} · ${esc(c.computed)} lines in ${esc(c.entries)} entries · rate = duty / customs value</p>
${lineMarkSentences(c).map((s) => `<p class="warn">${esc(s)}</p>`).join('\n')}
${table(head, rows, numeric)}`;
    return page(`Duty and fees by ${this.levels.join(' and ')}`, body);
  }
}

export function groupedRenderer(format: OutputFormat, levels: readonly GroupLevel[]): CompareRenderer {
  switch (format) {
    case 'csv':
      return new GroupedCsvRenderer(levels);
    case 'json':
      return new GroupedJsonRenderer(levels);
    case 'html':
      return new GroupedHtmlRenderer(levels);
    case 'table':
      return new GroupedTableRenderer(levels);
  }
}
