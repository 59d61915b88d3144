/** HTS digits in the dotted form brokers read: 7208510030 -> 7208.51.00.30, 72085100 -> 7208.51.00. */
export function formatHts(code: string): string {
  const d = code.replace(/\D/g, '');
  if (d.length <= 4) return d;
  const parts = [d.slice(0, 4), d.slice(4, 6), d.slice(6, 8), d.slice(8, 10)].filter((p) => p.length > 0);
  return parts.join('.');
}
