/**
 * Where the line items come from: a file (which can be read twice) or standard input (once). An ES-003
 * export given as a file is first checked for ACE's entry/line order, so a re-sorted export is still
 * grouped correctly; a sorted one (the usual case) then streams in flat memory.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { es003Order } from '../input/es003-order.js';
import type { ReaderOptions } from '../input/read-line-items.js';

export interface InputSource {
  name: string;
  open(): Readable;
  /** False for standard input: it cannot be read a second time. */
  rereadable: boolean;
}

const READ_BYTES = 1 << 14;

export function openInput(input: string, stdin: Readable): InputSource {
  if (input === '-') return { name: '<stdin>', open: () => stdin, rereadable: false };
  // Reads of 16 KB: the lines of a read are held until all are computed, and 64 KB of them outlive the young
  // generation (measured on 243k lines: 12% less CPU and 45 MB less peak memory than 64 KB; 8 and 4 KB are slower).
  return { name: input, open: () => createReadStream(input, { highWaterMark: READ_BYTES }), rereadable: true };
}

/** The stream to read and the reader options for it, with the ES-003 order settled when it can be. */
export async function prepareRead(input: InputSource, reader: ReaderOptions): Promise<{ source: Readable; reader: ReaderOptions }> {
  if (input.rereadable && reader.layout !== 'lines') {
    const lookAhead = input.open();
    try {
      const order = await es003Order(lookAhead, reader);
      if (order === 'unsorted') return { source: input.open(), reader: { ...reader, es003Order: 'unsorted' } };
    } finally {
      lookAhead.destroy();
    }
  }
  return { source: input.open(), reader };
}
