/**
 * One colour per legal authority, the same in every report, so two reports side by side read alike: a
 * fixed colour for the authorities of the shipped schedule, and for any other (a schedule of one's own) a
 * colour chosen from its id, not from its place in a report.
 */
const FIXED: Record<string, string> = {
  column1: '#7f7f7f',
  ieepa: '#c0504d',
  'section-232': '#1f4e79',
  'section-122': '#f79646',
  'section-301': '#8064a2',
  'section-338': '#8c5a2b',
  'trade-remedy': '#2e8b57',
  'user-fees': '#4bacc6',
};

const OTHERS = ['#d4a017', '#b22222', '#9bbb59', '#5f9ea0', '#c71585', '#556b2f', '#4682b4', '#a0522d'];

export function authorityColour(id: string): string {
  const fixed = FIXED[id];
  if (fixed) return fixed;
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return OTHERS[h % OTHERS.length]!;
}

/** An authority's name without its parenthesis, for a chart's axis ("Section 232 (national security)" -> "Section 232"). */
export function shortName(name: string): string {
  const cut = name.indexOf(' (');
  return cut > 0 ? name.slice(0, cut) : name;
}
