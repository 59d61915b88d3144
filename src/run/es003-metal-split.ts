/**
 * An ES-003 export does not carry metal content values. When the Section 232 duty is on the metal content, CBP has
 * the line filed twice under the same HTS (CSMS #65236374 / #65236645): one entry line for the metal, carrying the
 * Chapter 99 content heading, and one for the rest of the value, carrying the other duties. Read alone, the line
 * for the rest looks like an article whose metal value was not given (Section 232 on its full value) and the
 * metal line like one without content. Within an entry, a line that files a content heading is all metal, and a
 * line of the same HTS that files none of it has no such metal. An entry's lines are held until the next entry
 * starts, so memory stays bounded by the largest entry.
 */
import { filedOf } from '../model/filing.js';
import type { ContentColumn } from '../model/line-facts.js';
import type { LineItem } from '../model/line-item.js';
import type { RuleSet } from '../rules/rule-set.js';

/** Chapter 99 headings whose duty is on a metal content value, with that value's column (from the schedule). */
export function contentHeadings(rules: RuleSet): Map<string, ContentColumn> {
  const out = new Map<string, ContentColumn>();
  for (const m of rules.schedule.measures) {
    if (typeof m.base !== 'object' || !('content' in m.base)) continue;
    for (const h of [m.heading, ...m.periods.map((p) => p.heading)]) if (h) out.set(h, m.base.content);
  }
  return out;
}

function filedContent(item: LineItem, headings: Map<string, ContentColumn>): ContentColumn[] {
  const out: ContentColumn[] = [];
  for (const h of filedOf(item)?.headings ?? []) {
    const column = headings.get(h.heading);
    if (column && !out.includes(column)) out.push(column);
  }
  return out;
}

/** Gives the lines of one entry the content values their split filing implies. */
function applyMetalSplit(lines: LineItem[], headings: Map<string, ContentColumn>): void {
  const metalByHts = new Map<string, { line: string; columns: ContentColumn[] }>();
  const linesOfHts = new Map<string, number>();
  const filed = lines.map((item) => filedContent(item, headings));
  lines.forEach((item, i) => {
    linesOfHts.set(item.hts, (linesOfHts.get(item.hts) ?? 0) + 1);
    if (filed[i]!.length > 0 && !metalByHts.has(item.hts)) metalByHts.set(item.hts, { line: item.line, columns: filed[i]! });
  });
  lines.forEach((item, i) => {
    const metal = metalByHts.get(item.hts);
    if (!metal || linesOfHts.get(item.hts)! < 2) return;
    const columns = filed[i]!.length > 0 ? filed[i]! : metal.columns;
    for (const column of columns) {
      if (item.contentCents[column] !== undefined) continue;
      item.contentCents[column] = filed[i]!.length > 0 ? item.valueCents : 0;
    }
    const words = columns.map((c) => c.replace(/_value$/, '')).join(' and ');
    const note = filed[i]!.length > 0
      ? `ES-003 split filing: this line is the ${words} content of HTS ${item.hts} (CSMS #65236374)`
      : `ES-003 split filing: the ${words} content of HTS ${item.hts} is filed on line ${metal.line}; this line is the rest of the value (CSMS #65236374)`;
    item.inputNotes = [...(item.inputNotes ?? []), note];
  });
}

/** Holds each entry's lines until the entry is complete, then hands them on with their content values. */
export class MetalSplitBuffer {
  private lines: LineItem[] = [];

  constructor(
    private readonly headings: Map<string, ContentColumn>,
    private readonly emit: (item: LineItem) => void,
  ) {}

  push(item: LineItem): void {
    if (this.lines.length > 0 && this.lines[0]!.entry !== item.entry) this.flush();
    this.lines.push(item);
  }

  flush(): void {
    applyMetalSplit(this.lines, this.headings);
    for (const item of this.lines) this.emit(item);
    this.lines = [];
  }
}
