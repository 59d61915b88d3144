/**
 * `audit` and `refund` end to end over an ACE ES-003 export, streamed entry by entry.
 */
import Table from 'cli-table3';
import { compileSchedule } from '../engine/compile.js';
import { Estimator, type EstimateEvent } from '../engine/estimator.js';
import { formatCents, formatCentsGrouped } from '../money/decimal.js';
import type { HtsTable } from '../rules/hts/types.js';
import type { RuleSet } from '../rules/rule-set.js';
import { AuditTotals, auditCsvHeader, auditCsvRow, auditLine, refundCsvHeader, refundCsvRow, refundForEntry, type AuditRow, type RefundEntry } from './audit.js';
import { EXIT } from './exit-codes.js';
import { OutputSink } from './output-sink.js';
import { RejectionList } from './rejection-list.js';
import { RejectsWriter } from './rejects-writer.js';
import { openInput } from './input-source.js';
import { BatchOutput, type EstimateRequest, type Io } from './run-estimate.js';
import { streamLines } from './stream-lines.js';

export interface AuditRequest extends Pick<EstimateRequest, 'input' | 'out' | 'rejects' | 'reader'> {
  format: 'csv' | 'json' | 'table';
  mode: 'audit' | 'refund';
  /** The day the refund routes are judged on. */
  today: string;
  /** Also write the entries CAPE can take, one a line. */
  cape?: string;
}

const signed = (c: bigint): string => (c < 0n ? `-${formatCents(-c)}` : formatCents(c));

export async function runAudit(req: AuditRequest, rules: RuleSet, hts: HtsTable, io: Io): Promise<{ exitCode: number }> {
  const compiled = compileSchedule(rules, hts);
  const input = openInput(req.input, io.stdin);
  const name = input.name;
  const output = new BatchOutput(OutputSink.open(req.out, io.stdout), req.rejects ? new RejectsWriter(OutputSink.open(req.rejects, io.stdout)) : undefined);
  const estimator = new Estimator(compiled, name);
  const events: EstimateEvent[] = [];
  const totals = new AuditTotals();
  const refunds: RefundEntry[] = [];
  const discrepancies: AuditRow[] = [];
  const cape: string[] = [];
  const rejections = new RejectionList();
  let lines = 0;
  let jsonFirst = true;
  const json = (v: unknown): void => {
    output.add(`${jsonFirst ? '\n' : ',\n'}${JSON.stringify(v)}`);
    jsonFirst = false;
  };
  if (req.format === 'csv') output.add(req.mode === 'audit' ? auditCsvHeader() : refundCsvHeader());
  if (req.format === 'json') output.add(`{"mode":${JSON.stringify(req.mode)},"provenance":${JSON.stringify(compiled.provenance)},${req.mode === 'refund' ? `"today":${JSON.stringify(req.today)},` : ''}\n"results":[`);

  const handle = (list: EstimateEvent[]): void => {
    for (const ev of list) {
      if (ev.kind === 'rejected') {
        rejections.add(ev.rejection);
        output.reject(ev.rejection, '');
        if (req.format === 'json') json({ type: 'rejected', ...ev.rejection });
        continue;
      }
      lines += ev.entry.lines.length;
      if (req.mode === 'refund') {
        const r = refundForEntry(ev.entry, req.today);
        if (!r) continue;
        refunds.push(r);
        if (r.route.startsWith('CAPE')) cape.push(r.entry);
        if (req.format === 'csv') output.add(refundCsvRow(r));
        if (req.format === 'json') json({ type: 'refund', ...r, ieepaFiledCents: undefined, ieepaComputedCents: undefined, ieepa_filed: formatCents(r.ieepaFiledCents), ieepa_computed: formatCents(r.ieepaComputedCents), refundable: formatCents(r.ieepaFiledCents) });
        continue;
      }
      for (const l of ev.entry.lines) {
        if (!l.item.filed || l.status !== 'computed') continue;
        for (const row of auditLine(l, l.item.filed)) {
          totals.add(row);
          if (row.status !== 'match' && discrepancies.length < 200) discrepancies.push(row);
          if (req.format === 'csv') output.add(auditCsvRow(row));
          if (req.format === 'json') json({ type: 'audit', ...row, filedCents: undefined, computedCents: undefined, filed: formatCents(row.filedCents), computed: formatCents(row.computedCents), difference: signed(BigInt(row.computedCents - row.filedCents)) });
        }
      }
    }
    list.length = 0;
  };

  const fatal = await streamLines(input, { ...req.reader, file: name, layout: 'es003' }, io.stderr, {
    header: (h) => output.rejects?.setHeader(h.raw),
    item: (item) => handle(estimator.push(item, events)),
    rejected: (rejection) => handle([{ kind: 'rejected', rejection }]),
    afterBatch: () => output.flush(),
  });
  handle(estimator.flush(events));

  const byAuthority = [...totals.byAuthority.entries()].map(([a, t]) => ({ authority: a, filed: formatCents(t.filed), computed: formatCents(t.computed), difference: signed(t.computed - t.filed) }));
  const byEntry = [...totals.byEntry.entries()].map(([e, t]) => ({ entry: e, filed: formatCents(t.filed), computed: formatCents(t.computed), difference: signed(t.computed - t.filed) }));
  if (req.format === 'json') {
    const summary = req.mode === 'audit'
      ? { lines, rejected: rejections.count, by_status: Object.fromEntries(totals.byStatus), by_authority: byAuthority, by_entry: byEntry }
      : { lines, rejected: rejections.count, entries: refunds.length, refundable: formatCents(refunds.reduce((s, r) => s + r.ieepaFiledCents, 0n)), cape_entries: cape.length, note: 'interest on refunds is not computed' };
    output.add(`\n],\n"summary":${JSON.stringify(summary)}}\n`);
  }
  if (req.format === 'table') output.add(req.mode === 'audit' ? auditTable(discrepancies, byAuthority, byEntry, totals, lines, rejections) : refundTable(refunds, lines, rejections, req.today));
  await output.close();
  if (req.cape) {
    const capeSink = OutputSink.open(req.cape, io.stdout);
    await capeSink.write(cape.map((e) => `${e}\n`).join(''));
    await capeSink.close();
  }
  if (fatal) {
    io.stderr.write(`${fatal.file}:${fatal.sourceLine}: ${fatal.reason}\n`);
    return { exitCode: EXIT.USAGE_OR_RULES };
  }
  // CSV and JSON keep stdout machine-readable; without a --rejects file the reasons go to the terminal.
  if (req.format === 'csv' && !req.rejects) io.stderr.write(rejections.lines().map((l) => `${l}\n`).join(''));
  if (req.format !== 'table') io.stderr.write(`${lines} entry lines ${req.mode === 'audit' ? 'audited' : 'read'}, ${rejections.count} rejected${req.mode === 'refund' ? `; ${refunds.length} entries with IEEPA duties, interest not computed` : ''}\n`);
  return { exitCode: rejections.count > 0 ? EXIT.SOME_REJECTED : EXIT.OK };
}

function auditTable(rows: AuditRow[], byAuthority: Array<Record<string, string>>, byEntry: Array<Record<string, string>>, totals: AuditTotals, lines: number, rejections: RejectionList): string {
  const d = new Table({ head: ['Entry', 'Line', 'HTS', 'Heading', 'Filed', 'Computed', 'Difference', 'Status'], style: { head: [], border: [] } });
  for (const r of rows) d.push([r.entry, r.line, r.hts, r.heading, formatCentsGrouped(r.filedCents), formatCentsGrouped(r.computedCents), formatCentsGrouped(r.computedCents - r.filedCents), r.status]);
  const a = new Table({ head: ['Authority', 'Filed', 'Computed', 'Difference'], style: { head: [], border: [] } });
  for (const r of byAuthority) a.push([r.authority!, r.filed!, r.computed!, r.difference!]);
  const e = new Table({ head: ['Entry', 'Filed', 'Computed', 'Difference'], style: { head: [], border: [] } });
  for (const r of byEntry) e.push([r.entry!, r.filed!, r.computed!, r.difference!]);
  const statuses = [...totals.byStatus.entries()].map(([s, n]) => `${s} ${n}`).join(', ');
  return `Discrepancies (difference = computed - filed):\n${d.toString()}\nBy authority:\n${a.toString()}\nBy entry:\n${e.toString()}\n${lines} entry lines audited, ${rejections.count} rejected; ${statuses}\n${rejections.lines().map((l) => `${l}\n`).join('')}`;
}

function refundTable(refunds: RefundEntry[], lines: number, rejections: RejectionList, today: string): string {
  const t = new Table({ head: ['Entry', 'Entry date', 'Liquidation', 'IEEPA filed', 'IEEPA by law', 'Refundable', `Route on ${today}`], wordWrap: true, colWidths: [16, 12, 22, 14, 14, 14, 48], style: { head: [], border: [] } });
  for (const r of refunds) t.push([r.entry, r.entryDate, `${r.liquidationStatus}${r.liquidationDate ? ` ${r.liquidationDate}` : ''}`, formatCentsGrouped(r.ieepaFiledCents), formatCentsGrouped(r.ieepaComputedCents), formatCentsGrouped(r.ieepaFiledCents), r.route]);
  const total = refunds.reduce((s, r) => s + r.ieepaFiledCents, 0n);
  return `${t.toString()}\n${refunds.length} entries with IEEPA duties; refundable ${formatCentsGrouped(total)} USD (interest is not computed); ${lines} entry lines read, ${rejections.count} rejected\n${rejections.lines().map((l) => `${l}\n`).join('')}`;
}
