/**
 * What must be remembered of every entry of a file, in case its lines appear again further down: the
 * date its fees use, whether brokerage was charged, and per entry fee the base and amount charged so far.
 * Kept in typed arrays indexed by the entry's ordinal (about 20-40 bytes an entry, plus the shared index,
 * instead of a few hundred as objects), because this is the only state that grows with the file.
 */
const INITIAL = 64;

/**
 * Entry id -> ordinal. The largest part of the per-entry memory, so one index serves every scenario of a
 * comparison (each keeps its own fee state by the same ordinals).
 */
export class EntryIndex {
  private readonly ordinal = new Map<string, number>();

  get size(): number {
    return this.ordinal.size;
  }

  has(entry: string): boolean {
    return this.ordinal.has(entry);
  }

  /** Entry ids in the order first seen. */
  ids(): IterableIterator<string> {
    return this.ordinal.keys();
  }

  ordinalOf(entry: string): number {
    let n = this.ordinal.get(entry);
    if (n === undefined) {
      n = this.ordinal.size;
      this.ordinal.set(ownCopy(entry), n);
    }
    return n;
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

function grown<T extends Float64Array | Uint16Array | Uint8Array>(array: T, size: number, make: (n: number) => T): T {
  if (size <= array.length) return array;
  const next = make(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

export class EntryStates {
  private seen = 0;
  /** Entry dates are few (one per day of the schedule): interned, stored as an index. */
  private readonly dateIndex = new Map<string, number>();
  private readonly dates: string[] = [];
  private entryDate = new Uint16Array(INITIAL);
  /** UNSEEN, OPEN or BROKERAGE_CHARGED, by ordinal (an ordinal may come from another scenario's entry first). */
  private status = new Uint8Array(INITIAL);
  /** Fee measure id -> slot; per slot, base in whole dollars and cents charged, by entry ordinal. */
  private readonly feeSlot = new Map<string, number>();
  private feeBase: Float64Array[] = [];
  private feeCharged: Float64Array[] = [];

  constructor(private readonly index: EntryIndex = new EntryIndex()) {}

  /** Entries this ledger has seen. */
  get size(): number {
    return this.seen;
  }

  /** The entry's ordinal, creating its state (dated `entryDate`) when it is new here. */
  open(entry: string, entryDate: string): number {
    const n = this.index.ordinalOf(entry);
    this.entryDate = grown(this.entryDate, n + 1, (k) => new Uint16Array(k));
    this.status = grown(this.status, n + 1, (k) => new Uint8Array(k));
    for (let s = 0; s < this.feeBase.length; s++) {
      this.feeBase[s] = grown(this.feeBase[s]!, n + 1, (k) => new Float64Array(k));
      this.feeCharged[s] = grown(this.feeCharged[s]!, n + 1, (k) => new Float64Array(k));
    }
    if (this.status[n] !== UNSEEN) return n;
    this.seen += 1;
    this.status[n] = OPEN;
    let d = this.dateIndex.get(entryDate);
    if (d === undefined) {
      d = this.dates.length;
      this.dates.push(ownCopy(entryDate));
      this.dateIndex.set(this.dates[d]!, d);
    }
    this.entryDate[n] = d;
    return n;
  }

  dateOf(n: number): string {
    return this.dates[this.entryDate[n]!]!;
  }

  brokerageCharged(n: number): boolean {
    return this.status[n] === BROKERAGE_CHARGED;
  }

  markBrokerageCharged(n: number): void {
    this.status[n] = BROKERAGE_CHARGED;
  }

  private slot(measure: string): number {
    let s = this.feeSlot.get(measure);
    if (s === undefined) {
      s = this.feeBase.length;
      this.feeSlot.set(measure, s);
      this.feeBase.push(new Float64Array(Math.max(INITIAL, this.entryDate.length)));
      this.feeCharged.push(new Float64Array(Math.max(INITIAL, this.entryDate.length)));
    }
    return s;
  }

  /** Base (whole dollars) and amount (cents) of a fee charged so far on the entry; zero when never charged. */
  fee(n: number, measure: string): { baseDollars: number; chargedCents: number } {
    const s = this.slot(measure);
    return { baseDollars: this.feeBase[s]![n]!, chargedCents: this.feeCharged[s]![n]! };
  }

  setFee(n: number, measure: string, baseDollars: number, chargedCents: number): void {
    const s = this.slot(measure);
    this.feeBase[s]![n] = baseDollars;
    this.feeCharged[s]![n] = chargedCents;
  }

  /** The entry's state, or undefined when this ledger has not seen it. */
  snapshot(entry: string): EntryStateSnapshot | undefined {
    if (!this.index.has(entry)) return undefined;
    const n = this.index.ordinalOf(entry);
    if (n >= this.status.length || this.status[n] === UNSEEN) return undefined;
    const fees: Array<[string, number, number]> = [];
    for (const [measure, s] of this.feeSlot) if (this.feeCharged[s]![n] !== 0 || this.feeBase[s]![n] !== 0) fees.push([measure, this.feeBase[s]![n]!, this.feeCharged[s]![n]!]);
    return { date: this.dateOf(n), brokerageCharged: this.brokerageCharged(n), fees };
  }

  /** Sets the entry's state to one taken elsewhere (by snapshot), as if its lines had been seen here. */
  restore(entry: string, state: EntryStateSnapshot): void {
    const n = this.open(entry, state.date);
    this.status[n] = state.brokerageCharged ? BROKERAGE_CHARGED : OPEN;
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
