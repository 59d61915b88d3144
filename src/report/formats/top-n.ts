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

  constructor(private readonly n: number) {}

  add(key: string, value: bigint, payload: T): void {
    if (this.rows.length < this.n) {
      this.rows.push({ key, value, payload });
      return;
    }
    let smallest = 0;
    for (let i = 1; i < this.rows.length; i++) if (abs(this.rows[i]!.value) < abs(this.rows[smallest]!.value)) smallest = i;
    if (abs(value) > abs(this.rows[smallest]!.value)) this.rows[smallest] = { key, value, payload };
  }

  /** Largest first; ties in key order, so output is deterministic. */
  sorted(): T[] {
    return [...this.rows]
      .sort((a, b) => (abs(b.value) > abs(a.value) ? 1 : abs(b.value) < abs(a.value) ? -1 : a.key.localeCompare(b.key)))
      .map((r) => r.payload);
  }
}
