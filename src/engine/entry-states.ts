/**
 * What must be remembered of every entry of a file, in case its lines appear again further down: the
 * date its fees use, whether brokerage was charged, and per entry fee the base and amount charged so far.
 * This is the only state that grows with the file, so none of it is kept as objects on the JavaScript heap
 * (a Map of the ids took 60 to 100 bytes an entry there, and the heap the collector sized around it grew
 * with the file): ids are kept as bytes in a hash table of typed arrays, states in typed arrays by the
 * entry's ordinal, about 25 bytes an entry for the index and 11 a schedule.
 */
import { ChunkedNumbers, ChunkedWholeNumbers } from './chunked-numbers.js';

/** Ids kept as bytes: up to this many characters, each one byte (Latin-1); others are kept in a map. */
const MAX_BYTES = 255;
const ARENA_BITS = 16;
const ARENA = 1 << ARENA_BITS;
const FIRST_ARENA = 1024;
const FIRST_SLOTS = 64;

function byteSized(id: string): boolean {
  if (id.length === 0 || id.length > MAX_BYTES) return false;
  for (let i = 0; i < id.length; i++) if (id.charCodeAt(i) > 0xff) return false;
  return true;
}

/** FNV-1a over the characters (equal to the bytes an id is kept as). */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Entry id -> ordinal, the ordinals given in the order ids are first seen. One index serves every schedule
 * of a comparison (each keeps its own fee state by the same ordinals).
 */
export class EntryIndex {
  private count = 0;
  /** The ids' bytes: chunks of ARENA bytes (the first starts smaller and grows), no id across two. */
  private readonly arena: Uint8Array[] = [new Uint8Array(FIRST_ARENA)];
  private arenaEnd = 0;
  /** Per ordinal: where its bytes start in the arena, and how many (0: the id is in `others`). */
  private readonly starts = new ChunkedNumbers((n) => new Int32Array(n));
  private readonly lengths = new ChunkedNumbers((n) => new Uint8Array(n));
  /** Open addressing, linear probing: ordinal + 1 of the id kept there, 0 for a free slot. */
  private slots = new Int32Array(FIRST_SLOTS);
  private slotsUsed = 0;
  /** Ids that are not kept as bytes (long, empty, or with characters beyond Latin-1): rare. */
  private readonly others = new Map<string, number>();
  private readonly otherIds = new Map<number, string>();

  get size(): number {
    return this.count;
  }

  has(entry: string): boolean {
    return this.find(entry) >= 0;
  }

  /** Entry ids in the order first seen. */
  *ids(): IterableIterator<string> {
    for (let n = 0; n < this.count; n++) yield this.idOf(n);
  }

  /** The entry's ordinal, -1 when it has none. */
  find(entry: string): number {
    if (!byteSized(entry)) return this.others.get(entry) ?? -1;
    const mask = this.slots.length - 1;
    for (let i = hashOf(entry) & mask; ; i = (i + 1) & mask) {
      const s = this.slots[i]!;
      if (s === 0) return -1;
      if (this.holds(s - 1, entry)) return s - 1;
    }
  }

  ordinalOf(entry: string): number {
    const known = this.find(entry);
    if (known >= 0) return known;
    const n = this.count++;
    if (!byteSized(entry)) {
      const own = ownCopy(entry);
      this.others.set(own, n);
      this.otherIds.set(n, own);
      return n;
    }
    this.store(n, entry);
    if ((this.slotsUsed + 1) * 5 > this.slots.length * 4) this.rehash(this.slots.length * 2);
    this.place(n, hashOf(entry));
    return n;
  }

  private holds(n: number, entry: string): boolean {
    if (this.lengths.get(n) !== entry.length) return false;
    const start = this.starts.get(n);
    const bytes = this.arena[start >>> ARENA_BITS]!;
    const at = start & (ARENA - 1);
    for (let i = 0; i < entry.length; i++) if (bytes[at + i] !== entry.charCodeAt(i)) return false;
    return true;
  }

  private idOf(n: number): string {
    const length = this.lengths.get(n);
    if (length === 0) return this.otherIds.get(n)!;
    const start = this.starts.get(n);
    const at = start & (ARENA - 1);
    return String.fromCharCode(...this.arena[start >>> ARENA_BITS]!.subarray(at, at + length));
  }

  /** Copies the id's bytes into the arena. */
  private store(n: number, entry: string): void {
    let c = this.arena.length - 1;
    let at = this.arenaEnd - c * ARENA;
    let bytes = this.arena[c]!;
    if (at + entry.length > bytes.length) {
      // Only the first chunk is shorter than ARENA; it grows until it is that long.
      if (at + entry.length <= ARENA && bytes.length < ARENA) {
        let length = bytes.length * 2;
        while (length < at + entry.length) length *= 2;
        const grown = new Uint8Array(Math.min(ARENA, length));
        grown.set(bytes);
        this.arena[0] = bytes = grown;
      } else {
        this.arena.push((bytes = new Uint8Array(ARENA)));
        c += 1;
        at = 0;
      }
    }
    for (let i = 0; i < entry.length; i++) bytes[at + i] = entry.charCodeAt(i);
    const start = c * ARENA + at;
    this.starts.set(n, start);
    this.lengths.set(n, entry.length);
    this.arenaEnd = start + entry.length;
  }

  private place(n: number, hash: number): void {
    const mask = this.slots.length - 1;
    let i = hash & mask;
    while (this.slots[i] !== 0) i = (i + 1) & mask;
    this.slots[i] = n + 1;
    this.slotsUsed += 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    this.slotsUsed = 0;
    for (let n = 0; n < this.count; n++) if (this.lengths.get(n) > 0) this.place(n, hashOf(this.idOf(n)));
  }
}

/** One entry's state, as plain data another thread can send (see EntryStates.snapshot). */
export interface EntryStateSnapshot {
  date: string;
  brokerageCharged: boolean;
  /** Per entry fee: measure id, base in whole dollars, cents charged. */
  fees: Array<[string, number, number]>;
}

const UNSEEN = 0;
const OPEN = 1;
const BROKERAGE_CHARGED = 2;

export class EntryStates {
  private seen = 0;
  /** Entry dates are few (one per day of the schedule): interned, stored as an index. */
  private readonly dateIndex = new Map<string, number>();
  private readonly dates: string[] = [];
  private readonly entryDate = new ChunkedNumbers((n) => new Uint16Array(n));
  /** UNSEEN, OPEN or BROKERAGE_CHARGED, by ordinal (an ordinal may come from another scenario's entry first). */
  private readonly status = new ChunkedNumbers((n) => new Uint8Array(n));
  /** Fee measure id -> slot; per slot, base in whole dollars and cents charged, by entry ordinal. */
  private readonly feeSlot = new Map<string, number>();
  private readonly feeBase: ChunkedWholeNumbers[] = [];
  private readonly feeCharged: ChunkedWholeNumbers[] = [];

  constructor(private readonly index: EntryIndex = new EntryIndex()) {}

  /** Entries this ledger has seen. */
  get size(): number {
    return this.seen;
  }

  /** The entry's ordinal, creating its state (dated `entryDate`) when it is new here. */
  open(entry: string, entryDate: string): number {
    const n = this.index.ordinalOf(entry);
    if (this.status.get(n) !== UNSEEN) return n;
    this.seen += 1;
    this.status.set(n, OPEN);
    let d = this.dateIndex.get(entryDate);
    if (d === undefined) {
      d = this.dates.length;
      this.dates.push(ownCopy(entryDate));
      this.dateIndex.set(this.dates[d]!, d);
    }
    this.entryDate.set(n, d);
    return n;
  }

  /** Whether this ledger has seen lines of the entry. */
  has(entry: string): boolean {
    const n = this.index.find(entry);
    return n >= 0 && this.status.get(n) !== UNSEEN;
  }

  dateOf(n: number): string {
    return this.dates[this.entryDate.get(n)]!;
  }

  brokerageCharged(n: number): boolean {
    return this.status.get(n) === BROKERAGE_CHARGED;
  }

  markBrokerageCharged(n: number): void {
    this.status.set(n, BROKERAGE_CHARGED);
  }

  private slot(measure: string): number {
    let s = this.feeSlot.get(measure);
    if (s === undefined) {
      s = this.feeBase.length;
      this.feeSlot.set(ownCopy(measure), s);
      this.feeBase.push(new ChunkedWholeNumbers());
      this.feeCharged.push(new ChunkedWholeNumbers());
    }
    return s;
  }

  /** Base (whole dollars) and amount (cents) of a fee charged so far on the entry; zero when never charged. */
  fee(n: number, measure: string): { baseDollars: number; chargedCents: number } {
    const s = this.slot(measure);
    return { baseDollars: this.feeBase[s]!.get(n), chargedCents: this.feeCharged[s]!.get(n) };
  }

  setFee(n: number, measure: string, baseDollars: number, chargedCents: number): void {
    const s = this.slot(measure);
    this.feeBase[s]!.set(n, baseDollars);
    this.feeCharged[s]!.set(n, chargedCents);
  }

  /** The entry's state, or undefined when this ledger has not seen it. */
  snapshot(entry: string): EntryStateSnapshot | undefined {
    const n = this.index.find(entry);
    if (n < 0 || this.status.get(n) === UNSEEN) return undefined;
    const fees: Array<[string, number, number]> = [];
    for (const [measure, s] of this.feeSlot) {
      const base = this.feeBase[s]!.get(n);
      const charged = this.feeCharged[s]!.get(n);
      if (charged !== 0 || base !== 0) fees.push([measure, base, charged]);
    }
    return { date: this.dateOf(n), brokerageCharged: this.brokerageCharged(n), fees };
  }

  /** Sets the entry's state to one taken elsewhere (by snapshot), as if its lines had been seen here. */
  restore(entry: string, state: EntryStateSnapshot): void {
    const n = this.open(entry, state.date);
    this.status.set(n, state.brokerageCharged ? BROKERAGE_CHARGED : OPEN);
    for (const [measure, base, charged] of state.fees) this.setFee(n, measure, base, charged);
  }
}

/**
 * A copy that does not share memory with the input text: V8 may keep a substring of 13 characters or more
 * as a view of the whole chunk it was cut from, and these keys live for the whole run.
 */
function ownCopy(s: string): string {
  // The concatenation is flattened into a new string; the slice then views that small string, not the chunk.
  return s.length < 13 ? s : ` ${s}`.slice(1);
}
