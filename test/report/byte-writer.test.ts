import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../src/report/byte-writer.js';
import { UserCellCache, writeTextCell, writeUserCell } from '../../src/report/csv-bytes.js';
import { csvCell, neutralizeFormula } from '../../src/report/csv-cell.js';
import { formatCents } from '../../src/money/decimal.js';

type Op = { kind: 'text'; s: string } | { kind: 'cents'; n: number } | { kind: 'uint'; n: number } | { kind: 'char'; c: number } | { kind: 'piece'; s: string } | { kind: 'take' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), s: fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: fc.constantFrom('a', ',', 'é', 'Ö', '¢', '\u00a0', '€', '😀') }), fc.string({ minLength: 90, maxLength: 400, unit: 'binary' })) }),
  fc.record({ kind: fc.constant('cents' as const), n: fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.maxSafeInteger().map((n) => -n), fc.integer({ min: -999, max: 999 })) }),
  fc.record({ kind: fc.constant('uint' as const), n: fc.oneof(fc.nat(), fc.maxSafeNat(), fc.integer({ min: 0, max: 99 })) }),
  fc.record({ kind: fc.constant('char' as const), c: fc.integer({ min: 32, max: 126 }) }),
  fc.record({ kind: fc.constant('piece' as const), s: fc.string() }),
  fc.constant({ kind: 'take' as const }),
);

function expected(o: Op): string {
  switch (o.kind) {
    case 'text':
    case 'piece':
      return o.s;
    case 'cents':
      return formatCents(o.n);
    case 'uint':
      return String(o.n);
    case 'char':
      return String.fromCharCode(o.c);
    case 'take':
      return '';
  }
}

describe('ByteWriter', () => {
  it('writes exactly the UTF-8 of the text, the numbers as formatCents and String write them, in order, across pieces', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.integer({ min: 8, max: 256 }), (ops, pieceBytes) => {
        const w = new ByteWriter(pieceBytes);
        const taken: Uint8Array[] = [];
        for (const o of ops) {
          if (o.kind === 'text') w.text(o.s);
          else if (o.kind === 'cents') w.cents(o.n);
          else if (o.kind === 'uint') w.uint(o.n);
          else if (o.kind === 'char') w.char(o.c);
          else if (o.kind === 'piece') w.piece(new Uint8Array(Buffer.from(o.s, 'utf8')));
          else taken.push(...w.take());
        }
        taken.push(...w.take());
        expect(Buffer.concat(taken).toString('utf8')).toBe(ops.map(expected).join(''));
        // Each piece has memory of its own, so it can be handed to another thread.
        expect(new Set(taken.map((p) => p.buffer)).size).toBe(taken.length);
      }),
    );
  });

  it('writes cells as csvCell and neutralizeFormula make them', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('=SUM(A1)', '-5', '-5 units', '+1', '@x', 'a,b', 'say "hi"', 'two\nlines', '')), { maxLength: 20 }), (cells) => {
        const w = new ByteWriter(64);
        const cache = new UserCellCache();
        for (const c of cells) {
          writeUserCell(w, c);
          w.char(124);
          writeTextCell(w, c);
          w.char(124);
          cache.write(w, c);
          w.char(124);
        }
        const want = cells.map((c) => `${csvCell(neutralizeFormula(c))}|${csvCell(c)}|${csvCell(neutralizeFormula(c))}|`).join('');
        expect(Buffer.concat(w.take()).toString('utf8')).toBe(want);
      }),
    );
  });
});
