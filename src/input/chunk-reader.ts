/**
 * Reads one part of a line-item file that was cut at record boundaries after its header, given where the
 * part starts (physical line, data-row number): the same lines and rejections, numbered the same, as the
 * streaming reader gives for those rows. Worker threads read their parts of a large file with it.
 */
import { CsvTokenizer } from './csv-tokenizer.js';
import type { RecordProblem } from './record-end.js';
import type { HeaderReport } from './header.js';
import { rowContextFor, type FatalInputError, type ReaderOptions } from './read-line-items.js';
import type { RowContext } from './row-to-item.js';
import { ByteKeepingDecoder } from './kept-bytes.js';
import { lineRowEvent, rejectedRow, unreadableRecord, type RowEvent } from './row-events.js';

export interface FilePart {
  bytes: Uint8Array;
  /** Physical line number of the first byte. */
  firstLine: number;
  /** Data rows before this part (the first data row of the file is row 1). */
  rowsBefore: number;
  /** The bytes a slice at a time, for a part too large to hold (one record too long to read); `bytes` is then empty. */
  slices?: Iterable<Uint8Array>;
}

export interface PartRead {
  /** Data rows read (blank lines are not rows). */
  rows: number;
  /** Physical line number after the part. */
  nextLine: number;
  fatal?: FatalInputError;
}

const SLICE_BYTES = 1 << 14;

/**
 * Decoded a slice at a time, as the streaming reader reads: the text of a whole part held while its lines
 * are computed outlives the young generation (measured: the worker heaps doubled).
 */
function* slicesOf(bytes: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += SLICE_BYTES) yield bytes.subarray(at, Math.min(bytes.length, at + SLICE_BYTES));
}

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
    const decoder = new ByteKeepingDecoder();
    const tokenizer = new CsvTokenizer(this.delimiter, part.firstLine, false);
    let rows = part.rowsBefore;
    const file = this.options.file;
    const onRecord = (fields: string[], sourceLine: number): void => {
      rows += 1;
      const ev = lineRowEvent(fields, sourceLine, rows, this.ctx, file, decoder.seen);
      // A part is read only after the first pass settled the order of the file's dates; still, never a guess.
      emit(ev.kind === 'stop' ? rejectedRow(file, sourceLine, fields, `${ev.reason} whose order is not known: give --date-format MDY, DMY or YMD`) : ev);
    };
    const onProblem = (p: RecordProblem): void => {
      rows += 1;
      emit(unreadableRecord(file, p));
    };
    for (const slice of part.slices ?? slicesOf(part.bytes)) tokenizer.push(decoder.decode(slice), onRecord, onProblem);
    const tail = decoder.end();
    if (tail.length > 0) tokenizer.push(tail, onRecord, onProblem);
    tokenizer.end(onRecord, onProblem);
    return { rows: rows - part.rowsBefore, nextLine: tokenizer.nextLine };
  }
}
