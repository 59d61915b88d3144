import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordMarks, scanRecords } from '../../src/input/record-scanner.js';
import { eachRow } from '../../src/input/row-spans.js';

/** The rows scanRecords marks in `bytes` (blank lines left out) and where the first open record starts. */
function scannedRows(bytes: Buffer): { rows: Array<[number, number]>; open: number } {
  const marks = new RecordMarks();
  scanRecords(bytes, 44, marks);
  const rows: Array<[number, number]> = [];
  for (let r = 0; r < marks.count; r++) if (marks.rows[r] !== (r === 0 ? 0 : marks.rows[r - 1])) rows.push([marks.start(r), marks.ends[r]!]);
  return { rows, open: marks.count === 0 ? 0 : marks.ends[marks.count - 1]! };
}

function rowsOf(bytes: Buffer, from: number, to: number): { rows: Array<[number, number]>; open: number } {
  const rows: Array<[number, number]> = [];
  const open = eachRow(bytes, from, to, 44, new RecordMarks(), (start, stop) => rows.push([start, stop]));
  return { rows, open };
}

describe('row spans', () => {
  it('finds the rows the record scanner finds, for any text of quotes, commas, CR, LF and CRLF', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('E1', 'é', ',', '"', '\n', '\r', '\r\n', '\n\n', ''), { maxLength: 80 }), (pieces) => {
        const bytes = Buffer.from(pieces.join(''), 'utf8');
        expect(rowsOf(bytes, 0, bytes.length)).toEqual(scannedRows(bytes));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads no byte at or after `to` (the rest of a reused window) and starts at `from`', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', ',', '"', '\n', '\r\n', '\r'), { maxLength: 60 }), fc.nat(), fc.constantFrom('\n', '"', '\r', 'x'), (pieces, cut, junk) => {
        const text = pieces.join('');
        const to = cut % (text.length + 1);
        const bytes = Buffer.from(`h\n${text.slice(0, to)}${junk.repeat(5)}`, 'utf8');
        const expected = scannedRows(Buffer.from(text.slice(0, to), 'utf8'));
        const got = rowsOf(bytes, 2, 2 + to);
        expect({ rows: got.rows.map(([a, b]) => [a - 2, b - 2]), open: got.open - 2 }).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('passes over lines without quotes a native search at a time, and scans a quoted record spanning lines as one row', () => {
    const text = 'E1,a\r\nE1,b\n\r\n\nE2,"x\ny"\nE3,c\rE4,d\n';
    const bytes = Buffer.from(text);
    const { rows, open } = rowsOf(bytes, 0, bytes.length);
    expect(rows.map(([a, b]) => text.slice(a, b))).toEqual(['E1,a\r\n', 'E1,b\n', 'E2,"x\ny"\n', 'E3,c\r', 'E4,d\n']);
    expect(open).toBe(bytes.length);
  });
});
