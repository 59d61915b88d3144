/**
 * The memory output is written into, used again once written. Pieces that are dropped wait for the
 * collector, which frees memory outside the heap only now and then: a run that passed results between
 * threads in pieces of their own held 50 MB or more of written output that way. A thread gives a piece
 * back when its bytes have been written. A worker thread writes into slots of memory it shares with the
 * main thread (SharedPieces), which the main thread frees once it has written them, and only when all its
 * slots are taken into pieces of its own, sent over and left to the collector.
 */
export const PIECE_BYTES = 1 << 16;

/** Free pieces kept at most (more are left to the collector). */
const KEEP = 128;

const FREE = 0;
const TAKEN = 1;

/** Slots of memory shared by a worker thread, which writes into them, and the main thread, which frees them. */
export class SharedPieces {
  private next = 0;
  readonly states: Int32Array;

  constructor(
    readonly memory: SharedArrayBuffer,
    states: SharedArrayBuffer,
  ) {
    this.states = new Int32Array(states);
  }

  static create(slots: number): SharedPieces {
    return new SharedPieces(new SharedArrayBuffer(slots * PIECE_BYTES), new SharedArrayBuffer(slots * 4));
  }

  /** What to send to the worker thread. */
  get shared(): { memory: SharedArrayBuffer; states: SharedArrayBuffer } {
    return { memory: this.memory, states: this.states.buffer as SharedArrayBuffer };
  }

  /** A free slot, now taken; undefined when every slot is taken. */
  take(): Buffer | undefined {
    const n = this.states.length;
    for (let k = 0; k < n; k++) {
      const slot = (this.next + k) % n;
      if (Atomics.load(this.states, slot) === FREE) {
        Atomics.store(this.states, slot, TAKEN);
        this.next = (slot + 1) % n;
        return Buffer.from(this.memory, slot * PIECE_BYTES, PIECE_BYTES);
      }
    }
    return undefined;
  }

  /**
   * The piece as a view of this ring's memory: each message brings a SharedArrayBuffer object of its own
   * for the same memory, and the pool knows its rings by the object.
   */
  own(piece: Uint8Array): Uint8Array {
    return piece.buffer instanceof SharedArrayBuffer ? new Uint8Array(this.memory, piece.byteOffset, piece.byteLength) : piece;
  }

  /** Frees the slot a piece was written in. */
  release(piece: Uint8Array): void {
    Atomics.store(this.states, Math.floor(piece.byteOffset / PIECE_BYTES), FREE);
  }
}

export class PiecePool {
  private readonly free: ArrayBuffer[] = [];
  /** The slots of worker threads, whose pieces come back here to be freed once written. */
  private readonly rings = new Map<SharedArrayBuffer, SharedPieces>();

  /** `shared`: a worker thread's slots, written into first. */
  constructor(private readonly shared?: SharedPieces) {}

  /** A piece to write into (a new one when none is free). */
  take(): Buffer {
    const slot = this.shared?.take();
    if (slot) return slot;
    const b = this.free.pop();
    return b ? Buffer.from(b) : Buffer.allocUnsafeSlow(PIECE_BYTES);
  }

  /** Pieces written in `ring` come back to this pool to be freed. */
  adopt(ring: SharedPieces): void {
    this.rings.set(ring.memory, ring);
  }

  /** A piece whose bytes have been written; any other memory is left alone. */
  give(bytes: Uint8Array): void {
    const b = bytes.buffer;
    if (b instanceof SharedArrayBuffer) (b === this.shared?.memory ? this.shared : this.rings.get(b))?.release(bytes);
    else if (b.byteLength === PIECE_BYTES && bytes.byteOffset === 0 && this.free.length < KEEP) this.free.push(b);
  }
}
