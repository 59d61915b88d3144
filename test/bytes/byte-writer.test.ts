import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../src/bytes/byte-writer.js';
import { UserCellCache, writeTextCell, writeUserCell } from '../../src/report/csv-bytes.js';
import { PIECE_BYTES, PiecePool, SharedPieces } from '../../src/bytes/piece-pool.js';
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
        const w = new ByteWriter(undefined, pieceBytes);
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
        const w = new ByteWriter(undefined, 64);
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

describe('PiecePool and SharedPieces', () => {
  it('writes into shared slots while there are free ones, then into memory of its own; slots freed when written are used again', () => {
    const ring = SharedPieces.create(4);
    const worker = new PiecePool(new SharedPieces(ring.memory, ring.shared.states));
    const main = new PiecePool();
    main.adopt(ring);
    const w = new ByteWriter(worker);
    // Six pieces' worth, 64 characters at a time: a piece is cut when the next write does not fit.
    const text = 'x'.repeat(64);
    for (let i = 0; i < (6 * PIECE_BYTES) / 64; i++) w.bytes(Buffer.from(text));
    const pieces = w.take();
    w.release();
    expect(pieces.length).toBe(6);
    expect(pieces.filter((p) => p.buffer instanceof SharedArrayBuffer).length).toBe(4);
    // As the main thread receives them: each message brings its own SharedArrayBuffer object for the ring.
    const received = pieces.map((p) => ring.own(p.buffer instanceof SharedArrayBuffer ? new Uint8Array(structuredClone(p.buffer) as SharedArrayBuffer, p.byteOffset, p.byteLength) : p));
    expect(ring.take()).toBeUndefined();
    for (const p of received) main.give(p);
    expect(Array.from(ring.states)).toEqual([0, 0, 0, 0]);
    const again = new ByteWriter(worker);
    again.text('y');
    expect(again.take()[0]!.buffer).toBe(ring.memory);
  });

  it('gives back the slot a writer took but did not write in', () => {
    const ring = SharedPieces.create(1);
    const pool = new PiecePool(ring);
    const w = new ByteWriter(pool);
    w.text('a');
    const [piece] = w.take();
    pool.give(piece!);
    w.text('b');
    w.take();
    expect(ring.take()).toBeUndefined();
    const idle = new ByteWriter(pool);
    idle.release();
    expect(Array.from(ring.states)).toEqual([1]);
  });
});
