/**
 * Which raw file and filter make each committed list under data/lists/. The importer runs these; the
 * header of every list file repeats its spec, so a list says where it came from.
 */
export interface ListSpec {
  name: string;
  title: string;
  /** Path under shared/hts-data/. */
  source: string;
  upstream: string;
  /** Column holding the HTS code, or undefined for one-code-per-line text files. */
  codeColumn?: string;
  /** Keep rows where every given column equals the value, or one of the values ('' = empty). */
  where?: Record<string, string | string[]>;
  filterText: string;
}

const YALE = 'Budget-Lab-Yale/tariff-rate-tracker @ 8315fffd697c42559141ed5f8bf7c8fa3da47ae8 (MIT)';
const NOTE51 = 'transcribed from HTS U.S. note 51 (2026 Rev. 17 and Rev. 19) via brendanxmac/hts-hero @ 01170bdc';

function yale(file: string): string {
  return `yale-tariff-rate-tracker/${file}`;
}

export const LIST_SPECS: ListSpec[] = [
  { name: 'ieepa-ca-energy', title: 'IEEPA Canada energy and energy resources, 9903.01.13 (CSMS #64472173 attachment)', source: yale('fentanyl_carveout_products.csv'), upstream: YALE, codeColumn: 'hts8', where: { ch99_code: '9903.01.13' }, filterText: 'ch99_code = 9903.01.13' },
  { name: 'ieepa-ca-potash', title: 'IEEPA Canada potash, 9903.01.15 (U.S. note 2(l))', source: yale('fentanyl_carveout_products.csv'), upstream: YALE, codeColumn: 'hts8', where: { ch99_code: '9903.01.15' }, filterText: 'ch99_code = 9903.01.15' },
  { name: 's122-annex-ii-exempt', title: 'Section 122 Annex II products exempt from the surcharge, 9903.03.03/.04 (U.S. note 2(aa))', source: yale('s122_exempt_products.csv'), upstream: YALE, codeColumn: 'hts8', filterText: 'all rows' },
  { name: 's232-2025-steel-derivatives-content', title: 'Section 232 steel derivatives charged on steel content, 9903.81.91 (2025-08-18 inclusions, FR 2025-15819)', source: yale('s232_derivative_products.csv'), upstream: YALE, codeColumn: 'hts_prefix', where: { ch99_code: '9903.81.91' }, filterText: 'ch99_code = 9903.81.91' },
  { name: 's232-2025-aluminum-derivatives-existing', title: 'Section 232 aluminum derivatives of the 2020 list, 9903.85.04 (U.S. note 19(i))', source: yale('s232_derivative_products.csv'), upstream: YALE, codeColumn: 'hts_prefix', where: { ch99_code: '9903.85.04' }, filterText: 'ch99_code = 9903.85.04' },
  { name: 's232-2025-aluminum-derivatives', title: 'Section 232 aluminum derivatives of chapter 76, 9903.85.07 (U.S. note 19(j)), in force from 2025-03-12', source: yale('s232_derivative_products.csv'), upstream: YALE, codeColumn: 'hts_prefix', where: { ch99_code: '9903.85.07' }, filterText: 'ch99_code = 9903.85.07' },
  { name: 's232-2025-aluminum-derivatives-content', title: 'Section 232 aluminum derivatives charged on aluminum content, 9903.85.08, in force before 2025-08-18', source: yale('s232_derivative_products.csv'), upstream: YALE, codeColumn: 'hts_prefix', where: { ch99_code: '9903.85.08', effective_date: '' }, filterText: 'ch99_code = 9903.85.08 and no effective_date' },
  { name: 's232-2025-aluminum-derivatives-content-2025-08-18', title: 'Section 232 aluminum derivatives charged on aluminum content, 9903.85.08, 2025-08-18 inclusions (FR 2025-15819)', source: yale('s232_derivative_products.csv'), upstream: YALE, codeColumn: 'hts_prefix', where: { ch99_code: '9903.85.08', effective_date: '2025-08-18' }, filterText: 'ch99_code = 9903.85.08 and effective_date = 2025-08-18' },
  { name: 's232-2026-annex-1a', title: 'Section 232 metals 2026, Annex I-A (50%, 9903.82.02), Proclamation 11021', source: yale('s232_annex_products.csv'), upstream: YALE, codeColumn: 'hts_prefix', where: { annex: '1a' }, filterText: 'annex = 1a' },
  { name: 's232-2026-annex-1a-copper', title: 'Section 232 metals 2026, Annex I-A copper articles', source: yale('s232_annex_products.csv'), upstream: YALE, codeColumn: 'hts_prefix', where: { annex: '1a', metal_type: 'copper' }, filterText: 'annex = 1a and metal_type = copper' },
  { name: 's232-2026-annex-1b', title: 'Section 232 metals 2026, Annex I-B (25%, 9903.82.09), Proclamation 11021', source: yale('s232_annex_products.csv'), upstream: YALE, codeColumn: 'hts_prefix', where: { annex: '1b' }, filterText: 'annex = 1b' },
  { name: 's232-2026-annex-1b-copper', title: 'Section 232 metals 2026, Annex I-B copper articles', source: yale('s232_annex_products.csv'), upstream: YALE, codeColumn: 'hts_prefix', where: { annex: '1b', metal_type: 'copper' }, filterText: 'annex = 1b and metal_type = copper' },
  { name: 's232-2026-annex-2-removed', title: 'Section 232 metals 2026, Annex II (removed from Section 232 from 2026-04-06)', source: yale('s232_annex_products.csv'), upstream: YALE, codeColumn: 'hts_prefix', where: { annex: '2' }, filterText: 'annex = 2' },
  { name: 's232-2026-annex-3', title: 'Section 232 metals 2026, Annex III (15% all-in floor, 9903.82.10/.11)', source: yale('s232_annex_products.csv'), upstream: YALE, codeColumn: 'hts_prefix', where: { annex: '3' }, filterText: 'annex = 3' },
  { name: 's232-copper-2025', title: 'Section 232 copper, U.S. note 36(b), 9903.78.01 (Proclamation 10962)', source: yale('s232_copper_products.csv'), upstream: YALE, codeColumn: 'hts10', filterText: 'all rows' },
  { name: 's232-auto-parts', title: 'Section 232 auto parts, U.S. note 33, 9903.94.05', source: yale('s232_auto_parts.txt'), upstream: YALE, filterText: 'all lines' },
  { name: 's232-mhdv-parts', title: 'Section 232 medium/heavy-duty vehicle parts, U.S. note 38, 9903.74.08', source: yale('s232_mhd_parts.txt'), upstream: YALE, filterText: 'all lines' },
  { name: 's338-b1-alcohol-2026-08-22', title: 'Section 338 list 51(b)(1) (alcohol etc.), 9903.03.12, version 2026-08-22 to 2026-09-14', source: 'canada-s338-note51/canada_s338_note51_lists.csv', upstream: NOTE51, codeColumn: 'hts_digits', where: { note_subdivision: '51(b)(1)', effective_from: '2026-08-22' }, filterText: 'note_subdivision = 51(b)(1), effective_from = 2026-08-22' },
  { name: 's338-b1-alcohol-2026-09-15', title: 'Section 338 list 51(b)(1) (alcohol etc.), 9903.03.12, version from 2026-09-15', source: 'canada-s338-note51/canada_s338_note51_lists.csv', upstream: NOTE51, codeColumn: 'hts_digits', where: { note_subdivision: '51(b)(1)', effective_from: '2026-09-15' }, filterText: 'note_subdivision = 51(b)(1), effective_from = 2026-09-15' },
  { name: 's338-b2-dairy', title: 'Section 338 list 51(b)(2) (dairy etc.), 9903.03.13', source: 'canada-s338-note51/canada_s338_note51_lists.csv', upstream: NOTE51, codeColumn: 'hts_digits', where: { note_subdivision: '51(b)(2)' }, filterText: 'note_subdivision = 51(b)(2)' },
  { name: 's338-b3-vehicles-2026-08-22', title: 'Section 338 list 51(b)(3) (motor-vehicle action), 9903.03.14, version 2026-08-22 to 2026-09-14', source: 'canada-s338-note51/canada_s338_note51_lists.csv', upstream: NOTE51, codeColumn: 'hts_digits', where: { note_subdivision: '51(b)(3)', effective_from: '2026-08-22' }, filterText: 'note_subdivision = 51(b)(3), effective_from = 2026-08-22' },
  { name: 's338-b3-vehicles-2026-09-15', title: 'Section 338 list 51(b)(3) (motor-vehicle action), 9903.03.14, version from 2026-09-15', source: 'canada-s338-note51/canada_s338_note51_lists.csv', upstream: NOTE51, codeColumn: 'hts_digits', where: { note_subdivision: '51(b)(3)', effective_from: '2026-09-15' }, filterText: 'note_subdivision = 51(b)(3), effective_from = 2026-09-15' },
  { name: 's338-d-civil-aircraft', title: 'Section 338 civil aircraft exemption, U.S. note 51(d), 9903.03.16', source: 'canada-s338-note51/canada_s338_note51_lists.csv', upstream: NOTE51, codeColumn: 'hts_digits', where: { note_subdivision: '51(d)' }, filterText: 'note_subdivision = 51(d)' },
];

/** Lists defined by HTS ranges in a legal text, expanded against the imported HTS table (data/hts/hts.tsv). */
export interface RangeListSpec {
  name: string;
  title: string;
  /** Where the ranges are written. */
  legalText: string;
  /** Inclusive ranges of HTS prefixes (compared on the first digits of each 8-digit subheading). */
  ranges: Array<[string, string]>;
  unverified?: string;
}

export const RANGE_LIST_SPECS: RangeListSpec[] = [
  {
    name: 's232-2025-steel-articles',
    title: 'Section 232 steel articles (Proclamation 9705 as amended; U.S. note 16, heading 9903.81.87)',
    legalText: 'Proclamation 9705 clause 1: "7206.10 through 7216.50, 7216.99 through 7301.10, 7302.10, 7302.40 through 7302.90, and 7304.10 through 7306.90"',
    ranges: [['720610', '721650'], ['721699', '730110'], ['730210', '730210'], ['730240', '730290'], ['730410', '730690']],
    unverified: 'the ranges are those of Proclamation 9705 as generally cited; the 2025 text of note 16(j) was not in the shared sources',
  },
  {
    name: 's232-2025-aluminum-articles',
    title: 'Section 232 aluminum articles (Proclamation 9704 as amended; U.S. note 19, heading 9903.85.02)',
    legalText: 'HTS 2026 Rev. 3 headings 9903.85.05 ("unwrought aluminum, heading 7601") and 9903.85.06 ("wrought aluminum, headings 7604-7609"); castings and forgings of 7616.99.51 are left to the derivative list of 9903.85.07, where the 2025 data places them, so they are charged once',
    ranges: [['7601', '7601'], ['7604', '7609']],
  },
  {
    name: 's232-2026-annex-1a-steel-articles',
    title: 'Section 232 metals 2026, Annex I-A steel articles of chapter 72 and 7304-7306 (50%, 9903.82.02)',
    legalText: 'Proclamation 11021 Annex I-A, "Steel 7206 7207 7208 ... 7216.10.00 ... 7216.50.00 7216.99.00 7217 ... 7229 ... 7304 7305 7306" (shared/hts-data/yale-tariff-rate-tracker/annexes_text.txt); the machine-readable annex list omits these headings',
    ranges: [['7206', '7215'], ['721610', '721650'], ['721699', '721699'], ['7217', '7229'], ['7304', '7306']],
    unverified: 'headings 7220 and 7221 fall on a page break of the annex text and are taken to be listed, as the run 7206-7229 suggests',
  },
];
