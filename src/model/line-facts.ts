/**
 * Every fact a line can give, declared once: its column (name, aliases, meaning), its kind (which says how it
 * is read), whether it is required, what a schedule may do with it (condition on a flag, charge on a content
 * value) and its `tariff lookup` option. The input columns, the schedule format's enums, row reading, lookup's
 * options and the plan key are all made from this table: a new line fact is a row here and the data using it.
 */

/** How a fact is written and read: money in the line's currency, a percent, a Y/N flag, a date, a code, free text. */
export type FactKind = 'money' | 'percent' | 'flag' | 'date' | 'code' | 'quantity' | 'text';

/**
 * A schedule may condition a measure on the flag: `{ <name>: true|false }`. `absentMeans: false`: a line that
 * does not say is taken as N; `absentMeans: 'if_missing'`: the condition itself says, with `if_missing`, and the
 * assumption is reported in `assumption`'s words (undefined: not worth a word).
 */
export interface FlagCondition {
  absentMeans: false | 'if_missing';
  /** The condition in words when it asks for Y, and when it asks for N. */
  yes: string;
  no: string;
  assumption?: (wanted: boolean, ifMissing: boolean) => string | undefined;
}

/** A schedule may charge a measure on the fact (`base: { content: <name> }`, with the words of that base) or on the value less it (`non_us_content`). */
export type ContentBase = { on: 'content'; words: string } | { on: 'value_less' };

export interface LineFact {
  name: string;
  aliases: readonly string[];
  /** The column's meaning, as `estimate --help` and the README list it. */
  help: string;
  kind: FactKind;
  required: boolean;
  condition?: FlagCondition;
  base?: ContentBase;
  /** `tariff lookup` option: its flags (a `flag` fact is a switch giving Y) and help. */
  lookup?: { option: string; help: string };
}

export const LINE_FACTS = [
  { name: 'line', aliases: ['line_no', 'line_number', 'item', 'line_id'], help: 'line id (default: the record number)', kind: 'text', required: false },
  { name: 'entry', aliases: ['entry_no', 'entry_number', 'entry_summary_number'], help: 'entry number; MPF is per entry (default: one entry)', kind: 'text', required: false },
  { name: 'hts', aliases: ['hts_code', 'htsus', 'hts_number', 'tariff_number', 'hs_code', 'hts10'], help: 'HTSUS number, 8 or 10 digits, dots optional', kind: 'code', required: true },
  { name: 'description', aliases: ['desc', 'product', 'goods_description'], help: 'free text', kind: 'text', required: false },
  {
    name: 'origin', aliases: ['country_of_origin', 'coo', 'origin_country'], help: "ISO country of origin (default: the schedule's origin, CA for us-canada, US for canada-us)", kind: 'code', required: false,
    lookup: { option: '--origin <CC>', help: "country of origin (default: the schedule's, CA for us-canada, US for canada-us)" },
  },
  { name: 'value', aliases: ['customs_value', 'entered_value', 'value_usd', 'line_value', 'amount'], help: 'customs (entered) value', kind: 'money', required: true },
  { name: 'currency', aliases: ['ccy', 'currency_code'], help: 'ISO currency (default USD; others need --fx)', kind: 'code', required: false },
  {
    name: 'quantity', aliases: ['qty', 'quantity_1'], help: 'quantity in the HTS unit (specific rates)', kind: 'quantity', required: false,
    lookup: { option: '--quantity <q>', help: 'quantity in the HTS unit (for specific rates)' },
  },
  {
    name: 'unit', aliases: ['uom', 'unit_of_quantity'], help: 'unit of the quantity (kg, liters, No., ...)', kind: 'text', required: false,
    lookup: { option: '--unit <unit>', help: 'unit of the quantity' },
  },
  { name: 'entry_date', aliases: ['date', 'date_of_entry'], help: 'date of entry YYYY-MM-DD (or --date)', kind: 'date', required: true },
  { name: 'export_date', aliases: ['date_of_export'], help: 'date of export (governs FX)', kind: 'date', required: false },
  {
    name: 'usmca', aliases: ['usmca_claimed', 'usmca_claim', 'spi'], help: 'Y when USMCA preference is claimed', kind: 'flag', required: false,
    lookup: { option: '--usmca', help: 'USMCA preference is claimed' },
  },
  {
    name: 'civil_aircraft', aliases: ['gn6', 'civil_aircraft_claim'], help: 'Y for civil aircraft, engines or parts entered under general note 6', kind: 'flag', required: false,
    condition: { absentMeans: false, yes: 'the goods are civil aircraft, engines or parts entered under general note 6', no: 'the goods are not entered as civil aircraft under general note 6' },
    lookup: { option: '--civil-aircraft', help: 'civil aircraft, engines or parts under general note 6' },
  },
  {
    name: 'transshipment', aliases: ['transshipped'], help: 'Y when CBP determined the goods were transshipped to evade IEEPA duties (9903.01.16)', kind: 'flag', required: false,
    condition: { absentMeans: false, yes: 'CBP determined the goods were transshipped to evade duties', no: 'the goods are not reported as transshipped to evade duties' },
    lookup: { option: '--transshipment', help: 'CBP determined the goods were transshipped to evade IEEPA duties (9903.01.16)' },
  },
  {
    name: 'transport', aliases: ['mode', 'mode_of_transport', 'transport_mode'], help: 'ocean, air, truck, rail, mail, pipeline (HMF: ocean)', kind: 'code', required: false,
    lookup: { option: '--transport <mode>', help: 'ocean, air, truck, rail, mail, pipeline' },
  },
  { name: 'value_basis', aliases: ['incoterm_value_basis'], help: 'FOB (default) or CIF: what the value includes', kind: 'code', required: false, lookup: { option: '--value-basis <FOB|CIF>', help: 'what --value includes (default FOB)' } },
  { name: 'freight', aliases: ['international_freight'], help: 'international freight (in the line currency)', kind: 'money', required: false, lookup: { option: '--freight <amount>', help: 'international freight (landed cost; deducted from a CIF value)' } },
  { name: 'insurance', aliases: [], help: 'international insurance (in the line currency)', kind: 'money', required: false, lookup: { option: '--insurance <amount>', help: 'international insurance (landed cost; deducted from a CIF value)' } },
  { name: 'other_costs', aliases: ['inland_freight', 'handling'], help: 'other costs added to landed cost only', kind: 'money', required: false, lookup: { option: '--other-costs <amount>', help: 'inland freight, handling... (landed cost only)' } },
  { name: 'brokerage', aliases: ['brokerage_fee'], help: 'brokerage for the whole entry (on any line of it)', kind: 'money', required: false, lookup: { option: '--brokerage <amount>', help: 'brokerage for the entry (landed cost)' } },
  {
    name: 'steel_value', aliases: [], help: 'steel content value (2025 Section 232)', kind: 'money', required: false,
    base: { on: 'content', words: 'steel content' },
    lookup: { option: '--steel-value <amount>', help: 'steel content value (2025 Section 232)' },
  },
  {
    name: 'aluminum_value', aliases: ['aluminium_value'], help: 'aluminum content value (2025 Section 232)', kind: 'money', required: false,
    base: { on: 'content', words: 'aluminum content' },
    lookup: { option: '--aluminum-value <amount>', help: 'aluminum content value (2025 Section 232)' },
  },
  {
    name: 'copper_value', aliases: [], help: 'copper content value (2025 Section 232 copper)', kind: 'money', required: false,
    base: { on: 'content', words: 'copper content' },
    lookup: { option: '--copper-value <amount>', help: 'copper content value (2025 Section 232)' },
  },
  {
    name: 'us_content_value', aliases: ['us_content'], help: 'value of US content (USMCA vehicles)', kind: 'money', required: false,
    base: { on: 'value_less' },
    lookup: { option: '--us-content <amount>', help: 'value of US content (USMCA vehicles, mobile equipment)' },
  },
  {
    name: 'non_ca_mx_content_value', aliases: ['non_cusma_content_value'], help: 'value of the non-Canadian, non-Mexican content (Canadian surtax on CUSMA US vehicles)', kind: 'money', required: false,
    base: { on: 'content', words: 'non-Canadian, non-Mexican content' },
    lookup: { option: '--non-ca-mx-content <amount>', help: 'value of the non-Canadian, non-Mexican content (Canada: CUSMA vehicles)' },
  },
  {
    name: 'metal_weight_pct', aliases: ['metal_pct', 'metal_share'], help: 'metal share of weight in percent (2026 Section 232)', kind: 'percent', required: false,
    lookup: { option: '--metal-weight-pct <pct>', help: 'metal share of the weight (2026 Section 232)' },
  },
  {
    name: 'us_metal', aliases: ['us_melted', 'us_melted_poured'], help: 'Y if the metal was melted/smelted in the US', kind: 'flag', required: false,
    condition: {
      absentMeans: 'if_missing',
      yes: 'the metal was melted/smelted in the United States',
      no: 'the metal was not melted/smelted in the United States',
      // An empty flag column means "no", like usmca; only the opposite assumption is worth a word.
      assumption: (_wanted, ifMissing) => (ifMissing ? 'us_metal not given: taken as meeting the US-metal condition' : undefined),
    },
    lookup: { option: '--us-metal', help: 'the metal was melted/smelted in the United States' },
  },
  {
    name: 'smelt_cast_unknown', aliases: ['smelt_unknown', 'aluminum_smelt_cast_unknown'], help: 'Y if the aluminum\'s country of smelt or cast is unknown (UN: 200% from 2025-06-28), N if known', kind: 'flag', required: false,
    condition: {
      absentMeans: 'if_missing',
      yes: "the aluminum's country of smelt or cast is unknown (UN)",
      no: "the aluminum's country of smelt and cast is known",
      // Either way it is an assumption about the metal's origin the user should see (CBP charges 200% when it is unknown).
      assumption: (wanted, ifMissing) => `smelt_cast_unknown not given: the aluminum's country of smelt and cast taken as ${ifMissing === wanted ? 'unknown' : 'known'}`,
    },
    lookup: { option: '--smelt-cast-unknown', help: "the aluminum's country of smelt or cast is unknown (UN)" },
  },
  {
    name: 'us_surtax_remission', aliases: ['surtax_remission'], help: "Y when the importer claims remission of Canada's surtax under sections 1 to 3 of the United States Surtax Remission Order (2025), SOR/2025-122 (public health and safety, health care, Canadian manufacturing, processing or food and beverage packaging), with its special authority code", kind: 'flag', required: false,
    condition: { absentMeans: false, yes: 'the importer claims remission under sections 1 to 3 of SOR/2025-122', no: 'no remission under SOR/2025-122 is claimed' },
    lookup: { option: '--us-surtax-remission', help: 'remission claimed under SOR/2025-122 ss. 1-3 (Canada)' },
  },
  {
    name: 'adcvd_rate', aliases: ['ad_cvd_rate', 'adcvd'], help: 'AD/CVD cash deposit rate, percent', kind: 'percent', required: false,
    lookup: { option: '--adcvd-rate <pct>', help: 'AD/CVD cash deposit rate in percent' },
  },
  {
    name: 'mfn_rate', aliases: ['column1_rate'], help: "column 1 (MFN) rate in percent, for a code the schedule's tariff table does not hold (a table the schedule marks incomplete)", kind: 'percent', required: false,
    lookup: { option: '--mfn-rate <pct>', help: "MFN rate in percent, for a code the schedule's tariff table does not hold" },
  },
] as const satisfies readonly LineFact[];

type Fact = (typeof LINE_FACTS)[number];
export type CanonicalColumn = Fact['name'];
/** A Y/N fact a schedule may condition on. */
export type FlagFact = Extract<Fact, { condition: FlagCondition }>['name'];
/** A value a schedule may charge on or condition on its presence (`has_value`). */
export type ContentColumn = Extract<Fact, { base: ContentBase }>['name'];
/** A content value a measure may be charged on directly (`base: { content: ... }`). */
export type MetalContentColumn = Extract<Fact, { base: { on: 'content' } }>['name'];

const facts: readonly LineFact[] = LINE_FACTS;
const namesWhere = <T extends string>(test: (f: LineFact) => boolean): readonly [T, ...T[]] => facts.filter(test).map((f) => f.name) as unknown as readonly [T, ...T[]];

export const CANONICAL_COLUMN_NAMES: readonly [CanonicalColumn, ...CanonicalColumn[]] = namesWhere<CanonicalColumn>(() => true);
export const FLAG_FACTS: readonly [FlagFact, ...FlagFact[]] = namesWhere<FlagFact>((f) => f.condition !== undefined);
export const CONTENT_COLUMNS: readonly [ContentColumn, ...ContentColumn[]] = namesWhere<ContentColumn>((f) => f.base !== undefined);
export const METAL_CONTENT_COLUMNS: readonly [MetalContentColumn, ...MetalContentColumn[]] = namesWhere<MetalContentColumn>((f) => f.base?.on === 'content');

const byName = new Map<string, LineFact>(facts.map((f) => [f.name, f]));

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

/** A fact's name as code written from the table reads it: checked to be a plain identifier. */
export function factIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`fact name ${name} is not an identifier`);
  return name;
}

/**
 * The object of one value per name, from the values in the names' order, made by one object literal written
 * once from the facts table: every line's object has the one shape the engine's reads expect, made at once
 * rather than by adding each property by its name (measured: that cost a tenth of reading a row).
 */
function recordOf<K extends string, V>(names: readonly K[]): (values: ReadonlyArray<V | undefined>) => Partial<Record<K, V>> {
  return new Function('values', `return { ${names.map((n, i) => `${factIdentifier(n)}: values[${i}]`).join(', ')} };`) as (values: ReadonlyArray<V | undefined>) => Partial<Record<K, V>>;
}

/** A line's Y/N facts from their values in FLAG_FACTS order (undefined: not given). */
export const flagsOf = recordOf<FlagFact, boolean>(FLAG_FACTS);
/** A line's content values (cents) from their values in CONTENT_COLUMNS order (undefined: not given). */
export const contentOf = recordOf<ContentColumn, number>(CONTENT_COLUMNS);

/** The declaration of a fact. */
export function lineFact(name: CanonicalColumn): LineFact {
  return byName.get(name)!;
}

/** How a schedule may condition on a flag fact. */
export function flagCondition(name: FlagFact): FlagCondition {
  return byName.get(name)!.condition!;
}

/** The words of a content base ("steel content"). */
export function contentWords(name: MetalContentColumn): string {
  const base = byName.get(name)!.base!;
  return base.on === 'content' ? base.words : name;
}
