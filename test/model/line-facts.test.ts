/**
 * A line fact is declared once (src/model/line-facts.ts) and everything that names facts is made from that
 * table: the input columns and `estimate --help`, the schedule format's enums, row reading, `lookup`'s
 * options and the plan key. A fact added to the table reaches all of them, or one of these fails.
 */
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { canonicalColumns, canonicalFor } from '../../src/input/columns.js';
import { readLineItems, type ReadEvent } from '../../src/input/read-line-items.js';
import { CONTENT_COLUMNS, contentOf, FLAG_FACTS, flagsOf, LINE_FACTS, METAL_CONTENT_COLUMNS } from '../../src/model/line-facts.js';
import { CONTENT_BITS, FACT_SPACE, factBits, FLAG_BITS, PlanKeys } from '../../src/engine/plan-key.js';
import type { HtsRecord } from '../../src/rules/hts/types.js';
import { baseSchema, conditionSchema } from '../../src/rules/schedule-schema.js';
import { line } from '../helpers/line.js';
import { tariffAsync } from '../helpers/cli.js';

async function readOne(csv: string) {
  const events: ReadEvent[] = [];
  for await (const ev of readLineItems(Readable.from([csv]), { file: 'facts.csv', defaultOrigin: 'CA' })) events.push(ev);
  return events;
}

describe('line facts', () => {
  it('are the input columns, each with its aliases, and estimate --help lists every one', async () => {
    expect(canonicalColumns.map((c) => c.name)).toEqual(LINE_FACTS.map((f) => f.name));
    for (const f of LINE_FACTS) for (const a of [f.name, ...f.aliases]) expect(canonicalFor(a)).toBe(f.name);
    const help = (await tariffAsync(['estimate', '--help'])).stdout;
    for (const f of LINE_FACTS) expect(help).toContain(`  ${f.name.padEnd(18)}${f.required ? 'required ' : '         '}${f.help}`);
  });

  it('give lookup an option each when they say so (test/cli/transshipment.test.ts and others use them)', async () => {
    const help = (await tariffAsync(['lookup', '--help'])).stdout.replace(/\s+/g, ' ');
    for (const f of LINE_FACTS) if ('lookup' in f) expect(help).toContain(`${f.lookup.option} ${f.lookup.help}`.replace(/\s+/g, ' '));
  });

  it('are what a schedule may condition on (flags) and charge on (content values)', () => {
    for (const name of FLAG_FACTS) {
      const withMissing = conditionSchema.safeParse({ [name]: true, if_missing: false });
      const bare = conditionSchema.safeParse({ [name]: true });
      expect(withMissing.success || bare.success, name).toBe(true);
    }
    expect(conditionSchema.safeParse({ not_a_fact: true }).success).toBe(false);
    for (const name of CONTENT_COLUMNS) expect(conditionSchema.safeParse({ has_value: name }).success, name).toBe(true);
    for (const name of METAL_CONTENT_COLUMNS) expect(baseSchema.safeParse({ content: name, if_missing: 'full_value' }).success, name).toBe(true);
    expect(conditionSchema.safeParse({ has_value: 'value' }).success).toBe(false);
  });

  it('are read from their columns: every flag into the line\'s flags, every content value into its cents', async () => {
    const header = ['hts', 'value', 'entry_date', ...FLAG_FACTS, ...CONTENT_COLUMNS];
    const row = ['7604.10.1000', '1000', '2025-09-10', ...FLAG_FACTS.map((_, i) => (i % 2 === 0 ? 'Y' : 'N')), ...CONTENT_COLUMNS.map((_, i) => String(10 + i))];
    const events = await readOne(`${header.join(',')}\n${row.join(',')}\n`);
    const item = events.find((e) => e.kind === 'line')!;
    if (item.kind !== 'line') throw new Error('no line');
    FLAG_FACTS.forEach((name, i) => expect(item.item.flags[name], name).toBe(i % 2 === 0));
    CONTENT_COLUMNS.forEach((name, i) => expect(item.item.contentCents[name], name).toBe((10 + i) * 100));
  });

  it('each have their own bits in the plan key, below the rest of the key', () => {
    const bits = [1, 2, 4, 8, ...FLAG_BITS.flatMap((f) => [f.yes, f.no]), ...CONTENT_BITS.map((c) => c.given)];
    expect(new Set(bits).size).toBe(bits.length);
    for (const b of bits) expect(Math.log2(b) % 1).toBe(0);
    expect(Math.max(...bits)).toBeLessThan(FACT_SPACE);
    const keys = new PlanKeys([]);
    const record = { code8: '76041010', general: { kind: 'free' } } as unknown as HtsRecord;
    const base = { hts: '7604101000', valueCents: 100_000, entryDate: '2025-09-10' };
    const seen = new Set<number | undefined>([keys.key(line(base), record)]);
    for (const name of FLAG_FACTS) for (const v of [true, false]) seen.add(keys.key(line({ ...base, flags: { [name]: v } }), record));
    for (const name of CONTENT_COLUMNS) seen.add(keys.key(line({ ...base, contentCents: { [name]: 1 } }), record));
    expect(seen.size).toBe(1 + 2 * FLAG_FACTS.length + CONTENT_COLUMNS.length);
  });

  it('are read by the code written from the table (flagsOf, contentOf, factBits) as a loop over the table reads them', () => {
    const flagValue = fc.constantFrom(true, false, undefined);
    const contentValue = fc.option(fc.integer({ min: 0, max: 10 ** 9 }), { nil: undefined });
    fc.assert(
      fc.property(fc.tuple(...FLAG_FACTS.map(() => flagValue)), fc.tuple(...CONTENT_COLUMNS.map(() => contentValue)), (flagValues, contentValues) => {
        const flags = flagsOf(flagValues);
        const contentCents = contentOf(contentValues);
        expect(Object.keys(flags)).toEqual([...FLAG_FACTS]);
        expect(Object.keys(contentCents)).toEqual([...CONTENT_COLUMNS]);
        FLAG_FACTS.forEach((name, i) => expect(flags[name]).toBe(flagValues[i]));
        CONTENT_COLUMNS.forEach((name, i) => expect(contentCents[name]).toBe(contentValues[i]));
        let bits = 0;
        for (const f of FLAG_BITS) if (flags[f.name] !== undefined) bits += flags[f.name] ? f.yes : f.no;
        for (const c of CONTENT_BITS) if (contentCents[c.name] !== undefined) bits += c.given;
        expect(factBits(line({ hts: '7604101000', valueCents: 100_000, entryDate: '2025-09-10', flags, contentCents }))).toBe(bits);
      }),
      { numRuns: 500 },
    );
  });
});
