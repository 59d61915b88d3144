/**
 * Finds where the records of CSV bytes end without building their fields, by the same rules as
 * CsvTokenizer (quotes only at the start of a field, "" inside quotes, text after a closing quote kept,
 * CR, LF or CRLF ends a record, blank lines are not rows), and counts the physical lines and data rows up
 * to each end: enough to cut a file into parts that read exactly as the whole file does.
 */

import { MAX_RECORD_LENGTH } from './record-end.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** The complete records found by a scan, in order. */
export class RecordMarks {
  count = 0;
  /** Offset just after each record's line break. */
  ends: Int32Array = new Int32Array(1024);
  /** Physical lines from the scan's start to the end of each record. */
  lines: Int32Array = new Int32Array(1024);
  /** Data rows (records that are not blank lines) from the scan's start up to each record, inclusive. */
  rows: Int32Array = new Int32Array(1024);
  /**
   * The scan stopped at a record longer than MAX_RECORD_LENGTH bytes, just after the last one marked: it
   * cannot be held, only passed over (see RecordEnd).
   */
  long = false;

  start(i: number): number {
    return i === 0 ? 0 : this.ends[i - 1]!;
  }

  push(end: number, lines: number, rows: number): void {
    if (this.count === this.ends.length) {
      const grow = (a: Int32Array): Int32Array => {
        const next = new Int32Array(a.length * 2);
        next.set(a);
        return next;
      };
      this.ends = grow(this.ends);
      this.lines = grow(this.lines);
      this.rows = grow(this.rows);
    }
    this.ends[this.count] = end;
    this.lines[this.count] = lines;
    this.rows[this.count] = rows;
    this.count += 1;
  }
}

/**
 * Scans `bytes` from offset 0, which must be the start of a record, and fills `marks` with every record
 * that ends in a line break within the bytes. A record still open at the end (no line break yet, or an open
 * quote) is not marked: it is waiting for more bytes.
 */
export function scanRecords(bytes: Uint8Array, delimiter: number, marks: RecordMarks, limit = bytes.length): void {
  marks.count = 0;
  marks.long = false;
  let pos = 0;
  let lines = 0;
  let rows = 0;
  while (pos < limit) {
    // Scanned no further than a record may be long: a longer one is seen as such in bounded time.
    const n = Math.min(limit, pos + MAX_RECORD_LENGTH);
    let i = pos;
    let recordLines = 0;
    // A record is a blank line when it is one empty field: no delimiter and no text, quoted or not.
    let content = false;
    let complete = false;
    for (;;) {
      if (i < n && bytes[i] === QUOTE) {
        let j = i + 1;
        let closed = false;
        while (j < n) {
          const c = bytes[j]!;
          if (c === QUOTE) {
            if (j + 1 < n && bytes[j + 1] === QUOTE) {
              content = true;
              j += 2;
              continue;
            }
            if (j + 1 === n) break; // may be the first of "" in bytes not read yet
            closed = true;
            j += 1;
            break;
          }
          if (c === LF) recordLines += 1;
          content = true;
          j += 1;
        }
        if (!closed) return markLong(marks, n < limit);
        i = j;
      }
      while (i < n) {
        const c = bytes[i]!;
        if (c === delimiter || c === LF || c === CR) break;
        content = true;
        i += 1;
      }
      if (i >= n) return markLong(marks, n < limit);
      const c = bytes[i]!;
      if (c === delimiter) {
        content = true;
        i += 1;
        continue;
      }
      if (c === CR) {
        if (i + 1 >= n) return markLong(marks, n < limit); // a CRLF may be split
        if (bytes[i + 1] === LF) i += 1;
      }
      i += 1;
      recordLines += 1;
      complete = true;
      break;
    }
    if (!complete) return markLong(marks, n < limit);
    lines += recordLines;
    if (content) rows += 1;
    pos = i;
    marks.push(pos, lines, rows);
  }
}

function markLong(marks: RecordMarks, long: boolean): void {
  marks.long = long;
}
