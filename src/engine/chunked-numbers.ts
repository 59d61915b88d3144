/**
 * Numbers by ordinal in typed arrays of fixed-size chunks: a table that grows with the file takes what it
 * holds plus at most one chunk, and growing copies at most one chunk (a single doubled array holds up to
 * twice what it needs, and three times while it is copied). The first chunk starts small and doubles, so
 * the many short-lived tables of small parts of a file stay small.
 */
const CHUNK_BITS = 13;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;
const FIRST = 64;

type NumberArray = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

export class ChunkedNumbers<A extends NumberArray> {
  private readonly chunks: A[] = [];

  constructor(private readonly make: (length: number) => A) {}

  /** The number at `n`, 0 where none was set. */
  get(n: number): number {
    const chunk = this.chunks[n >>> CHUNK_BITS];
    const i = n & MASK;
    return chunk === undefined || i >= chunk.length ? 0 : chunk[i]!;
  }

  set(n: number, value: number): void {
    const c = n >>> CHUNK_BITS;
    const i = n & MASK;
    let chunk = this.chunks[c];
    if (chunk === undefined || i >= chunk.length) chunk = this.grow(c, i);
    chunk[i] = value;
  }

  /** Makes chunk `c` long enough for index `i`, and every chunk before it whole. */
  private grow(c: number, i: number): A {
    for (let k = 0; k < c; k++) this.resize(k, CHUNK);
    let length = this.chunks[c]?.length ?? FIRST;
    while (length <= i) length *= 2;
    return this.resize(c, Math.min(length, CHUNK));
  }

  private resize(c: number, length: number): A {
    const old = this.chunks[c];
    if (old !== undefined && old.length >= length) return old;
    const chunk = this.make(length);
    if (old !== undefined) chunk.set(old);
    this.chunks[c] = chunk;
    return chunk;
  }
}

/** Marks a number kept in `ChunkedWholeNumbers.large`. */
const LARGE = 0xffffffff;

/**
 * Numbers by ordinal, four bytes each when they are whole and below 2^32 - 1 (amounts in cents or whole
 * dollars of one entry, in practice always); any other number is kept exactly in a map.
 */
export class ChunkedWholeNumbers {
  private readonly small = new ChunkedNumbers((n) => new Uint32Array(n));
  private readonly large = new Map<number, number>();

  get(n: number): number {
    const v = this.small.get(n);
    return v === LARGE ? this.large.get(n)! : v;
  }

  set(n: number, value: number): void {
    if (Number.isInteger(value) && value >= 0 && value < LARGE) {
      this.small.set(n, value);
      this.large.delete(n);
    } else {
      this.small.set(n, LARGE);
      this.large.set(n, value);
    }
  }
}
