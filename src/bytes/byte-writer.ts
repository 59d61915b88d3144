/**
 * Output written straight into UTF-8 bytes, in pieces of their own memory that a stream can write or a
 * worker thread can hand over without a copy. A CSV row of a large run is mostly numbers and text the tool
 * has written before: digits go in without becoming strings, and repeated text is copied as bytes, so
 * rendering allocates next to nothing (building rows as strings cost a third of a run, half of it in the
 * collector, and encoding them another tenth).
 */
import { PIECE_BYTES, type PiecePool } from './piece-pool.js';

const NONE = Buffer.alloc(0);

/** Longer strings go through the native encoder; below this a loop is faster than the call. */
const NATIVE_FROM = 96;

export class ByteWriter {
  /** The piece being written (none until the first write after a take). */
  private buf: Buffer = NONE;
  private pos = 0;
  private pieces: Uint8Array[] = [];
  /** Bytes in finished pieces. */
  private finished = 0;

  private readonly pieceBytes: number;

  /** Pieces come from `pool` (of PIECE_BYTES) when given, else of `pieceBytes` each. */
  constructor(
    private readonly pool?: PiecePool,
    pieceBytes = PIECE_BYTES,
  ) {
    this.pieceBytes = pool ? PIECE_BYTES : pieceBytes;
  }

  private fresh(atLeast: number): Buffer {
    return this.pool && atLeast <= PIECE_BYTES ? this.pool.take() : Buffer.allocUnsafeSlow(Math.max(this.pieceBytes, atLeast));
  }

  /** Bytes written and not yet taken. */
  get length(): number {
    return this.finished + this.pos;
  }

  private room(n: number): void {
    if (this.pos + n > this.buf.length) this.cut(n);
  }

  private cut(atLeast: number): void {
    this.finish();
    this.buf = this.fresh(atLeast);
  }

  /** Ends the piece being written, if anything was written in it. */
  private finish(): void {
    if (this.pos === 0) return;
    this.pieces.push(this.buf.subarray(0, this.pos));
    this.finished += this.pos;
    this.buf = NONE;
    this.pos = 0;
  }

  /** Any text, as UTF-8. */
  text(s: string): void {
    const n = s.length;
    if (n >= NATIVE_FROM) return this.native(s);
    this.room(n);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.pos = p;
        return this.native(s.slice(i));
      }
      b[p++] = c;
    }
    this.pos = p;
  }

  private native(s: string): void {
    const most = s.length * 3;
    if (most > this.pieceBytes) {
      // A long text (a JSON or HTML chunk) becomes a piece of its own.
      const encoded = Buffer.from(s, 'utf8');
      this.finish();
      this.pieces.push(encoded.byteLength === encoded.buffer.byteLength ? encoded : new Uint8Array(encoded));
      this.finished += encoded.byteLength;
      return;
    }
    this.room(most);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** Bytes encoded before (text written on every row, kept encoded). */
  bytes(u: Uint8Array): void {
    const n = u.length;
    this.room(n);
    if (n > 32) this.buf.set(u, this.pos);
    else for (let i = 0; i < n; i++) this.buf[this.pos + i] = u[i]!;
    this.pos += n;
  }

  /** Bytes that become a piece of their own, without a copy (output a worker thread encoded). */
  piece(u: Uint8Array): void {
    if (u.length === 0) return;
    this.finish();
    this.pieces.push(u);
    this.finished += u.length;
  }

  /** One ASCII character by its code. */
  char(code: number): void {
    this.room(1);
    this.buf[this.pos++] = code;
  }

  /** A non-negative safe integer in decimal. */
  uint(n: number): void {
    this.room(16);
    if (n < 10) {
      this.buf[this.pos++] = 48 + n;
      return;
    }
    let digits = 1;
    for (let t = n; t >= 10; t = Math.floor(t / 10)) digits += 1;
    let p = this.pos + digits;
    this.pos = p;
    const b = this.buf;
    while (n >= 10) {
      const q = Math.floor(n / 10);
      b[--p] = 48 + (n - q * 10);
      n = q;
    }
    b[--p] = 48 + n;
  }

  /** A comma, then the amount: the next cell of a CSV row. */
  nextCents(cents: number): void {
    this.char(44);
    this.cents(cents);
  }

  /** Integer cents as "1234.56" (a minus sign when negative), as formatCents writes them. */
  cents(cents: number): void {
    if (!Number.isSafeInteger(cents)) throw new RangeError(`${cents} is not a whole number of cents`);
    if (cents < 0) {
      this.char(45);
      cents = -cents;
    }
    const frac = cents % 100;
    this.uint((cents - frac) / 100);
    this.room(3);
    const b = this.buf;
    b[this.pos] = 46;
    b[this.pos + 1] = 48 + Math.floor(frac / 10);
    b[this.pos + 2] = 48 + (frac % 10);
    this.pos += 3;
  }

  /** Everything written since the last take, in order; the writer starts afresh. */
  take(): Uint8Array[] {
    this.finish();
    const out = this.pieces;
    this.pieces = [];
    this.finished = 0;
    return out;
  }

  /** Gives the piece not yet written into back to the pool (the writer is done with). */
  release(): void {
    if (this.buf !== NONE && this.pos === 0) this.pool?.give(this.buf);
    this.buf = NONE;
  }
}

/** Text as UTF-8 bytes, to be written many times. */
export function encoded(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'utf8'));
}

/** What `write` writes, as a string (for callers that want text, e.g. a test or a small file). */
export function writtenText(write: (w: ByteWriter) => void): string {
  const w = new ByteWriter();
  write(w);
  return Buffer.concat(w.take()).toString('utf8');
}
