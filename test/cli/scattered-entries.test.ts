/**
 * An entry's lines share its fees (MPF) and brokerage by value wherever they sit in the file: the same lines
 * in another order (E1, E1, E2 or E1, E2, E1, or any interleaving) give every line the same shares, landed
 * cost and total, and the run the same totals, in CSV and JSON, on one thread and on two. Standard input,
 * read once, refuses the lines of an entry that come back after other entries.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariffAsync } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-scattered-'));
const HEADER = 'entry,line,hts,value,entry_date,transport,brokerage,description';

interface Row {
  entry: string;
  line: number;
  text: string;
}

function row(entry: string, line: number, value: string, brokerage = ''): Row {
  // Ocean lines also pay HMF (a line fee); steel plate pays MPF on its value.
  return { entry, line, text: `${entry},${line},7208.51.0030,${value},2025-09-10,ocean,${brokerage},plate ${entry}-${line}` };
}

let files = 0;
function write(rows: readonly Row[]): string {
  const p = join(dir, `in-${(files += 1)}.csv`);
  writeFileSync(p, `${HEADER}\n${rows.map((r) => r.text).join('\n')}\n`);
  return p;
}

/** A run's output through a file (a pipe is read only so far), parts of 200 bytes on two threads. */
async function run(args: string[], jobs: string): Promise<{ status: number; stdout: string; stderr: string }> {
  const out = join(dir, `out-${(files += 1)}`);
  writeFileSync(out, '');
  const r = await tariffAsync([...args, '--out', out, '--jobs', jobs], undefined, { TARIFF_PART_BYTES: '200' });
  return { ...r, stdout: readFileSync(out, 'utf8') };
}

/**
 * CSV line rows sorted, without the row's place in the file (source_line); a comparison's entry rows (one
 * per group of an entry's lines) as their amounts summed by entry.
 */
function csvView(csv: string): { lines: string[]; entries: Record<string, number[]> } {
  const [head, ...rows] = csv.trimEnd().split('\n');
  const columns = head!.split(',');
  const drop = columns.indexOf('source_line');
  expect(drop).toBeGreaterThan(0);
  const lines: string[] = [];
  const entries: Record<string, number[]> = {};
  for (const r of rows) {
    const fields = r.split(',');
    if (columns[0] === 'level' && fields[0] === 'entry') {
      const sums = (entries[fields[1]!] ??= []);
      fields.forEach((v, i) => {
        if (/^-?\d+\.\d\d$/.test(v)) sums[i] = (sums[i] ?? 0) + Math.round(Number(v) * 100);
      });
    } else lines.push(fields.filter((_, i) => i !== drop).join(','));
  }
  return { lines: lines.sort(), entries };
}

/** JSON: line objects without source_line, sorted; entry figures summed by entry; the summary. */
function jsonView(text: string): { lines: string[]; entries: Record<string, Record<string, number>>; summary: unknown } {
  const doc = JSON.parse(text) as { results: Array<Record<string, unknown>>; summary: unknown };
  const lines = doc.results.filter((r) => r.type === 'line').map(({ source_line: _s, ...rest }) => JSON.stringify(rest)).sort();
  const entries: Record<string, Record<string, number>> = {};
  for (const e of doc.results.filter((r) => r.type === 'entry')) {
    const sums = (entries[e.entry as string] ??= {});
    for (const k of ['lines', 'value', 'duty', 'fees', 'total', 'brokerage', 'landed_cost']) sums[k] = (sums[k] ?? 0) + Math.round(Number(e[k]) * 100);
  }
  return { lines, entries, summary: doc.summary };
}

async function expectSameResults(ordered: readonly Row[], reordered: readonly Row[], command: string[] = ['estimate']): Promise<void> {
  const a = write(ordered);
  const b = write(reordered);
  // The runs on one thread and on two side by side, and within each its runs: each is a process of its own.
  await Promise.all(['1', '2'].map(async (jobs) => {
    const json = command[0] === 'estimate';
    const [csvA, csvB, jsonRunA, jsonRunB] = await Promise.all([
      run([...command, a, '--format', 'csv'], jobs),
      run([...command, b, '--format', 'csv'], jobs),
      ...(json ? [run([...command, a, '--format', 'json'], jobs), run([...command, b, '--format', 'json'], jobs)] : []),
    ]);
    expect(csvB!.status).toBe(csvA!.status);
    expect(csvView(csvB!.stdout)).toEqual(csvView(csvA!.stdout));
    // "Lines read ... = computed ..." on stderr: the same counts.
    expect(csvB!.stderr).toBe(csvA!.stderr);
    if (!json) return;
    const jsonA = jsonView(jsonRunA!.stdout);
    const jsonB = jsonView(jsonRunB!.stdout);
    expect(jsonB).toEqual(jsonA);
  }));
}

describe.concurrent('an entry whose lines are not together in the file', () => {
  // Values whose MPF shares do not divide evenly: largest remainders decide cents.
  const e1 = [row('E1', 1, '1234.56', '150.00'), row('E1', 2, '8765.43'), row('E1', 3, '3333.33')];
  const e2 = [row('E2', 1, '4321.09'), row('E2', 2, '99.99')];

  it('gives every line the same MPF share, brokerage, landed cost and total as with its lines together (E1 E1 E2 and E1 E2 E1)', { timeout: 600_000 }, async () => {
    const together = [...e1, ...e2];
    const apart = [e1[0]!, e2[0]!, e1[1]!, e2[1]!, e1[2]!];
    const [, csvRun] = await Promise.all([expectSameResults(together, apart), run(['estimate', write(apart), '--format', 'csv'], '1')]);
    // The shares are by value over the whole entry: line 2 (8,765 of 13,333 USD) carries most of the fee.
    const csv = csvRun.stdout;
    const [head, ...rows] = csv.trimEnd().split('\n');
    const col = head!.split(',').indexOf('fee_mpf');
    const mpf = Object.fromEntries(rows.map((r) => [r.split(',').slice(0, 2).join('-'), r.split(',')[col]]));
    // MPF 0.3464% of 13,333 (whole dollars 1,235 + 8,765 + 3,333) = 46.19, by value: 4.27|84, 30.36|49, 11.54|66
    // (cents and remainders); the two cents left go to the largest remainders.
    expect([mpf['E1-1'], mpf['E1-2'], mpf['E1-3']]).toEqual(['4.28', '30.36', '11.55']);
  });

  it('counts an entry once in the totals, and each group of its lines shows its part of the fee on the whole entry', { timeout: 300_000 }, async () => {
    const apart = [e1[0]!, e2[0]!, e1[1]!, e2[1]!, e1[2]!];
    const [jsonRun, tableRun] = await Promise.all([run(['estimate', write(apart), '--format', 'json'], '1'), run(['estimate', write(apart), '--format', 'table'], '1')]);
    const json = JSON.parse(jsonRun.stdout) as { results: Array<Record<string, unknown>>; summary: { counts: { entries: number } } };
    expect(json.summary.counts.entries).toBe(2);
    // Each group of E1 shows the part of the fee its lines carry, and the fee on the whole entry.
    const groups = json.results.filter((r) => r.type === 'entry' && r.entry === 'E1') as Array<{ entry_fees: Array<{ measure: string; amount: string; whole_entry?: { amount: string } }> }>;
    const mpf = groups.map((g) => g.entry_fees.find((f) => f.measure.includes('mpf'))!);
    expect(mpf.map((f) => f.amount)).toEqual(['4.28', '30.36', '11.55']);
    expect(mpf.map((f) => f.whole_entry?.amount)).toEqual(['46.19', '46.19', '46.19']);
    const table = tableRun.stdout;
    expect(table.replace(/[│\s]+/g, ' ')).toContain("on the whole entry's 13,333.00: 46.19; its rows are apart in the file, and these carry 4.28 of it, shared by value");
  });

  // Twenty runs of the CLI: minutes on a busy machine.
  it('gives the same lines in any interleaving of 12 entries of 1 to 9 lines the same results, also in a comparison', { timeout: 600_000 }, async () => {
    let seed = 17;
    const random = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const entries = Array.from({ length: 12 }, (_, e) =>
      Array.from({ length: 1 + Math.floor(random() * 9) }, (_, l) => row(`X${e}`, l + 1, (10 + random() * 400_000).toFixed(2), l === 0 && e % 3 === 0 ? '95.00' : '')),
    );
    // A random interleaving that keeps each entry's lines in their order.
    const queues = entries.map((lines) => [...lines]);
    const interleaved: Row[] = [];
    while (queues.some((q) => q.length > 0)) {
      const open = queues.filter((q) => q.length > 0);
      interleaved.push(open[Math.floor(random() * open.length)]!.shift()!);
    }
    const groups = interleaved.filter((r, i) => i === 0 || interleaved[i - 1]!.entry !== r.entry).map((r) => r.entry);
    expect(new Set(groups).size).toBeLessThan(groups.length - 5);
    await Promise.all([expectSameResults(entries.flat(), interleaved), expectSameResults(entries.flat(), interleaved, ['compare', '--scenario', 'current', '--scenario', 'tariffs-removed'])]);
  });

  it('on standard input, rejects the lines of an entry that come back after other entries, saying to give a file or sort it', async () => {
    const apart = [e1[0]!, e2[0]!, e1[1]!];
    const together = [...e1, ...e2];
    const [r, piped, fromFile] = await Promise.all([
      tariffAsync(['estimate', '-', '--format', 'csv'], `${HEADER}\n${apart.map((x) => x.text).join('\n')}\n`),
      tariffAsync(['estimate', '-', '--format', 'csv'], `${HEADER}\n${together.map((x) => x.text).join('\n')}\n`),
      run(['estimate', write(together), '--format', 'csv'], '1'),
    ]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('entry E1 has lines earlier in the input, with other entries between');
    expect(r.stdout).toContain('Give the input as a file');
    // Lines together on standard input are computed as from a file.
    expect(piped.status).toBe(0);
    expect(csvView(piped.stdout)).toEqual(csvView(fromFile.stdout));
  });
});
