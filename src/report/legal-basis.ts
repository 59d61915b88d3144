/**
 * A measure's instrument and citation as one phrase. The citation often restates the instrument with more
 * detail ("Proclamation 10976" and "Proclamation 10976 of 2025-09-29"): the longer form is said once, where
 * the instrument stood.
 */
export function legalBasis(instrument: string, citation: string): string {
  const cited = citation.split(/;\s*/).filter((p) => p !== '');
  const used = new Set<number>();
  const parts = instrument
    .split(/;\s*/)
    .filter((p) => p !== '')
    .map((part) => {
      const k = cited.findIndex((c, i) => !used.has(i) && c.startsWith(part));
      if (k < 0) return part;
      used.add(k);
      return cited[k]!;
    });
  return [...parts, ...cited.filter((_, i) => !used.has(i))].join('; ');
}
