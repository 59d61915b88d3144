/**
 * The data rows of CSV bytes, found as scanRecords finds them but at the speed of a native line search
 * where it can be: in bytes with no quote and no CR but in CRLF, a record is a line ending in LF and a blank
 * line is an empty one, so Buffer.indexOf finds each end (several times faster than a loop in JavaScript over every
 * byte). Only from the start of a record holding a quote or a CR are the bytes scanned by scanRecords, a
 * slice at a time, until the next stretch without either.
 */
import { RecordMarks, scanRecords } from './record-scanner.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;
/** Bytes given to scanRecords at once after a quote or a CR: records with quotes cost their scan, not the window's. */
const SCANNED_BYTES = 1 << 16;

/** Where `byte` next is in view at or after `from`; view.length when nowhere. */
function nextOf(view: Buffer, byte: number, from: number): number {
  const i = view.indexOf(byte, from);
  return i < 0 ? view.length : i;
}

/** Lines of the file consumed so far: a record's first line is the count before it plus one. */
export interface LineCount {
  n: number;
}

/**
 * Calls `row(start, stop, line)` for every complete record in bytes[from, to) that is not a blank line, stop
 * being just after its line break and line the file line it starts on (counted in `lines`, blank lines and
 * line breaks inside quotes included); `from` must be the start of a record. Returns where the first record
 * not yet complete starts (`to` when none is open).
 */
export function eachRow(bytes: Buffer, from: number, to: number, delimiter: number, marks: RecordMarks, row: (start: number, stop: number, line: number) => void, lines: LineCount = { n: 0 }): number {
  const view = bytes.subarray(0, to);
  let pos = from;
  let quote = nextOf(view, QUOTE, pos);
  // The next CR not yet passed: one just before an LF is part of that line break (CRLF).
  let cr = nextOf(view, CR, pos);
  for (;;) {
    for (;;) {
      const lf = view.indexOf(LF, pos);
      if (lf < 0 || lf > quote || cr < lf - 1) break;
      const crlf = cr === lf - 1;
      if ((crlf ? lf - 1 : lf) > pos) row(pos, lf + 1, lines.n + 1);
      lines.n += 1;
      pos = lf + 1;
      if (crlf) cr = nextOf(view, CR, pos);
    }
    if (quote === to && cr === to) return pos;
    // pos starts the record holding the quote or a CR alone: scanned, from there, as the record scanner reads it.
    const rest = view.subarray(pos);
    scanRecords(rest, delimiter, marks, Math.min(rest.length, SCANNED_BYTES));
    if (marks.count === 0 && rest.length > SCANNED_BYTES) scanRecords(rest, delimiter, marks);
    if (marks.count === 0) return pos;
    for (let r = 0; r < marks.count; r++) {
      if (marks.rows[r] !== (r === 0 ? 0 : marks.rows[r - 1])) row(pos + marks.start(r), pos + marks.ends[r]!, lines.n + (r === 0 ? 0 : marks.lines[r - 1]!) + 1);
    }
    lines.n += marks.lines[marks.count - 1]!;
    pos += marks.ends[marks.count - 1]!;
    if (quote < pos) quote = nextOf(view, QUOTE, pos);
    if (cr < pos) cr = nextOf(view, CR, pos);
  }
}
