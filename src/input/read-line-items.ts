/**
 * Streams a line-item CSV into validated LineItems and rejections, in batches (one per chunk read), so
 * memory stays flat however large the file and the per-row cost stays a few field checks.
 */
import { parse, type Parser } from 'csv-parse';
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

function newlinesIn(fields: string[]): number {
  let n = 0;
  for (const f of fields) {
    if (f.indexOf('\n') < 0) continue;
    for (let i = 0; i < f.length; i++) if (f.charCodeAt(i) === 10) n++;
  }
  return n;
}

const NOT_UTF8 = 'the row contains bytes that are not UTF-8 text (the file may be Latin-1 or Windows-1252): save it as UTF-8';

export async function* readLineItemBatches(input: AsyncIterable<Buffer | string>, options: ReaderOptions): AsyncGenerator<ReadEvent[]> {
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  let parser: Parser | undefined;
  let pendingText = '';
  let batch: ReadEvent[] = [];
  let header: HeaderReport | undefined;
  let ctx: RowContext | undefined;
  let records = 0;
  /** Physical line where the last complete record ended: an unclosed quote starts after it. */
  let lastRecordEnd = 0;
  let fatal: FatalInputError | undefined;
  let parseError: (Error & { lines?: number; code?: string }) | undefined;
  let sawInvalidBytes = false;
  let sawAnyText = false;

  const onRecord = (fields: string[], lines: number): void => {
    const sourceLine = lines - newlinesIn(fields);
    lastRecordEnd = lines;
    if (!header) {
      const r = resolveHeader(fields, options.columnMap, options.defaultDate !== undefined);
      if (!r.ok) {
        fatal = { file: options.file, sourceLine, reason: r.reason };
        return;
      }
      header = r.header;
      ctx = { header, fxNanos: fxTable(options.fx), defaultDate: options.defaultDate, defaultEntry: options.defaultEntry ?? '1' };
      batch.push({ kind: 'header', header });
      return;
    }
    records += 1;
    const reject = (reason: string, column?: string, value?: string): void => {
      batch.push({ kind: 'rejected', rejection: { file: options.file, sourceLine, ...(column ? { column } : {}), ...(value !== undefined ? { value } : {}), reason, raw: fields } });
    };
    if (sawInvalidBytes && fields.some((f) => f.includes('\uFFFD'))) return reject(NOT_UTF8);
    if (fields.length !== header.raw.length) {
      if (fields.length === 1 && fields[0]!.trim() === '') return;
      return reject(`the row has ${fields.length} fields but the header has ${header.raw.length}; a delimiter or quote is probably missing or extra`);
    }
    const result = rowToItem(fields, sourceLine, records, ctx!);
    if ('reason' in result) reject(result.reason, result.column, result.value);
    else batch.push({ kind: 'line', item: result });
  };

  const start = (firstText: string): Parser => {
    const firstLine = firstText.split(/\r?\n/, 1)[0] ?? '';
    const p = parse({
      delimiter: options.delimiter ?? detectDelimiter(firstLine.replace(/^\uFEFF/, '')),
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      on_record: (record: string[], context: { lines: number }) => {
        if (!fatal) onRecord(record, context.lines);
        return null;
      },
    });
    p.on('error', (e: Error) => {
      parseError = e;
    });
    p.on('data', () => undefined);
    return p;
  };

  const drain = (): ReadEvent[] => {
    const out = batch;
    batch = [];
    if (fatal) out.push({ kind: 'fatal', error: fatal });
    else if (parseError) {
      const unclosed = parseError.code === 'CSV_QUOTE_NOT_CLOSED';
      const line = unclosed ? lastRecordEnd + 1 : (parseError.lines ?? 0);
      const what = unclosed
        ? `a quoted field on the row starting at line ${line} is never closed, so that row and the ${(parseError.lines ?? line) - line} line(s) after it cannot be read; fix the quote and run again`
        : `the CSV cannot be read past this point (${parseError.message})`;
      out.push({ kind: 'fatal', error: { file: options.file, sourceLine: line, reason: `${what} (the rows before it were processed)` } });
    }
    return out;
  };

  // CRLF becomes LF before parsing: csv-parse miscounts lines after a CRLF inside a quoted field, and a
  // line number the user cannot find is worse than none. A CR at the end of a chunk waits for the next one.
  let heldCr = false;
  const normalize = (raw: string, last: boolean): string => {
    let text = heldCr ? `\r${raw}` : raw;
    heldCr = !last && text.endsWith('\r');
    if (heldCr) text = text.slice(0, -1);
    return text.indexOf('\r\n') >= 0 ? text.replace(/\r\n/g, '\n') : text;
  };

  for await (const chunk of input) {
    const text = normalize(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }), false);
    if (text.length === 0) continue;
    if (!sawInvalidBytes && text.includes('\uFFFD')) sawInvalidBytes = true;
    if (!parser) {
      pendingText += text;
      if (!pendingText.includes('\n') && pendingText.length < 1 << 16) continue;
      sawAnyText ||= pendingText.trim().length > 0;
      parser = start(pendingText);
      parser.write(pendingText);
      pendingText = '';
    } else {
      parser.write(text);
    }
    const out = drain();
    if (out.length > 0) yield out;
    if (fatal || parseError) return;
  }
  const tail = normalize(decoder.decode(), true);
  if (!parser) {
    pendingText += tail;
    sawAnyText ||= pendingText.replace(/^\uFEFF/, '').trim().length > 0;
    if (!sawAnyText) {
      yield [{ kind: 'fatal', error: { file: options.file, sourceLine: 1, reason: 'the file is empty: it has no header and no rows' } }];
      return;
    }
    parser = start(pendingText);
    parser.write(pendingText);
  } else if (tail) parser.write(tail);
  await new Promise<void>((resolve) => {
    parser!.once('end', resolve);
    parser!.once('error', () => resolve());
    parser!.end();
  });
  const out = drain();
  if (!header && !fatal && !parseError) out.push({ kind: 'fatal', error: { file: options.file, sourceLine: 1, reason: 'the file is empty: it has no header and no rows' } });
  if (out.length > 0) yield out;
}

/** One event at a time (convenient for tests and small files). */
export async function* readLineItems(input: AsyncIterable<Buffer | string>, options: ReaderOptions): AsyncGenerator<ReadEvent> {
  for await (const events of readLineItemBatches(input, options)) yield* events;
}
