/** The user's calendar day, not UTC's: a broker in Toronto at 8 p.m. is still on today's date. */
export function localToday(): string {
  const d = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
