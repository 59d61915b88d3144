/**
 * Synthetic line-item files for the benchmark: realistic mix of HTS codes across every measure family,
 * entry dates across the schedule's coverage, USMCA claims, content values, entries of 1-50 lines.
 * Deterministic for a given seed, so runs compare.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Codes that reach each measure family, plus ordinary goods; all exist in the HTS data. */
export const BENCH_CODES = [
  '8481809050', '2709002090', '3926909910', '7208510030', '7604101000', '2204215015', '6110202010',
  '7308909530', '7318152020', '8544429090', '9403200011', '8414801615', '8703230190', '8708295110',
  '4407110001', '9401616001', '0406900500', '3104200010', '8429511015', '8427204000', '0201305015',
  '8471500150', '9403409060', '8701210045', '7606123091', '7411101030', '8450110010', '3004909250',
];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;

/** Writes generated text in pieces of about a megabyte, waiting when the disk is behind. */
async function writeText(path: string, pieces: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  let buffer = '';
  for (const piece of pieces) {
    buffer += piece;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.write(buffer);
  out.end();
  await once(out, 'finish');
}

export async function writeBenchFile(path: string, lines: number, from: string, to: string, seed = 42): Promise<void> {
  await writeText(path, benchRows(lines, from, to, seed));
}

function* benchRows(lines: number, from: string, to: string, seed: number): Generator<string> {
  const rand = mulberry32(seed);
  const start = Date.parse(`${from}T00:00:00Z`);
  const days = Math.max(1, Math.round((Date.parse(`${to}T00:00:00Z`) - start) / DAY) + 1);
  yield 'entry,line,hts,description,value,quantity,unit,entry_date,usmca,transport,steel_value,aluminum_value,metal_weight_pct,us_content_value\n';
  let entry = 0;
  let left = 0;
  let date = from;
  let lineNo = 0;
  const modes = ['truck', 'truck', 'rail', 'ocean', 'air', 'pipeline'];
  for (let i = 0; i < lines; i++) {
    if (left === 0) {
      entry += 1;
      left = 1 + Math.floor(rand() * 50);
      lineNo = 0;
      date = new Date(start + Math.floor(rand() * days) * DAY).toISOString().slice(0, 10);
    }
    left -= 1;
    lineNo += 1;
    const hts = BENCH_CODES[Math.floor(rand() * BENCH_CODES.length)]!;
    const cents = 1000 + Math.floor(rand() * 50_000_000);
    const value = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    const metal = hts.startsWith('73') || hts.startsWith('84') ? `${Math.floor((cents * 0.4) / 100)}.00` : '';
    const usmca = rand() < 0.4 ? 'Y' : 'N';
    const mode = modes[Math.floor(rand() * modes.length)]!;
    const weight = hts.startsWith('84') ? String(Math.floor(rand() * 100)) : '';
    const usContent = hts.startsWith('87') && usmca === 'Y' ? `${Math.floor((cents * 0.3) / 100)}.00` : '';
    yield `E${entry},${lineNo},${hts},Synthetic goods ${i % 97},${value},${1 + Math.floor(rand() * 5000)},kg,${date},${usmca},${mode},${metal},,${weight},${usContent}\n`;
  }
}

const ES003_HEADER = 'Entry Summary Number,Entry Summary Line Number,Entry Type Code,Importer Number,Port of Entry Code,Entry Date,Entry Summary Date,Country of Origin Code,Country of Export Code,Line SPI Code,Tariff Ordinal Number,HTS Number - Full,Line Tariff Goods Value Amount,Line Tariff Duty Amount,Line Tariff Quantity (1),Line Tariff UOM (1) Code,Liquidation Status,Liquidation Date\n';

/** `$1,234.56`, quoted as ACE writes it. */
function acAmount(cents: number): string {
  const whole = Math.floor(cents / 100).toLocaleString('en-US');
  return `"$${whole}.${String(cents % 100).padStart(2, '0')}"`;
}

function usDate(iso: string): string {
  return `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
}

/**
 * A synthetic ACE ES-003 export of `entryLines` entry lines, sorted by entry and line as ACE exports are:
 * each line is a commodity row, followed for IEEPA-period entries without a USMCA claim by a 9903.01.10 row
 * filed at 25% (some at 35%, the filing errors the audit is meant to find).
 */
export async function writeEs003BenchFile(path: string, entryLines: number, from: string, to: string, seed = 7): Promise<void> {
  await writeText(path, es003Rows(entryLines, from, to, seed));
}

function* es003Rows(entryLines: number, from: string, to: string, seed: number): Generator<string> {
  const rand = mulberry32(seed);
  const start = Date.parse(`${from}T00:00:00Z`);
  const days = Math.max(1, Math.round((Date.parse(`${to}T00:00:00Z`) - start) / DAY) + 1);
  yield ES003_HEADER;
  let entry = 31600000000;
  let left = 0;
  let date = from;
  let lineNo = 0;
  let liquidation = 'Unliquidated,';
  for (let i = 0; i < entryLines; i++) {
    if (left === 0) {
      entry += 1;
      left = 1 + Math.floor(rand() * 50);
      lineNo = 0;
      date = new Date(start + Math.floor(rand() * days) * DAY).toISOString().slice(0, 10);
      const liquidated = new Date(Date.parse(`${date}T00:00:00Z`) + 314 * DAY).toISOString().slice(0, 10);
      liquidation = liquidated < to && rand() < 0.6 ? `Liquidated,${usDate(liquidated)}` : 'Unliquidated,';
    }
    left -= 1;
    lineNo += 1;
    const hts = BENCH_CODES[Math.floor(rand() * BENCH_CODES.length)]!;
    const cents = 1000 + Math.floor(rand() * 50_000_000);
    const usmca = rand() < 0.4;
    const prefix = `${entry},${lineNo},01,12-3456789AB,3004,${usDate(date)},${usDate(date)},CA,CA,${usmca ? 'S' : ''},`;
    yield `${prefix}1,${hts},${acAmount(cents)},$0.00,${1 + Math.floor(rand() * 5000)},KG,${liquidation}\n`;
    if (!usmca && date <= '2026-02-23') {
      const rate = date >= '2025-08-01' || rand() < 0.1 ? 35 : 25;
      yield `${prefix}2,9903.01.10,$0.00,${acAmount(Math.round((cents * rate) / 100))},0,,${liquidation}\n`;
    }
  }
}
