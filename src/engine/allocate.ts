/**
 * Splits an amount of cents across weights so the shares add up exactly to the amount
 * (largest remainder; ties go to the earlier share). In numbers while every product is exact, which is
 * every entry fee and brokerage of a real entry; in bigint beyond.
 */
import { exactFloorDiv } from '../money/decimal.js';

export function allocateCents(amount: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  let total = 0;
  for (const w of weights) total += w;
  if (total <= 0) {
    const even = weights.map(() => 0);
    even[0] = amount;
    return even;
  }
  // (amount + 1) * total bounds every product and every quotient's check below.
  if (amount >= 0 && Number.isSafeInteger(total) && (amount + 1) * total <= Number.MAX_SAFE_INTEGER) return allocateExact(amount, weights, total);
  return allocateBig(amount, weights, total);
}

function allocateExact(amount: number, weights: readonly number[], total: number): number[] {
  const shares = new Array<number>(weights.length);
  const remainders = new Array<number>(weights.length);
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    const exact = amount * weights[i]!;
    const share = exactFloorDiv(exact, total);
    shares[i] = share;
    remainders[i] = exact - share * total;
    given += share;
  }
  const left = amount - given;
  if (left === 0) return shares;
  const order = weights.map((_, i) => i).sort((a, b) => (remainders[a] === remainders[b] ? a - b : remainders[b]! - remainders[a]!));
  for (let k = 0; k < left; k++) shares[order[k]!]! += 1;
  return shares;
}

function allocateBig(amount: number, weights: readonly number[], total: number): number[] {
  const bigAmount = BigInt(amount);
  const bigTotal = BigInt(total);
  const shares: number[] = [];
  const remainders: Array<{ i: number; r: bigint }> = [];
  let given = 0;
  weights.forEach((w, i) => {
    const exact = bigAmount * BigInt(w);
    const share = exact / bigTotal;
    shares.push(Number(share));
    given += Number(share);
    remainders.push({ i, r: exact - share * bigTotal });
  });
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (let k = 0; k < amount - given; k++) shares[remainders[k]!.i]! += 1;
  return shares;
}
