/**
 * Keeps the N rows with the largest absolute value (a total, a difference) without holding the whole file,
 * for the human views of very large runs.
 */
interface Ranked<T> {
  key: string;
  value: bigint;
  payload: T;
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

export class TopN<T> {
  private readonly rows: Array<Ranked<T>> = [];
  /** Index of the row a newcomer would replace (the first of the smallest), once the N rows are taken. */
  private smallest = -1;

  constructor(private readonly n: number) {}

  /**
   * Whether a row of this value would be kept: callers check first, so the payload (formatted cells) is built
   * only for the few rows that can still make the top, not for every line of the file.
   */
  admits(value: bigint): boolean {
    return this.rows.length < this.n || abs(value) > abs(this.rows[this.smallest]!.value);
  }

  add(key: string, value: bigint, payload: T): void {
    if (!this.admits(value)) return;
    if (this.rows.length < this.n) this.rows.push({ key, value, payload });
    else this.rows[this.smallest] = { key, value, payload };
    if (this.rows.length === this.n) this.findSmallest();
  }

  private findSmallest(): void {
    let smallest = 0;
    for (let i = 1; i < this.rows.length; i++) if (abs(this.rows[i]!.value) < abs(this.rows[smallest]!.value)) smallest = i;
    this.smallest = smallest;
  }

  /** Largest first; ties in key order, so output is deterministic. */
  sorted(): T[] {
    return [...this.rows]
      .sort((a, b) => (abs(b.value) > abs(a.value) ? 1 : abs(b.value) < abs(a.value) ? -1 : a.key.localeCompare(b.key)))
      .map((r) => r.payload);
  }
}
