/**
 * Reads one part of a line-item file that was cut at record boundaries after its header, given where the
 * part starts (physical line, data-row number): the same lines and rejections, numbered the same, as the
 * streaming reader gives for those rows. Worker threads read their parts of a large file with it.
 */
import { CsvTokenizer, UnclosedQuoteError } from './csv-tokenizer.js';
import type { HeaderReport } from './header.js';
import { rowContextFor, unclosedQuote, type FatalInputError, type ReaderOptions } from './read-line-items.js';
import type { RowContext } from './row-to-item.js';
import { ByteKeepingDecoder } from './kept-bytes.js';
import { lineRowEvent, type RowEvent } from './row-events.js';

export interface FilePart {
  bytes: Uint8Array;
  /** Physical line number of the first byte. */
  firstLine: number;
  /** Data rows before this part (the first data row of the file is row 1). */
  rowsBefore: number;
}

export interface PartRead {
  /** Data rows read (blank lines are not rows). */
  rows: number;
  /** Physical line number after the part. */
  nextLine: number;
  fatal?: FatalInputError;
}

const SLICE_BYTES = 1 << 14;

export class ChunkReader {
  private readonly ctx: RowContext;

  constructor(
    header: HeaderReport,
    private readonly delimiter: string,
    private readonly options: ReaderOptions,
  ) {
    this.ctx = rowContextFor(header, options);
  }

  get file(): string {
    return this.options.file;
  }

  read(part: FilePart, emit: (ev: RowEvent) => void): PartRead {
    const bytes = part.bytes;
    const decoder = new ByteKeepingDecoder();
    const tokenizer = new CsvTokenizer(this.delimiter, part.firstLine, false);
    let rows = part.rowsBefore;
    const file = this.options.file;
    const onRecord = (fields: string[], sourceLine: number): void => {
      rows += 1;
      emit(lineRowEvent(fields, sourceLine, rows, this.ctx, file, decoder.seen));
    };
    try {
      // Decoded a slice at a time, as the streaming reader reads: the text of a whole part held while its
      // lines are computed outlives the young generation (measured: the worker heaps doubled).
      for (let at = 0; at < bytes.length; at += SLICE_BYTES) {
        const slice = bytes.subarray(at, Math.min(bytes.length, at + SLICE_BYTES));
        tokenizer.push(decoder.decode(slice), onRecord);
      }
      const tail = decoder.end();
      if (tail.length > 0) tokenizer.push(tail, onRecord);
      tokenizer.end(onRecord);
    } catch (e) {
      if (!(e instanceof UnclosedQuoteError)) throw e;
      return { rows: rows - part.rowsBefore, nextLine: tokenizer.nextLine, fatal: unclosedQuote(file, e) };
    }
    return { rows: rows - part.rowsBefore, nextLine: tokenizer.nextLine };
  }
}
