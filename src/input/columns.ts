/**
 * The canonical columns of the line-item CSV, their aliases and meaning: the one description of the input
 * format, used by the reader, `--help` and the README.
 */
export interface ColumnSpec {
  name: CanonicalColumn;
  required: boolean;
  aliases: readonly string[];
  description: string;
}

export const CANONICAL_COLUMN_NAMES = [
  'line', 'entry', 'hts', 'description', 'origin', 'value', 'currency', 'quantity', 'unit', 'entry_date', 'export_date',
  'usmca', 'civil_aircraft', 'transshipment', 'transport', 'value_basis', 'freight', 'insurance', 'other_costs', 'brokerage', 'steel_value', 'aluminum_value', 'copper_value', 'us_content_value', 'metal_weight_pct', 'us_metal', 'smelt_cast_unknown', 'adcvd_rate',
] as const;
export type CanonicalColumn = (typeof CANONICAL_COLUMN_NAMES)[number];

export const canonicalColumns: readonly ColumnSpec[] = [
  { name: 'line', required: false, aliases: ['line_no', 'line_number', 'item', 'line_id'], description: 'line id (default: the record number)' },
  { name: 'entry', required: false, aliases: ['entry_no', 'entry_number', 'entry_summary_number'], description: 'entry number; MPF is per entry (default: one entry)' },
  { name: 'hts', required: true, aliases: ['hts_code', 'htsus', 'hts_number', 'tariff_number', 'hs_code', 'hts10'], description: 'HTSUS number, 8 or 10 digits, dots optional' },
  { name: 'description', required: false, aliases: ['desc', 'product', 'goods_description'], description: 'free text' },
  { name: 'origin', required: false, aliases: ['country_of_origin', 'coo', 'origin_country'], description: 'ISO country of origin (default CA)' },
  { name: 'value', required: true, aliases: ['customs_value', 'entered_value', 'value_usd', 'line_value', 'amount'], description: 'customs (entered) value' },
  { name: 'currency', required: false, aliases: ['ccy', 'currency_code'], description: 'ISO currency (default USD; others need --fx)' },
  { name: 'quantity', required: false, aliases: ['qty', 'quantity_1'], description: 'quantity in the HTS unit (specific rates)' },
  { name: 'unit', required: false, aliases: ['uom', 'unit_of_quantity'], description: 'unit of the quantity (kg, liters, No., ...)' },
  { name: 'entry_date', required: true, aliases: ['date', 'date_of_entry'], description: 'date of entry YYYY-MM-DD (or --date)' },
  { name: 'export_date', required: false, aliases: ['date_of_export'], description: 'date of export (governs FX)' },
  { name: 'usmca', required: false, aliases: ['usmca_claimed', 'usmca_claim', 'spi'], description: 'Y when USMCA preference is claimed' },
  { name: 'civil_aircraft', required: false, aliases: ['gn6', 'civil_aircraft_claim'], description: 'Y for civil aircraft, engines or parts entered under general note 6' },
  { name: 'transshipment', required: false, aliases: ['transshipped'], description: 'Y when CBP determined the goods were transshipped to evade IEEPA duties (9903.01.16)' },
  { name: 'transport', required: false, aliases: ['mode', 'mode_of_transport', 'transport_mode'], description: 'ocean, air, truck, rail, mail, pipeline (HMF: ocean)' },
  { name: 'value_basis', required: false, aliases: ['incoterm_value_basis'], description: 'FOB (default) or CIF: what the value includes' },
  { name: 'freight', required: false, aliases: ['international_freight'], description: 'international freight (in the line currency)' },
  { name: 'insurance', required: false, aliases: [], description: 'international insurance (in the line currency)' },
  { name: 'other_costs', required: false, aliases: ['inland_freight', 'handling'], description: 'other costs added to landed cost only' },
  { name: 'brokerage', required: false, aliases: ['brokerage_fee'], description: 'brokerage for the whole entry (on any line of it)' },
  { name: 'steel_value', required: false, aliases: [], description: 'steel content value (2025 Section 232)' },
  { name: 'aluminum_value', required: false, aliases: ['aluminium_value'], description: 'aluminum content value (2025 Section 232)' },
  { name: 'copper_value', required: false, aliases: [], description: 'copper content value (2025 Section 232 copper)' },
  { name: 'us_content_value', required: false, aliases: ['us_content'], description: 'value of US content (USMCA vehicles)' },
  { name: 'metal_weight_pct', required: false, aliases: ['metal_pct', 'metal_share'], description: 'metal share of weight in percent (2026 Section 232)' },
  { name: 'us_metal', required: false, aliases: ['us_melted', 'us_melted_poured'], description: 'Y if the metal was melted/smelted in the US' },
  { name: 'smelt_cast_unknown', required: false, aliases: ['smelt_unknown', 'aluminum_smelt_cast_unknown'], description: 'Y if the aluminum\'s country of smelt or cast is unknown (UN: 200% from 2025-06-28), N if known' },
  { name: 'adcvd_rate', required: false, aliases: ['ad_cvd_rate', 'adcvd'], description: 'AD/CVD cash deposit rate, percent' },
];

/** Header text as compared: lower case, spaces and hyphens as underscores. */
export function normalizeHeader(text: string): string {
  return text.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

const ALIASES = new Map<string, CanonicalColumn>();
for (const c of canonicalColumns) {
  ALIASES.set(c.name, c.name);
  for (const a of c.aliases) ALIASES.set(a, c.name);
}

export function canonicalFor(header: string): CanonicalColumn | undefined {
  return ALIASES.get(normalizeHeader(header));
}
