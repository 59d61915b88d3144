/**
 * Streams a line-item CSV into validated LineItems and rejections, in batches (one per chunk read), so
 * memory stays flat however large the file and the per-row cost stays a few field checks. Records come from
 * CsvTokenizer (see there why it is not csv-parse).
 */
import { CsvTokenizer, UnclosedQuoteError } from './csv-tokenizer.js';
import { resolveHeader, type HeaderReport } from './header.js';
import type { LineItem, Rejection } from './line-item.js';
import { fxTable, rowToItem, type RowContext } from './row-to-item.js';

export interface ReaderOptions {
  /** Display name of the input, for messages. */
  file: string;
  /** USD per unit of a currency, as decimal text (CAD -> "0.7312"). */
  fx?: Record<string, string>;
  defaultDate?: string;
  defaultEntry?: string;
  /** Canonical column -> header name in the file. */
  columnMap?: Record<string, string>;
  /** Field delimiter; detected from the header line when absent (comma, semicolon or tab). */
  delimiter?: string;
  /** What the value column includes, for lines without a value_basis column: FOB (default) or CIF. */
  valueBasis?: 'FOB' | 'CIF';
}

export interface FatalInputError {
  file: string;
  sourceLine: number;
  reason: string;
}

export type ReadEvent =
  | { kind: 'header'; header: HeaderReport }
  | { kind: 'line'; item: LineItem }
  | { kind: 'rejected'; rejection: Rejection }
  | { kind: 'fatal'; error: FatalInputError };

/** The delimiter that splits the header line most (outside quotes). */
export function detectDelimiter(firstLine: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]! += 1;
  }
  return [';', '\t'].reduce((best, d) => (counts[d]! > counts[best]! ? d : best), ',');
}

const NOT_UTF8 = 'the row contains bytes that are not UTF-8 text (the file may be Latin-1 or Windows-1252): save it as UTF-8';

export async function* readLineItemBatches(input: AsyncIterable<Buffer | string>, options: ReaderOptions): AsyncGenerator<ReadEvent[]> {
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  let tokenizer: CsvTokenizer | undefined;
  let pendingText = '';
  let batch: ReadEvent[] = [];
  let header: HeaderReport | undefined;
  let ctx: RowContext | undefined;
  let records = 0;
  let fatal: FatalInputError | undefined;
  let sawInvalidBytes = false;

  const onRecord = (fields: string[], sourceLine: number): void => {
    if (fatal) return;
    if (!header) {
      const r = resolveHeader(fields, options.columnMap, options.defaultDate !== undefined);
      if (!r.ok) {
        fatal = { file: options.file, sourceLine, reason: r.reason };
        return;
      }
      header = r.header;
      ctx = { header, fxNanos: fxTable(options.fx), defaultDate: options.defaultDate, defaultEntry: options.defaultEntry ?? '1', ...(options.valueBasis ? { valueBasis: options.valueBasis } : {}) };
      batch.push({ kind: 'header', header });
      return;
    }
    records += 1;
    const reject = (reason: string, column?: string, value?: string): void => {
      batch.push({ kind: 'rejected', rejection: { file: options.file, sourceLine, ...(column ? { column } : {}), ...(value !== undefined ? { value } : {}), reason, raw: fields } });
    };
    if (sawInvalidBytes && fields.some((f) => f.includes('\uFFFD'))) return reject(NOT_UTF8);
    if (fields.length !== header.raw.length) {
      return reject(`the row has ${fields.length} fields but the header has ${header.raw.length}; a delimiter or quote is probably missing or extra`);
    }
    const result = rowToItem(fields, sourceLine, records, ctx!);
    if ('reason' in result) reject(result.reason, result.column, result.value);
    else batch.push({ kind: 'line', item: result });
  };

  const feed = (text: string, last: boolean): ReadEvent[] => {
    try {
      if (text.length > 0) tokenizer!.push(text, onRecord);
      if (last) tokenizer!.end(onRecord);
    } catch (e) {
      if (!(e instanceof UnclosedQuoteError)) throw e;
      fatal ??= {
        file: options.file,
        sourceLine: e.startLine,
        reason: `a quoted field on the row starting at line ${e.startLine} is never closed, so that row and the ${e.lastLine - e.startLine} line(s) after it cannot be read; fix the quote and run again (the rows before it were processed)`,
      };
    }
    const out = batch;
    batch = [];
    if (fatal) out.push({ kind: 'fatal', error: fatal });
    return out;
  };

  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text.length === 0) continue;
    if (!sawInvalidBytes && text.includes('\uFFFD')) sawInvalidBytes = true;
    if (!tokenizer) {
      // The delimiter is detected on the whole header line, so wait for it.
      pendingText += text;
      if (!pendingText.includes('\n') && pendingText.length < 1 << 16) continue;
      tokenizer = new CsvTokenizer(options.delimiter ?? detectDelimiter(pendingText.split(/\r?\n/, 1)[0]!.replace(/^\uFEFF/, '')));
      const out = feed(pendingText, false);
      pendingText = '';
      if (out.length > 0) yield out;
    } else {
      const out = feed(text, false);
      if (out.length > 0) yield out;
    }
    if (fatal) return;
  }
  const tail = decoder.decode();
  if (!tokenizer) {
    pendingText += tail;
    if (pendingText.replace(/^\uFEFF/, '').trim().length === 0) {
      yield [{ kind: 'fatal', error: { file: options.file, sourceLine: 1, reason: 'the file is empty: it has no header and no rows' } }];
      return;
    }
    tokenizer = new CsvTokenizer(options.delimiter ?? detectDelimiter(pendingText.split(/\r?\n/, 1)[0]!.replace(/^\uFEFF/, '')));
    const out = feed(pendingText, true);
    if (out.length > 0) yield out;
    return;
  }
  const out = feed(tail, true);
  if (out.length > 0) yield out;
}

/** One event at a time (convenient for tests and small files). */
export async function* readLineItems(input: AsyncIterable<Buffer | string>, options: ReaderOptions): AsyncGenerator<ReadEvent> {
  for await (const events of readLineItemBatches(input, options)) yield* events;
}
