/**
 * The section (I-XXII) of the Harmonized System that holds an HTS chapter: nomenclature structure, the
 * same in every HTS revision since 1989 (HTSUS table of contents; chapter 77 is reserved, chapters 98 and
 * 99 are the US national chapters, listed here as section XXII as the HTSUS does).
 */
const FIRST_CHAPTERS: ReadonlyArray<readonly [number, string]> = [
  [1, 'I'], [6, 'II'], [15, 'III'], [16, 'IV'], [25, 'V'], [28, 'VI'], [39, 'VII'], [41, 'VIII'], [44, 'IX'], [47, 'X'], [50, 'XI'],
  [64, 'XII'], [68, 'XIII'], [71, 'XIV'], [72, 'XV'], [84, 'XVI'], [86, 'XVII'], [90, 'XVIII'], [93, 'XIX'], [94, 'XX'], [97, 'XXI'], [98, 'XXII'],
];

/** The section of a two-digit chapter ("72" -> "XV"); "?" for a chapter outside 01-99. */
export function htsSection(chapter: string): string {
  const n = Number(chapter);
  if (!Number.isInteger(n) || n < 1 || n > 99) return '?';
  let section = '?';
  for (const [first, name] of FIRST_CHAPTERS) if (n >= first) section = name;
  return section;
}

/** The position of a section name in I-XXII (for sorting), 99 when unknown. */
export function sectionOrder(section: string): number {
  const i = FIRST_CHAPTERS.findIndex(([, name]) => name === section);
  return i < 0 ? 99 : i;
}
