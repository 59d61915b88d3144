/**
 * Splits an amount of cents across weights so the shares add up exactly to the amount
 * (largest remainder; ties go to the earlier share).
 */
export function allocateCents(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (total <= 0) {
    const even = weights.map(() => 0);
    even[0] = amount;
    return even;
  }
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
