import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer } from '../../src/input/csv-tokenizer.js';
import { RecordEnd } from '../../src/input/record-end.js';
import { RecordMarks, scanRecords } from '../../src/input/record-scanner.js';

/** Records (not blank lines) and the next line number as the tokenizer reads `text`, as the end of the input or not. */
function tokenized(text: string, final = false): { rows: number; nextLine: number } {
  const t = new CsvTokenizer(',', 1, false);
  let rows = 0;
  t.push(text, () => (rows += 1));
  if (final) t.end(() => (rows += 1));
  return { rows, nextLine: t.nextLine };
}

function scanned(text: string): RecordMarks {
  const marks = new RecordMarks();
  scanRecords(Buffer.from(text, 'utf8'), 44, marks);
  return marks;
}

describe('record scanner', () => {
  it('finds record ends, lines and rows as the tokenizer does on quoted line breaks, "" escapes, CR, CRLF and blank lines', () => {
    const text = 'a,"x\ny",b\r\n\n""\n"q""r"tail,z\rlast,"open';
    const m = scanned(text);
    expect(m.count).toBe(4);
    expect([...m.rows.subarray(0, m.count)]).toEqual([1, 1, 1, 2]);
    expect([...m.lines.subarray(0, m.count)]).toEqual([2, 3, 4, 5]);
    expect(m.ends[m.count - 1]).toBe(text.indexOf('last,"open'));
    expect(tokenized(text)).toEqual({ rows: 2, nextLine: 6 });
  });

  it('agrees with the tokenizer on every prefix that ends a record, for any text of quotes, commas and line breaks', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'é', ',', '"', '\n', '\r', '\r\n', ''), { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        const m = scanned(text);
        const bytes = Buffer.from(text, 'utf8');
        const whole = tokenized(text);
        const rowsAtEnd = m.count === 0 ? 0 : m.rows[m.count - 1]!;
        const linesAtEnd = m.count === 0 ? 0 : m.lines[m.count - 1]!;
        expect({ rows: rowsAtEnd, nextLine: 1 + linesAtEnd }).toEqual(whole);
        for (let i = 0; i < m.count; i++) {
          const prefix = bytes.subarray(0, m.ends[i]).toString('utf8');
          expect(tokenized(prefix, true)).toEqual({ rows: m.rows[i], nextLine: 1 + m.lines[i]! });
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('finds where the first record ends as the scanner does, fed in two pieces split anywhere (RecordEnd)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'é', ',', '"', '\n', '\r', '\r\n', ''), { maxLength: 60 }), fc.nat(), (pieces, cut) => {
        const bytes = Buffer.from(pieces.join(''), 'utf8');
        const m = scanned(pieces.join(''));
        fc.pre(m.count > 0);
        const at = cut % (bytes.length + 1);
        const finder = new RecordEnd(44);
        let end = finder.find((i) => bytes[i]!, 0, at);
        if (end < 0) end = finder.find((i) => bytes[i]!, at, bytes.length);
        expect({ end, lines: finder.lines }).toEqual({ end: m.ends[0], lines: m.lines[0] });
      }),
      { numRuns: 2000 },
    );
  });
});
