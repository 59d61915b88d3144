/**
 * Streams a line-item CSV into validated LineItems and rejections, in batches (one per chunk read), so
 * memory stays flat however large the file and the per-row cost stays a few field checks. Records come from
 * CsvTokenizer (see there why it is not csv-parse).
 */
import type { CsvTokenizer } from './csv-tokenizer.js';
import type { RecordProblem } from './record-end.js';
import { FileChangedError } from './file-changed.js';
import { tokenizerFor } from './delimiter.js';
import { resolveHeader, type HeaderReport } from './header.js';
import type { LineItem, Rejection } from '../model/line-item.js';
import { es003Index, type GroupOutcome } from './es003.js';
import { Es003Grouper } from './es003-grouper.js';
import { columnIndex, factColumns, fxTable, type RowContext } from './row-to-item.js';
import { ByteKeepingDecoder } from './kept-bytes.js';
import type { DateOrder } from './date-order.js';
import { lineRowEvent, readOnceDateReason, problemReason, rejectedRow, unreadableRecord, unreadableRow } from './row-events.js';

export interface ReaderOptions {
  /** Display name of the input, for messages. */
  file: string;
  /**
   * Units of the schedule's currency per unit of a currency, as decimal text: for a USD schedule USD per unit
   * (CAD -> "0.7312"), for a CAD schedule CAD per unit (USD -> "1.3650").
   */
  fx?: Record<string, string>;
  /** The currency values are converted into: the schedule's (default USD). */
  scheduleCurrency?: string;
  /** --currency: the currency of lines with no currency column or cell (default USD). */
  currency?: string;
  defaultDate?: string;
  defaultEntry?: string;
  /** The origin of lines that give none: the schedule's, when it covers one (see defaultOrigin in rules/rule-set). */
  defaultOrigin?: string;
  /** Canonical column -> header name in the file. */
  columnMap?: Record<string, string>;
  /** Field delimiter; detected from the header line when absent (comma, semicolon or tab). */
  delimiter?: string;
  /** What the value column includes, for lines without a value_basis column: FOB (default) or CIF. */
  valueBasis?: 'FOB' | 'CIF';
  /** The input layout: detected from the header by default; 'es003' insists on an ACE ES-003 export. */
  layout?: 'auto' | 'lines' | 'es003';
  /**
   * ES-003 row order (see es003Order): 'sorted' streams entry line by entry line in flat memory and rejects
   * a row that goes back in entry/line order; 'unsorted' holds every group until the end of the file.
   */
  es003Order?: 'sorted' | 'unsorted';
  /** The order of slash dates in a lines file: --date-format, or the one its first pass proved (see date-order). */
  dateOrder?: DateOrder;
}

export interface FatalInputError {
  file: string;
  sourceLine: number;
  reason: string;
}

export type ReadEvent =
  | { kind: 'header'; header: HeaderReport; layout: 'lines' | 'es003' }
  | { kind: 'line'; item: LineItem }
  | { kind: 'rejected'; rejection: Rejection }
  | { kind: 'fatal'; error: FatalInputError };

/** What converting a data row needs to know of the file: its header and the options of the run. */
export function rowContextFor(header: HeaderReport, options: ReaderOptions): RowContext {
  const currency = header.currency?.code ?? options.currency ?? 'USD';
  const cols = columnIndex(header);
  return { header, cols, factCols: factColumns(cols), fxNanos: fxTable(options.fx), currency, ...(options.scheduleCurrency !== undefined && options.scheduleCurrency !== 'USD' ? { scheduleCurrency: options.scheduleCurrency } : {}), defaultDate: options.defaultDate, defaultEntry: options.defaultEntry ?? '1', defaultOrigin: options.defaultOrigin, ...(options.valueBasis ? { valueBasis: options.valueBasis } : {}), ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}) };
}

/**
 * Why the currency a header names cannot be used: --currency says another, or there is no rate for it
 * (every line would be rejected for the same reason, so nothing is computed).
 */
function headerCurrencyProblem(header: HeaderReport, options: ReaderOptions): string | undefined {
  const named = header.currency;
  if (named === undefined) return undefined;
  if (options.currency !== undefined && options.currency !== named.code) {
    return `the column "${named.header}" is in ${named.code} but --currency ${options.currency} was given; give the currency once (drop --currency, or map a value column whose header names no currency)`;
  }
  if (named.code !== (options.scheduleCurrency ?? 'USD') && options.fx?.[named.code] === undefined) {
    return `the column "${named.header}" is in ${named.code}: give its rate with --fx ${named.code}=<${options.scheduleCurrency ?? 'USD'} per ${named.code}> or an FX file`;
  }
  return undefined;
}

export async function* readLineItemBatches(input: AsyncIterable<Buffer | string>, options: ReaderOptions): AsyncGenerator<ReadEvent[]> {
  const decoder = new ByteKeepingDecoder();
  let tokenizer: CsvTokenizer | undefined;
  let pendingText = '';
  let batch: ReadEvent[] = [];
  let header: HeaderReport | undefined;
  let ctx: RowContext | undefined;
  let records = 0;
  let fatal: FatalInputError | undefined;

  let es003: Es003Grouper | undefined;
  const emitGroup = (outcome: GroupOutcome): void => {
    records += 1;
    if ('item' in outcome) batch.push({ kind: 'line', item: outcome.item });
    else batch.push({ kind: 'rejected', rejection: { file: options.file, sourceLine: outcome.sourceLine, ...(outcome.column ? { column: outcome.column } : {}), ...(outcome.value !== undefined ? { value: outcome.value } : {}), reason: outcome.reason, raw: outcome.raw } });
  };

  const onRecord = (fields: string[], sourceLine: number): void => {
    if (fatal) return;
    if (!header) {
      const es = options.layout === 'lines' ? undefined : es003Index(fields);
      if (es && options.scheduleCurrency !== undefined && options.scheduleCurrency !== 'USD') {
        // An ES-003 export is of US entries, its values in USD as CBP took them: not lines for a schedule in another currency.
        fatal = { file: options.file, sourceLine, reason: `an ACE ES-003 export holds US entries in USD; the schedule in use assesses in ${options.scheduleCurrency}: give a line-item file (or --input lines)` };
        return;
      }
      if (es) {
        es003 = new Es003Grouper(es, options.es003Order === 'unsorted', options.defaultOrigin, emitGroup);
        header = { raw: fields, index: {}, ignored: [] };
        batch.push({ kind: 'header', header, layout: 'es003' });
        return;
      }
      if (options.layout === 'es003') {
        fatal = { file: options.file, sourceLine, reason: `not an ACE ES-003 export: the header has no "Entry Summary Number" and "HTS Number - Full" columns; it is: ${fields.join(', ')}` };
        return;
      }
      const r = resolveHeader(fields, options.columnMap, options.defaultDate !== undefined);
      if (!r.ok) {
        fatal = { file: options.file, sourceLine, reason: r.reason };
        return;
      }
      const currencyProblem = headerCurrencyProblem(r.header, options);
      if (currencyProblem !== undefined) {
        fatal = { file: options.file, sourceLine, reason: currencyProblem };
        return;
      }
      header = r.header;
      ctx = rowContextFor(header, options);
      batch.push({ kind: 'header', header, layout: 'lines' });
      return;
    }
    if (es003) {
      const unreadable = unreadableRow(options.file, sourceLine, fields, header.raw.length, decoder.seen);
      const outOfOrder = unreadable ? undefined : es003.add(fields, sourceLine);
      if (unreadable || outOfOrder) {
        records += 1;
        batch.push(unreadable ?? rejectedRow(options.file, sourceLine, fields, outOfOrder!));
      }
      return;
    }
    records += 1;
    const ev = lineRowEvent(fields, sourceLine, records, ctx!, options.file, decoder.seen);
    if (ev.kind === 'stop') fatal = { file: options.file, sourceLine, reason: readOnceDateReason(ev.reason, records > 1) };
    else batch.push(ev);
  };

  const onProblem = (p: RecordProblem): void => {
    if (fatal) return;
    if (!header) {
      fatal = { file: options.file, sourceLine: p.startLine, reason: `the header cannot be read: ${problemReason(p)}` };
      return;
    }
    records += 1;
    batch.push(unreadableRecord(options.file, p));
  };

  const feed = (text: string, last: boolean): ReadEvent[] => {
    if (text.length > 0) tokenizer!.push(text, onRecord, onProblem);
    if (last) {
      tokenizer!.end(onRecord, onProblem);
      es003?.close();
    }
    const out = batch;
    batch = [];
    if (fatal) out.push({ kind: 'fatal', error: fatal });
    return out;
  };

  let first = true;
  try {
    for await (const chunk of input) {
      if (first && typeof chunk !== 'string' && chunk.length > 0) {
        first = false;
        if (looksUtf16(chunk)) {
          yield [{ kind: 'fatal', error: { file: options.file, sourceLine: 1, reason: UTF16 } }];
          return;
        }
      }
      // Text handed over already decoded has no bytes to be wrong.
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk);
      if (text.length === 0) continue;
      if (!tokenizer) {
        // The delimiter is detected on the whole header line, so wait for it.
        pendingText += text;
        if (!pendingText.includes('\n') && pendingText.length < 1 << 16) continue;
        tokenizer = tokenizerFor(pendingText, options.delimiter);
        const out = feed(pendingText, false);
        pendingText = '';
        if (out.length > 0) yield out;
      } else {
        const out = feed(text, false);
        if (out.length > 0) yield out;
      }
      if (fatal) return;
    }
  } catch (e) {
    if (!(e instanceof FileChangedError)) throw e;
    yield [...batch.splice(0), { kind: 'fatal', error: { file: options.file, sourceLine: e.line ?? tokenizer?.nextLine ?? 1, reason: e.message } }];
    return;
  }
  const tail = decoder.end();
  if (!tokenizer) {
    pendingText += tail;
    if (pendingText.replace(/^\uFEFF/, '').trim().length === 0) {
      yield [{ kind: 'fatal', error: { file: options.file, sourceLine: 1, reason: EMPTY } }];
      return;
    }
    tokenizer = tokenizerFor(pendingText, options.delimiter);
  }
  const out = feed(pendingText.length > 0 ? pendingText : tail, true);
  // Only blank lines: as empty as a file of no bytes.
  if (!header && !fatal) out.push({ kind: 'fatal', error: { file: options.file, sourceLine: 1, reason: EMPTY } });
  if (out.length > 0) yield out;
}

const EMPTY = 'the file is empty: it has no header and no rows';
const UTF16 = 'the file is UTF-16; save it as UTF-8 (CSV UTF-8 in Excel)';

/** A UTF-16 byte-order mark, or the NUL byte every other byte that ASCII text has in UTF-16. */
function looksUtf16(bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  const n = Math.min(bytes.length, 64) & ~1;
  if (n < 4) return false;
  let evenNul = true;
  let oddNul = true;
  for (let i = 0; i < n; i += 2) {
    evenNul &&= bytes[i] === 0 && bytes[i + 1] !== 0;
    oddNul &&= bytes[i + 1] === 0 && bytes[i] !== 0;
  }
  return evenNul || oddNul;
}

/** One event at a time (convenient for tests and small files). */
export async function* readLineItems(input: AsyncIterable<Buffer | string>, options: ReaderOptions): AsyncGenerator<ReadEvent> {
  for await (const events of readLineItemBatches(input, options)) yield* events;
}
