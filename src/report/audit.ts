/**
 * `tariff audit` and `tariff refund` on an ACE ES-003 export: every entry line recomputed from the law for
 * its entry date and reconciled with what was filed, heading by heading; and the IEEPA refund per entry with
 * the route open on a given day.
 */
import type { RefundEntry } from '../engine/refund.js';
import type { EntryResult, LineResult } from '../engine/types.js';
import type { Filed } from '../model/filing.js';
import { CentsSum } from '../money/cents-sum.js';
import { formatCents } from '../money/decimal.js';
import { formatHts } from '../rules/hts/format.js';
import { csvRow, neutralizeFormula } from './csv-cell.js';
import { RULES_COLUMNS } from './rules-provenance.js';

export const AUDIT_STATUSES = ['match', 'underpaid', 'overpaid', 'wrong heading', 'filed but not owed', 'owed but not filed', 'outside these rules'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

export interface AuditRow {
  entry: string;
  line: string;
  hts: string;
  /** The heading the law names (or, filed but not owed, the heading filed). */
  heading: string;
  /** Wrong heading: the heading filed in place of `heading`, for the same authority. */
  filedHeading?: string;
  authority: string;
  filedCents: number;
  computedCents: number;
  status: AuditStatus;
  /** Contradictory columns of the entry line (e.g. unliquidated with a liquidation date). */
  warning?: string;
}

/** Column 1 and Chapter 99 amounts owed on a line, by heading (fees are not on an ES-003 line). */
function computedByHeading(l: LineResult): Map<string, { cents: number; authority: string }> {
  const out = new Map<string, { cents: number; authority: string }>();
  for (const c of l.components) {
    if (c.category === 'fee' || c.category === 'trade_remedy') continue;
    const heading = c.category === 'column1' ? 'column1' : (c.heading ?? c.measure);
    const prior = out.get(heading);
    out.set(heading, { cents: (prior?.cents ?? 0) + c.amountCents, authority: c.authority });
  }
  return out;
}

/**
 * One row per heading computed or filed on the line. `authorityOf` names the authority of a filed heading the
 * law did not require here (from the schedule's measures; empty when the schedule has no such heading).
 */
export function auditLine(l: LineResult, filed: Filed, authorityOf: (heading: string) => string): AuditRow[] {
  const computed = computedByHeading(l);
  const filedBy = new Map<string, number>([['column1', filed.column1Cents]]);
  for (const h of filed.headings) filedBy.set(h.heading, (filedBy.get(h.heading) ?? 0) + h.cents);
  const hts = formatHts(l.item.hts);
  const rows: AuditRow[] = [];
  const add = (heading: string): void => {
    const c = computed.get(heading);
    const f = filedBy.get(heading);
    const computedCents = c?.cents ?? 0;
    const filedCents = f ?? 0;
    let status: AuditStatus;
    if (c === undefined) status = 'filed but not owed';
    else if (f === undefined) status = 'owed but not filed';
    else if (Math.abs(computedCents - filedCents) <= 1) status = 'match';
    else status = computedCents > filedCents ? 'underpaid' : 'overpaid';
    rows.push({ entry: l.item.entry, line: l.item.line, hts, heading, authority: c?.authority ?? authorityOf(heading), filedCents, computedCents, status });
  };
  for (const heading of computed.keys()) add(heading);
  for (const heading of filedBy.keys()) if (!computed.has(heading)) add(heading);
  const paired = pairWrongHeadings(rows);
  // The export's own contradictions, and the rules' as-of date when the line was entered after it: the
  // computed column is then what the law known to this data requires, an assumption said on every row.
  const afterAsOf = l.warnings.find((w) => w.code === 'after-as-of')?.message;
  const warning = [filed.warning, afterAsOf].filter((w) => w !== undefined).join('; ');
  if (warning !== '') for (const r of paired) r.warning = warning;
  return paired;
}

/**
 * A heading filed in place of the one the law names (same authority, same line) is one discrepancy, not an
 * unpaid heading plus an unowed one: the two rows become one `wrong heading` row with both headings and both
 * amounts, so the totals by authority (sums of rows) are unchanged.
 */
function pairWrongHeadings(rows: AuditRow[]): AuditRow[] {
  const out: AuditRow[] = [];
  const used = new Set<AuditRow>();
  for (const owed of rows) {
    if (used.has(owed)) continue;
    const filedInstead = owed.status === 'owed but not filed' && owed.authority !== ''
      ? rows.find((r) => !used.has(r) && r.status === 'filed but not owed' && r.authority === owed.authority)
      : undefined;
    if (!filedInstead) {
      out.push(owed);
      continue;
    }
    used.add(filedInstead);
    out.push({ ...owed, filedHeading: filedInstead.heading, filedCents: filedInstead.filedCents, status: 'wrong heading' });
  }
  return out;
}

/** A line of an origin the schedule does not encode: shown and counted, not computed and not rejected. */
export function outsideRow(item: { entry: string; line: string; hts: string }): AuditRow {
  return { entry: item.entry, line: item.line, hts: formatHts(item.hts), heading: '', authority: '', filedCents: 0, computedCents: 0, status: 'outside these rules' };
}

export function auditCsvHeader(): string {
  return csvRow(['entry', 'line', 'hts', 'heading', 'filed_heading', 'authority', 'filed', 'computed', 'difference', 'status', 'warning', ...RULES_COLUMNS]);
}

/** An amount of the row; none for a line outside these rules (nothing was computed, so no figure is shown). */
export function auditAmounts(r: AuditRow): [string, string, string] {
  if (r.status === 'outside these rules') return ['', '', ''];
  return [formatCents(r.filedCents), formatCents(r.computedCents), formatCents(r.computedCents - r.filedCents)];
}

export function auditCsvRow(r: AuditRow, rules: string[]): string {
  return csvRow([neutralizeFormula(r.entry), neutralizeFormula(r.line), r.hts, r.heading, r.filedHeading ?? '', r.authority, ...auditAmounts(r), r.status, neutralizeFormula(r.warning ?? ''), ...rules]);
}

/** Running totals of an audit, by authority and by entry. */
export class AuditTotals {
  readonly byAuthority = new Map<string, { filed: CentsSum; computed: CentsSum }>();
  readonly byEntry = new Map<string, { filed: CentsSum; computed: CentsSum }>();
  readonly byStatus = new Map<AuditStatus, number>();

  /** `perEntry`: keep the totals by entry (the table and JSON summary show them; they grow with the file). */
  constructor(private readonly perEntry = true) {}

  private static addTo(map: Map<string, { filed: CentsSum; computed: CentsSum }>, key: string, r: AuditRow): void {
    let t = map.get(key);
    if (!t) {
      t = { filed: new CentsSum(), computed: new CentsSum() };
      map.set(key, t);
    }
    t.filed.add(r.filedCents);
    t.computed.add(r.computedCents);
  }

  add(r: AuditRow): void {
    this.byStatus.set(r.status, (this.byStatus.get(r.status) ?? 0) + 1);
    if (r.status === 'outside these rules') return;
    AuditTotals.addTo(this.byAuthority, r.authority || 'unknown', r);
    if (this.perEntry) AuditTotals.addTo(this.byEntry, r.entry, r);
  }
}

export function refundCsvHeader(): string {
  return csvRow(['entry', 'entry_date', 'liquidation_status', 'liquidation_date', 'ieepa_filed', 'ieepa_computed', 'refundable', 'route', 'warning', ...RULES_COLUMNS]);
}

/** The route as shown: its explanation, marked when the program's data flags it as not verified. */
export function routeWords(r: RefundEntry): string {
  return r.routeVerified ? r.routeText : `${r.routeText} [UNVERIFIED]`;
}

export function refundCsvRow(r: RefundEntry, rules: string[]): string {
  return csvRow([neutralizeFormula(r.entry), r.entryDate, neutralizeFormula(r.liquidationStatus), r.liquidationDate, formatCents(r.filedCents), formatCents(r.computedCents), formatCents(r.filedCents), routeWords(r), neutralizeFormula(r.warning ?? ''), ...rules]);
}
