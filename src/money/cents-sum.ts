/**
 * An exact running sum of integer cents: number arithmetic while it is safely below 2^53, carried into a
 * bigint beyond, so a total over millions of lines is exact without a bigint operation per line.
 */
const CARRY_AT = 2 ** 50;

export class CentsSum {
  private big = 0n;
  private small = 0;

  add(cents: number): void {
    if (cents > CARRY_AT || cents < -CARRY_AT) {
      this.big += BigInt(cents);
      return;
    }
    this.small += cents;
    if (this.small > CARRY_AT || this.small < -CARRY_AT) {
      this.big += BigInt(this.small);
      this.small = 0;
    }
  }

  addBig(cents: bigint): void {
    this.big += cents;
  }

  get value(): bigint {
    return this.big + BigInt(this.small);
  }
}
