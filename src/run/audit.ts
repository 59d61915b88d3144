/**
 * `audit` and `refund` end to end over an ACE ES-003 export, streamed entry by entry.
 */
import Table from 'cli-table3';
import { shown, terminalSafe } from '../report/terminal-text.js';
import { compileSchedule } from '../engine/compile.js';
import { Estimator, type EstimateEvent } from '../engine/estimator.js';
import type { CentsSum } from '../money/cents-sum.js';
import { formatCents, formatCentsGrouped } from '../money/decimal.js';
import type { HtsTable } from '../rules/hts/types.js';
import { defaultOrigin, scheduleCurrency, type RuleSet } from '../rules/rule-set.js';
import { refundForEntry, type RefundEntry } from '../engine/refund.js';
import type { RefundProgram } from '../rules/refund-program-schema.js';
import { AuditTotals, auditAmounts, auditCsvHeader, auditCsvRow, auditLine, outsideRow, refundCsvHeader, refundCsvRow, routeWords, type AuditRow } from '../report/audit.js';
import { EXIT } from './exit-codes.js';
import { rulesCells, rulesLine } from '../report/rules-provenance.js';
import { OutputSink } from './output-sink.js';
import { RejectionList, shownRejection } from '../report/rejection-list.js';
import { RejectsWriter } from './rejects-writer.js';
import { openInput } from './input-source.js';
import { BatchOutput } from './batch-output.js';
import type { Io } from './io.js';
import { feedLines, type LineFeed, type LineRequest } from './line-run.js';
import type { LineItem, Rejection } from '../model/line-item.js';
import type { ContentColumn } from '../model/line-facts.js';
import { filedOf } from '../model/filing.js';
import { contentHeadings, MetalSplitBuffer } from './es003-metal-split.js';

export interface AuditRequest extends Pick<LineRequest, 'input' | 'out' | 'rejects' | 'reader'> {
  format: 'csv' | 'json' | 'table';
  mode: 'audit' | 'refund';
  /** The day the refund routes are judged on. */
  today: string;
  /** Also write the entries CAPE can take, one a line. */
  cape?: string;
  /** The refund program (refund mode), with the hash of its file for the provenance. */
  program?: { program: RefundProgram; sha256: string };
}

/** Rows kept for the terminal table; CSV and JSON carry every row. */
const TABLE_ROWS = 200;

export async function runAudit(req: AuditRequest, rules: RuleSet, hts: HtsTable, io: Io): Promise<{ exitCode: number }> {
  const compiled = compileSchedule(rules, hts);
  const input = openInput(req.input, io.stdin);
  const name = input.name;
  const output = new BatchOutput(OutputSink.open(req.out, io), req.rejects ? new RejectsWriter(OutputSink.open(req.rejects, io)) : undefined);
  const estimator = new Estimator(compiled, name);
  // CSV rows carry the entry on every row; totals by entry are for the table and the JSON summary.
  const totals = new AuditTotals(req.format !== 'csv');
  const authorityByHeading = new Map(rules.schedule.measures.flatMap((m) => (m.heading ? [[m.heading, m.authority] as const] : [])));
  const authorityOf = (heading: string): string => authorityByHeading.get(heading) ?? '';
  const refunds: RefundEntry[] = [];
  let refundCount = 0;
  let refundableCents = 0n;
  const discrepancies: AuditRow[] = [];
  let capeCount = 0;
  let capeText = '';
  const capeSink = req.cape ? OutputSink.open(req.cape, io) : undefined;
  const program = req.program?.program;
  if (req.mode === 'refund' && !program) throw new Error('refund mode needs a refund program');
  const rejections = new RejectionList();
  /** Warnings (contradictory columns) and lines outside these rules, as `file:line: text`, for stderr and the table. */
  const notices: string[] = [];
  let warningCount = 0;
  let outsideCount = 0;
  // Kept up to TABLE_ROWS, so memory does not grow with the file; the counts and the CSV/JSON rows carry every one.
  const notice = (text: string): void => {
    if (notices.length < TABLE_ROWS) notices.push(text);
  };
  let lines = 0;
  let jsonFirst = true;
  const json = (v: unknown): void => {
    output.add(`${jsonFirst ? '\n' : ',\n'}${JSON.stringify(v)}`);
    jsonFirst = false;
  };
  const rulesRow = rulesCells(compiled.provenance);
  if (req.format === 'csv') output.add(req.mode === 'audit' ? auditCsvHeader() : refundCsvHeader());
  const refundProvenance = program ? `"refund_program":${JSON.stringify({ id: program.id, version: program.version, title: program.title, sha256: req.program!.sha256, sources: program.sources, notes: program.notes })},"today":${JSON.stringify(req.today)},` : '';
  if (req.format === 'json') output.add(`{"mode":${JSON.stringify(req.mode)},"provenance":${JSON.stringify(compiled.provenance)},${refundProvenance}\n"results":[`);

  const handle = (ev: AuditEvent): void => {
    if (ev.kind === 'outside') {
      outside(ev.item);
      return;
    }
    if (ev.kind === 'rejected') {
      rejections.add(ev.rejection);
      output.reject(ev.rejection, '');
      if (req.format === 'json') json({ type: 'rejected', ...shownRejection(ev.rejection) });
      return;
    }
    lines += ev.entry.lines.length;
    if (req.mode === 'refund') {
      const r = refundForEntry(program!, ev.entry, req.today, filedOf);
      if (!r) return;
      refundCount += 1;
      refundableCents += r.filedCents;
      if (r.warning) {
        warningCount += 1;
        notice(`${name}: entry ${r.entry}: warning: ${r.warning}`);
      }
      if (req.format === 'table' && refunds.length < TABLE_ROWS) refunds.push(r);
      if (r.route === 'CAPE') {
        capeCount += 1;
        capeText += `${r.entry}\n`;
      }
      if (req.format === 'csv') output.add(refundCsvRow(r, rulesRow));
      if (req.format === 'json') json({ type: 'refund', entry: r.entry, entryDate: r.entryDate, liquidationStatus: r.liquidationStatus, liquidationDate: r.liquidationDate, ieepa_filed: formatCents(r.filedCents), ieepa_computed: formatCents(r.computedCents), refundable: formatCents(r.filedCents), route: r.route, route_text: r.routeText, route_verified: r.routeVerified, ...(r.warning ? { warning: r.warning } : {}) });
      return;
    }
    for (const l of ev.entry.lines) {
      const filed = filedOf(l.item);
      if (!filed || l.status !== 'computed') continue;
      if (filed.warning) {
        warningCount += 1;
        notice(`${name}:${l.item.sourceLine}: entry ${l.item.entry} line ${l.item.line}: warning: ${filed.warning}`);
      }
      for (const row of auditLine(l, filed, authorityOf)) auditRow(row);
    }
  };

  const auditRow = (row: AuditRow): void => {
    totals.add(row);
    if (row.status !== 'match' && discrepancies.length < TABLE_ROWS) discrepancies.push(row);
    if (req.format === 'csv') output.add(auditCsvRow(row, rulesRow));
    const [filed, computed, difference] = auditAmounts(row);
    if (req.format === 'json') json({ type: 'audit', ...row, filedCents: undefined, computedCents: undefined, filed, computed, difference });
  };

  /** A line of an origin the schedule does not encode: counted as outside these rules, not rejected. */
  const outside = (item: LineItem): void => {
    outsideCount += 1;
    notice(`${name}:${item.sourceLine}: entry ${item.entry} line ${item.line}: origin ${item.origin} is outside this schedule, which encodes the measures on goods of ${[...compiled.origins].join(', ')}; the line is not ${req.mode === 'audit' ? 'audited' : 'read for a refund'}`);
    if (req.mode === 'audit') auditRow(outsideRow(item));
  };

  const flush = async (): Promise<void> => {
    await output.flush();
    if (capeSink && capeText) {
      await capeSink.write(capeText);
      capeText = '';
    }
  };

  const fatal = await feedLines(input, { ...req.reader, file: name, layout: 'es003', defaultOrigin: defaultOrigin(rules), scheduleCurrency: scheduleCurrency(rules) }, io.stderr, new AuditFeed(estimator, compiled.origins, contentHeadings(rules)), handle, {
    header: (h) => output.rejects?.setHeader(h.raw),
    afterBatch: () => flush(),
  });
  await flush();

  const byAuthority = [...totals.byAuthority.entries()].map(([a, t]) => ({ authority: a, filed: formatCents(t.filed.value), computed: formatCents(t.computed.value), difference: formatCents(t.computed.value - t.filed.value) }));
  const byEntry = [...totals.byEntry.entries()].map(([e, t]) => ({ entry: e, filed: formatCents(t.filed.value), computed: formatCents(t.computed.value), difference: formatCents(t.computed.value - t.filed.value) }));
  if (req.format === 'json') {
    const summary = req.mode === 'audit'
      ? { lines, rejected: rejections.count, outside_these_rules: outsideCount, warnings: warningCount, by_status: Object.fromEntries(totals.byStatus), by_authority: byAuthority, by_entry: byEntry }
      : { lines, rejected: rejections.count, outside_these_rules: outsideCount, warnings: warningCount, entries: refundCount, refundable: formatCents(refundableCents), cape_entries: capeCount, notes: program!.notes };
    output.add(`\n],\n"summary":${JSON.stringify(summary)}}\n`);
  }
  const counts = { lines, outside: outsideCount, warnings: warningCount };
  if (req.format === 'table') output.add(req.mode === 'audit' ? auditTable(discrepancies, totals, counts, rejections, notices) : refundTable(refunds, { count: refundCount, cents: refundableCents, notes: program!.notes }, counts, rejections, req.today, notices));
  if (req.format === 'table') output.add(`${shown(rulesLine(compiled.provenance))}\n`);
  await output.close();
  await capeSink?.close();
  if (fatal) {
    io.stderr.write(`${shown(fatal.file)}:${fatal.sourceLine}: ${shown(fatal.reason)}\n`);
    return { exitCode: EXIT.USAGE_OR_RULES };
  }
  // CSV and JSON keep stdout machine-readable; without a --rejects file the reasons go to the terminal.
  if (req.format === 'csv' && !req.rejects) io.stderr.write(rejections.lines().map((l) => `${l}\n`).join(''));
  // The table shows them on stdout; CSV and JSON carry them on their rows and here.
  if (req.format !== 'table') io.stderr.write(noticeLines(notices.map(shown), counts));
  if (req.format !== 'table') io.stderr.write(`${lines} entry lines ${req.mode === 'audit' ? 'audited' : 'read'}, ${countWords(counts)}, ${rejections.count} rejected${req.mode === 'refund' ? `; ${refundCount} entries with refundable duties. ${program!.notes.join(' ')}` : ''}\n`);
  return { exitCode: rejections.count > 0 ? EXIT.SOME_REJECTED : EXIT.OK };
}

/** What the audit handles, in file order: the estimator's events, and a line of an origin the schedule does not encode. */
type AuditEvent = EstimateEvent | { kind: 'outside'; item: LineItem };

/**
 * The audit's routing in front of the estimator: lines of the schedule's origins go through the metal split
 * (an entry line's non-metal and metal rows made one line again) to the estimator; a line of another origin is
 * its own event, after what the split held.
 */
class AuditFeed implements LineFeed<AuditEvent> {
  private readonly split: MetalSplitBuffer;
  private readonly computed: EstimateEvent[] = [];

  constructor(
    private readonly estimator: Estimator,
    private readonly origins: ReadonlySet<string>,
    headings: Map<string, ContentColumn>,
  ) {
    this.split = new MetalSplitBuffer(headings, (item) => this.estimator.push(item, this.computed));
  }

  push(item: LineItem, out: AuditEvent[]): AuditEvent[] {
    if (this.origins.has(item.origin)) {
      this.split.push(item);
      return this.drain(out);
    }
    this.split.flush();
    this.drain(out);
    out.push({ kind: 'outside', item });
    return out;
  }

  reject(rejection: Rejection, out: AuditEvent[]): AuditEvent[] {
    this.split.flush();
    this.drain(out);
    out.push({ kind: 'rejected', rejection });
    return out;
  }

  flush(out: AuditEvent[]): AuditEvent[] {
    this.split.flush();
    this.estimator.flush(this.computed);
    return this.drain(out);
  }

  private drain(out: AuditEvent[]): AuditEvent[] {
    for (const ev of this.computed) out.push(ev);
    this.computed.length = 0;
    return out;
  }
}

interface Counts {
  lines: number;
  outside: number;
  warnings: number;
}

const countWords = (c: Counts): string => `${c.outside} outside these rules, ${c.warnings} with warnings`;
const noticeLines = (notices: string[], c: Counts): string => {
  const more = c.outside + c.warnings - notices.length;
  return `${notices.map((n) => `  ${n}\n`).join('')}${more > 0 ? `  … ${more} more; the CSV and JSON outputs carry every one\n` : ''}`;
};

function auditTable(rows: AuditRow[], totals: AuditTotals, counts: Counts, rejections: RejectionList, notices: string[]): string {
  const d = new Table({ head: ['Entry', 'Line', 'HTS', 'Heading', 'Filed', 'Computed', 'Difference', 'Status'], style: { head: [], border: [] }, colAligns: ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'left'] });
  for (const r of rows) {
    const amounts = r.status === 'outside these rules' ? ['', '', ''] : [formatCentsGrouped(r.filedCents), formatCentsGrouped(r.computedCents), formatCentsGrouped(r.computedCents - r.filedCents)];
    d.push([shown(r.entry), shown(r.line), shown(r.hts), shown(r.filedHeading ? `${r.heading} (filed ${r.filedHeading})` : r.heading), ...amounts, r.warning ? `${r.status} [warning]` : r.status]);
  }
  const sums = (head: string, map: Map<string, { filed: CentsSum; computed: CentsSum }>): string => {
    const t = new Table({ head: [head, 'Filed', 'Computed', 'Difference'], style: { head: [], border: [] }, colAligns: ['left', 'right', 'right', 'right'] });
    for (const [key, v] of map) t.push([shown(key), formatCentsGrouped(v.filed.value), formatCentsGrouped(v.computed.value), formatCentsGrouped(v.computed.value - v.filed.value)]);
    return t.toString();
  };
  const statuses = [...totals.byStatus.entries()].map(([s, n]) => `${s} ${n}`).join(', ');
  return terminalSafe(`Discrepancies (difference = computed - filed):\n${d.toString()}\nBy authority:\n${sums('Authority', totals.byAuthority)}\nBy entry:\n${sums('Entry', totals.byEntry)}\n${counts.lines} entry lines audited, ${countWords(counts)}, ${rejections.count} rejected; ${statuses}\n${noticeLines(notices, counts)}${rejections.lines().map((l) => `${l}\n`).join('')}`);
}

function refundTable(refunds: RefundEntry[], all: { count: number; cents: bigint; notes: string[] }, counts: Counts, rejections: RejectionList, today: string, notices: string[]): string {
  const t = new Table({ head: ['Entry', 'Entry date', 'Liquidation', 'IEEPA filed', 'IEEPA by law', 'Refundable', `Route on ${today}`], wordWrap: true, colWidths: [16, 12, 22, 14, 14, 14, 48], style: { head: [], border: [] }, colAligns: ['left', 'left', 'left', 'right', 'right', 'right', 'left'] });
  for (const r of refunds) t.push([shown(r.entry), shown(r.entryDate), shown(`${r.liquidationStatus}${r.liquidationDate ? ` ${r.liquidationDate}` : ''}`), formatCentsGrouped(r.filedCents), formatCentsGrouped(r.computedCents), formatCentsGrouped(r.filedCents), routeWords(r)]);
  const more = all.count > refunds.length ? `… ${all.count - refunds.length} more entries; use --format csv for every entry\n` : '';
  return terminalSafe(`${t.toString()}\n${more}${all.count} entries with refundable duties; refundable ${formatCentsGrouped(all.cents)} USD; ${counts.lines} entry lines read, ${countWords(counts)}, ${rejections.count} rejected\n${all.notes.map((n) => `${n}\n`).join('')}${noticeLines(notices, counts)}${rejections.lines().map((l) => `${l}\n`).join('')}`);
}
