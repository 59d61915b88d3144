/**
 * A first pass over a line-item file that reads only the entry column: which entries have lines apart,
 * with other entries between (E1, E2, E1). Their fees are then charged on all their lines before output
 * (EntryPlan). The bytes of the entry field are compared with the previous row's, so a row of the same
 * entry costs a byte scan; a row with a quote before the end of its entry field is read by the tokenizer.
 * Keeps the ids of the entries seen (EntryIndex: a few dozen bytes each, as the fee state of a run does).
 */
import { open } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { EntryIndex } from '../engine/entry-states.js';
import { CsvTokenizer } from '../input/csv-tokenizer.js';
import { detectDelimiter } from '../input/delimiter.js';
import { readLineItemBatches, type ReaderOptions } from '../input/read-line-items.js';
import { RecordEnd } from '../input/record-end.js';
import { RecordMarks } from '../input/record-scanner.js';
import { eachRow, type LineCount } from '../input/row-spans.js';
import type { LineItem } from '../model/line-item.js';
import type { InputSource } from './input-source.js';
import { streamLines } from './stream-lines.js';
import { workerThreads, type JobsRequest } from './parallel/jobs.js';
import { slashDateScanOf } from './slash-date-scan.js';
import type { SlashDateEvidence } from '../input/date-order.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const READ_BYTES = 1 << 20;

const NONE: ReadonlySet<string> = new Set();
/** Where progress goes when nobody watches. */
const SILENT = new Writable({ write: (_chunk, _encoding, done) => done() });

async function* once(bytes: Buffer): AsyncGenerator<Buffer> {
  yield bytes;
}

/** Tracks the entry of each row in file order. */
class EntryRuns {
  private readonly seen = new EntryIndex();
  readonly scattered = new Set<string>();
  private current: string | undefined;
  /** Raw bytes of the previous row's entry field, when it was read from bytes: last[0, lastLength). */
  private last = new Uint8Array(64);
  private lastLength = -1;

  constructor(private readonly defaultEntry: string) {}

  /** A row whose entry field is bytes[start, end) with no quote before it. */
  raw(bytes: Buffer, start: number, end: number): void {
    // Compared here, not by Buffer.compare: a call into native code costs more than the few bytes of an id.
    const length = end - start;
    if (length === this.lastLength) {
      let i = 0;
      while (i < length && bytes[start + i] === this.last[i]) i++;
      if (i === length) return;
    }
    if (length > this.last.length) this.last = new Uint8Array(Math.max(length, 2 * this.last.length));
    this.last.set(bytes.subarray(start, end));
    this.lastLength = length;
    this.row(bytes.toString('utf8', start, end));
  }

  /** A row whose entry field is `text`, as the reader gives it. */
  row(text: string): void {
    const entry = text.trim() || this.defaultEntry;
    if (entry === this.current) return;
    this.current = entry;
    if (this.seen.has(entry)) this.scattered.add(entry);
    else this.seen.ordinalOf(entry);
  }

  /** A row read by the tokenizer: the next row is not compared by bytes with it. */
  fields(fields: string[], column: number): void {
    this.lastLength = -1;
    this.row(fields[column] ?? '');
  }
}

/**
 * Entries of the file (lines layout) whose lines are not together; none for input that can be read only once
 * (standard input, a pipe: the reading pass is the only pass), an ES-003 export (grouped by entry when read),
 * a file without an entry column or one that cannot be read (the reading pass says why).
 */
export async function scatteredEntries(input: InputSource, reader: ReaderOptions, dates?: SlashDateEvidence): Promise<ReadonlySet<string>> {
  if (!input.rereadable || reader.layout === 'es003') return NONE;
  const file = await open(input.name, 'r').catch(() => undefined);
  if (!file) return NONE;
  try {
    let window = Buffer.allocUnsafe(READ_BYTES);
    let end = 0;
    let ended = false;
    const more = async (): Promise<void> => {
      if (end === window.length) {
        const grown = Buffer.allocUnsafe(window.length * 2);
        window.copy(grown, 0, 0, end);
        window = grown;
      }
      const n = (await file.read(window, end, window.length - end, null)).bytesRead;
      if (n === 0) ended = true;
      end += n;
    };
    // The header: its first record, read as the reader reads it (found alone: the rows are read below).
    let delimiter = reader.delimiter;
    let headerEnd = -1;
    for (;;) {
      const lineEnd = window.subarray(0, end).indexOf(LF);
      if (lineEnd >= 0 || ended) {
        delimiter ??= detectDelimiter(window.toString('utf8', 0, lineEnd >= 0 ? lineEnd : end).replace(/^\uFEFF/, '').replace(/\r$/, ''));
        const w = window;
        headerEnd = new RecordEnd(delimiter.charCodeAt(0)).find((i) => w[i]!, 0, end);
        if (headerEnd >= 0 || ended) break;
      }
      await more();
    }
    if (headerEnd < 0) return NONE;
    const first = (await readLineItemBatches(once(Buffer.from(window.subarray(0, headerEnd))), reader).next()).value?.[0];
    if (first?.kind !== 'header' || first.layout !== 'lines') return NONE;
    const column = first.header.index.entry;
    const delimiterByte = delimiter.charCodeAt(0);
    const dateScan = dates && slashDateScanOf(first.header, delimiterByte, dates);
    if (column === undefined && !dateScan) return NONE;
    const marks = new RecordMarks();
    const runs = new EntryRuns(reader.defaultEntry ?? '1');
    /** The record's fields as the tokenizer reads them (it has a quote), or undefined when a quote is never closed. */
    const fieldsOf = (bytes: Buffer, start: number, stop: number): string[] | undefined => {
      const t = new CsvTokenizer(delimiter!, 1, false);
      let read: string[] | undefined;
      try {
        t.push(bytes.toString('utf8', start, stop), (f) => (read = f));
        t.end((f) => (read = f));
      } catch {
        // A quote never closed: the reading pass reports it; rows after it are not read.
      }
      return read;
    };
    const tokenize = (bytes: Buffer, start: number, stop: number): void => {
      const f = fieldsOf(bytes, start, stop);
      if (f) runs.fields(f, column!);
    };
    // The file line a record starts on, for the date columns' messages: the header's lines come first.
    const lines: LineCount = { n: 0 };
    for (let i = 0; i < headerEnd; i++) if (window[i] === LF) lines.n += 1;
    const record = (bytes: Buffer, start: number, stop: number, firstLine: number): void => {
      dateScan?.record(bytes, start, stop, firstLine, () => fieldsOf(bytes, start, stop));
      if (column === undefined) return;
      let fieldStart = start;
      let k = 0;
      let i = start;
      for (; i < stop; i++) {
        const c = bytes[i]!;
        if (c === QUOTE) return tokenize(bytes, start, stop);
        if (c === delimiterByte) {
          if (k === column) break;
          k += 1;
          fieldStart = i + 1;
        } else if (c === LF || c === CR) break;
      }
      if (k < column) runs.row('');
      else runs.raw(bytes, fieldStart, i);
    };
    let start = headerEnd;
    for (;;) {
      const bytes = window;
      start = eachRow(bytes, start, end, delimiterByte, marks, (from, to, at) => record(bytes, from, to, at), lines);
      if (ended) break;
      // The unread bytes to the front, then more after them.
      window.copy(window, 0, start, end);
      end -= start;
      start = 0;
      await more();
      dateScan?.newWindow();
    }
    // The last record may end without a line break.
    if (start < end) {
      const rest = Buffer.concat([window.subarray(start, end), Buffer.from('\n')]);
      dateScan?.newWindow();
      eachRow(rest, 0, rest.length, delimiterByte, marks, (from, to, at) => record(rest, from, to, at), lines);
    }
    return column === undefined ? NONE : runs.scattered;
  } finally {
    await file.close();
  }
}

/** An engine that can gather the lines of some entries before charging them (Estimator, Comparer). */
export interface EntryGatherer {
  gatherEntries(entries: ReadonlySet<string>): void;
  push(item: LineItem): unknown;
  settleGathered(): void;
  refuseScatteredEntries(): void;
}

/**
 * Readies `engine` for the input's order before the pass that writes: the lines of `scattered` entries are
 * read and computed once first (every other row is only read), so their fees are settled on all their lines;
 * input read once refuses an entry's lines that come again instead.
 */
export async function settleScattered(input: InputSource, reader: ReaderOptions, scattered: ReadonlySet<string>, engine: EntryGatherer, progress: NodeJS.WritableStream & { isTTY?: boolean } = SILENT): Promise<void> {
  if (!input.rereadable) return engine.refuseScatteredEntries();
  if (scattered.size === 0) return;
  engine.gatherEntries(scattered);
  // Rejections and a fatal error are the writing pass's to report; this one reads the same rows.
  await streamLines(input, reader, progress, {
    item: (item) => {
      if (scattered.has(item.entry)) engine.push(item);
    },
    rejected: () => undefined,
    afterBatch: async () => undefined,
  });
  engine.settleGathered();
}

/** The run's scattered entries; with --debug, says which when the file then runs on one thread instead of several. */
export async function scatteredEntriesOf(run: JobsRequest & { trace?: (message: string) => void }, reader: ReaderOptions, input: InputSource, dates?: SlashDateEvidence): Promise<ReadonlySet<string>> {
  const scattered = await scatteredEntries(input, reader, dates);
  if (scattered.size > 0 && workerThreads(run) > 1) {
    const shown = [...scattered].slice(0, 5).join(', ');
    const more = scattered.size > 5 ? ` and ${scattered.size - 5} more` : '';
    run.trace?.(`entries ${shown}${more} have lines apart in the file: their lines are gathered first (one more pass), and the file is computed on one thread`);
  }
  return scattered;
}
