import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FileParts, type ByteSource, type NumberedPart } from '../../src/input/file-parts.js';
import { CsvTokenizer } from '../../src/input/csv-tokenizer.js';

/** The text as a file read at most `size` bytes at a time. */
function source(text: string, size: number): ByteSource {
  const bytes = Buffer.from(text, 'utf8');
  let at = 0;
  return {
    read: async (into, offset, length) => {
      const n = Math.min(size, length, bytes.length - at);
      into.set(bytes.subarray(at, at + n), offset);
      at += n;
      return n;
    },
  };
}

async function cut(text: string, partBytes: number, readSize: number): Promise<{ header: string; parts: NumberedPart[] }> {
  const fp = new FileParts(source(text, readSize), partBytes);
  const head = await fp.header();
  const parts: NumberedPart[] = [];
  const whole = Buffer.from(text, 'utf8');
  for await (const p of fp.parts((fields) => fields[0]!.trim() || '1')) {
    // A part's bytes are a view of FileParts' window, valid until the next part: they must be the file's at its offset.
    expect(Buffer.compare(p.bytes, whole.subarray(p.offset, p.offset + p.bytes.length))).toBe(0);
    parts.push({ ...p, bytes: Buffer.from(p.bytes) });
  }
  return { header: head!.bytes.toString('utf8'), parts };
}

/** Entries of the records of `text`, with each record's start line, as the tokenizer reads them. */
function records(text: string, firstLine = 1): Array<{ entry: string; line: number }> {
  const out: Array<{ entry: string; line: number }> = [];
  const t = new CsvTokenizer(',', firstLine, false);
  t.push(text, (f, line) => out.push({ entry: f[0]!.trim() || '1', line }));
  t.end((f, line) => out.push({ entry: f[0]!.trim() || '1', line }));
  return out;
}

const row = fc.record({ entry: fc.constantFrom('A', 'B', 'C', ' B', ''), text: fc.constantFrom('x', '"a,b"', '"two\nlines"', '"q""q"'), blankAfter: fc.boolean(), crlf: fc.boolean() });

describe('FileParts', () => {
  it('cuts only where the entry changes, keeps every byte, and numbers each part as the whole file reads', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 80 }), fc.integer({ min: 8, max: 200 }), fc.integer({ min: 1, max: 64 }), async (rows, partBytes, readSize) => {
        const text = `entry,text\n${rows.map((r) => `${r.entry},${r.text}${r.crlf ? '\r\n' : '\n'}${r.blankAfter ? '\n' : ''}`).join('')}`;
        const { header, parts } = await cut(text, partBytes, readSize);
        expect(header).toBe('entry,text\n');
        expect(Buffer.concat(parts.map((p) => p.bytes)).toString('utf8')).toBe(text.slice(header.length));
        const whole = records(text.slice(header.length), 2);
        let rowsBefore = 0;
        parts.forEach((p, k) => {
          const own = records(Buffer.from(p.bytes).toString('utf8'), p.firstLine);
          expect(p.rowsBefore).toBe(rowsBefore);
          expect(own).toEqual(whole.slice(rowsBefore, rowsBefore + own.length));
          rowsBefore += own.length;
          const next = whole[rowsBefore];
          if (k < parts.length - 1 && next && own.length > 0 && !p.insideEntry) expect(own[own.length - 1]!.entry).not.toBe(next.entry);
        });
        expect(rowsBefore).toBe(whole.length);
      }),
      { numRuns: 300 },
    );
  });

  it('cuts inside an entry, and says so, only when one entry runs past 16 parts', async () => {
    const text = `entry,text\n${'A,x\n'.repeat(3)}${'B,yyyyyyyy\n'.repeat(40)}C,z\n`;
    const { parts } = await cut(text, 16, 7);
    expect(parts.some((p) => p.insideEntry)).toBe(true);
    expect(Buffer.from(parts[0]!.bytes).toString('utf8')).toBe('A,x\n'.repeat(3));
  });
});
