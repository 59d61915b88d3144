/**
 * The facts of a line its plan depends on (see line-plan), packed in one number so lines can share plans at
 * the cost of a few comparisons: the USMCA claim, each Y/N fact schedules condition on (given Y, given N or not given),
 * which content values are given, whether an AD/CVD rate is given (and whether it is zero), the origin, which of the transports the schedule's
 * conditions name it is, where the metal share by weight falls among the thresholds they compare it with,
 * and, where column 1 is on quantity, whether a quantity is given and its unit (a warning names it). The HTS
 * code and the date segment are keyed apart.
 */
import { CONTENT_COLUMNS, factIdentifier, FLAG_FACTS } from '../model/line-facts.js';
import type { LineItem } from '../model/line-item.js';
import type { HtsRecord, ParsedRate } from '../rules/hts/types.js';
import type { Condition, Measure } from '../rules/schedule-schema.js';

/** Distinct transports, origins or units beyond this are not keyed: their lines are planned one by one. */
const MAX_INTERNED = 32;
/** An interned text's code: 0 (none) to MAX_INTERNED. */
const INTERNED_VALUES = MAX_INTERNED + 1;

/** The facts' bits in a key: the USMCA claim, an AD/CVD rate given (positive or zero), a quantity read; then two bits a flag (Y, N), one a content value. */
const USMCA_BIT = 1;
const ADCVD_BIT = 2;
const ADCVD_ZERO_BIT = 4;
const QUANTITY_BIT = 8;
const FIRST_FACT_BIT = 4;
export const FLAG_BITS = FLAG_FACTS.map((name, i) => ({ name, yes: 2 ** (FIRST_FACT_BIT + 2 * i), no: 2 ** (FIRST_FACT_BIT + 2 * i + 1) }));
export const CONTENT_BITS = CONTENT_COLUMNS.map((name, i) => ({ name, given: 2 ** (FIRST_FACT_BIT + 2 * FLAG_FACTS.length + i) }));
/**
 * Above the facts' bits: the metal share, the transport, the origin and the unit, each a digit of as many values
 * as it can take (at most 64, 256, 33 and 33); all within a double's 53 exact bits.
 */
export const FACT_SPACE = 2 ** (FIRST_FACT_BIT + 2 * FLAG_FACTS.length + CONTENT_COLUMNS.length);
if (FACT_SPACE * 2 ** 30 > Number.MAX_SAFE_INTEGER + 1) throw new Error('too many line facts for a plan key');

/**
 * The bits of a line's Y/N facts and given content values, read by a function written once from the facts
 * table, a named property read per fact: reading `flags[name]` in a loop over the names (one place in the code
 * reading many names) cost several times as much, a twentieth of compare's time on 200k lines of 3 scenarios.
 * What it computes: for each flag given, its `yes` or `no` bit; for each content value given, its `given` bit.
 */
function compileFactBits(): (item: LineItem) => number {
  const body = ['let facts = 0;', 'const flags = item.flags;', 'const content = item.contentCents;'];
  for (const f of FLAG_BITS) {
    const name = factIdentifier(f.name);
    body.push(`if (flags.${name} !== undefined) facts += flags.${name} ? ${f.yes} : ${f.no};`);
  }
  for (const c of CONTENT_BITS) body.push(`if (content.${factIdentifier(c.name)} !== undefined) facts += ${c.given};`);
  body.push('return facts;');
  return new Function('item', body.join('\n')) as (item: LineItem) => number;
}

export const factBits = compileFactBits();

/** The metal-share thresholds and transports the conditions name. */
function namedIn(c: Condition, thresholds: Set<number>, transports: Set<string>): void {
  if ('metal_weight_pct' in c) {
    if (c.metal_weight_pct.below !== undefined) thresholds.add(c.metal_weight_pct.below);
    if (c.metal_weight_pct.at_least !== undefined) thresholds.add(c.metal_weight_pct.at_least);
  } else if ('transport' in c) for (const t of c.transport) transports.add(t);
  else if ('not' in c) namedIn(c.not, thresholds, transports);
  else if ('any' in c) for (const inner of c.any) namedIn(inner, thresholds, transports);
}

const onQuantity = (r: ParsedRate | undefined): boolean => r !== undefined && (r.kind === 'specific' || (r.kind === 'compound' && r.parts.some((p) => p.kind === 'specific')));

class Interned {
  /** Few texts (transports, origins, units): a scan of them costs less than a map lookup. */
  private readonly texts: string[] = [];

  /** 1 + a small number for the text, 0 for none, -1 when too many are known. */
  code(text: string | undefined): number {
    if (text === undefined) return 0;
    const texts = this.texts;
    for (let i = 0; i < texts.length; i++) if (texts[i] === text) return i + 1;
    if (texts.length >= MAX_INTERNED) return -1;
    texts.push(text);
    return texts.length;
  }
}

export class PlanKeys {
  /** Every metal-share threshold of the schedule, ascending: a share's key is how many it reaches. */
  private readonly thresholds: number[];
  /** The transports conditions name; any other (or none) is the same to every condition. */
  private readonly transports: string[];
  /** How many values the metal share and the transport parts of a key take: none, then one per threshold reached or transport named. */
  private readonly shareValues: number;
  private readonly transportValues: number;
  private readonly origins = new Interned();
  private readonly units = new Interned();
  /** The last line keyed: the schedules of a comparison ask for the same line's key in turn. */
  private lastItem: LineItem | undefined;
  private lastRecord: HtsRecord | undefined;
  private lastKey: number | undefined;

  constructor(measures: readonly Measure[]) {
    const thresholds = new Set<number>();
    const transports = new Set<string>();
    for (const m of measures) for (const c of m.when) namedIn(c, thresholds, transports);
    this.thresholds = [...thresholds].sort((a, b) => a - b);
    this.transports = [...transports];
    this.shareValues = this.thresholds.length + 2;
    this.transportValues = this.transports.length + 1;
  }

  /** The key of the line's facts, or undefined when they are too unusual to key (the line is planned alone). */
  key(item: LineItem, record: HtsRecord): number | undefined {
    if (item === this.lastItem && record === this.lastRecord) return this.lastKey;
    this.lastItem = item;
    this.lastRecord = record;
    return (this.lastKey = this.keyOf(item, record));
  }

  private keyOf(item: LineItem, record: HtsRecord): number | undefined {
    // A code not in the tariff table takes the line's own rate: such a line is planned alone.
    if (record.notInTable) return undefined;
    const transport = item.transport === undefined ? 0 : this.transports.indexOf(item.transport) + 1;
    const origin = this.origins.code(item.origin);
    const quantityRead = onQuantity(record.general) || (item.usmcaClaimed && onQuantity(record.usmca));
    const unit = quantityRead && item.quantityMicros !== undefined ? this.units.code(item.unit) : 0;
    if (origin < 0 || unit < 0 || this.transports.length > 254) return undefined;
    let facts = item.usmcaClaimed ? USMCA_BIT : 0;
    // Given and positive (charged as the line's rate), or given as zero (still the producer's own rate).
    if (item.adcvdRateNanos !== undefined) facts += item.adcvdRateNanos > 0 ? ADCVD_BIT : ADCVD_ZERO_BIT;
    if (quantityRead && item.quantityMicros !== undefined) facts += QUANTITY_BIT;
    facts += factBits(item);
    let share = 0;
    const pct = item.metalWeightPct;
    if (pct !== undefined) {
      if (this.thresholds.length > 62) return undefined;
      share = 1;
      for (const t of this.thresholds) if (pct >= t) share += 1;
    }
    // Each part in as few values as the schedule needs, the unit (keyed only where column 1 is on quantity) last:
    // a key under 2^30 is a small integer to V8, which a map finds without boxing it (measured: a boxed key for
    // every line doubled the time of the plan lookup).
    return facts + FACT_SPACE * (share + this.shareValues * (transport + this.transportValues * (origin + INTERNED_VALUES * unit)));
  }
}
