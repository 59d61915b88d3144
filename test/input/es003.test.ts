/**
 * ACE ES-003 exports: grouping rows into entry lines, in ACE's order (streamed) and in any other order
 * (held until the end), and the look-ahead that tells the two apart.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { compareEs003Keys } from '../../src/input/es003.js';
import { filedOf } from '../../src/model/filing.js';
import { es003Order } from '../../src/input/es003-order.js';
import type { LineItem, Rejection } from '../../src/model/line-item.js';
import { readLineItems, type ReaderOptions, type ReadEvent } from '../../src/input/read-line-items.js';

const SAMPLE = readFileSync('data/examples/es003-sample.csv', 'utf8');
const [HEADER, ...ROWS] = SAMPLE.trimEnd().split('\n');

async function read(text: string, options: Partial<ReaderOptions> = {}): Promise<ReadEvent[]> {
  const out: ReadEvent[] = [];
  for await (const ev of readLineItems(Readable.from([text]), { file: 'es003.csv', defaultOrigin: 'CA', ...options })) out.push(ev);
  return out;
}
const items = (evs: ReadEvent[]): LineItem[] => evs.flatMap((e) => (e.kind === 'line' ? [e.item] : []));
const rejections = (evs: ReadEvent[]): Rejection[] => evs.flatMap((e) => (e.kind === 'rejected' ? [e.rejection] : []));
const summary = (i: LineItem): string => `${i.entry}/${i.line} ${i.hts} ${i.valueCents} ${filedOf(i)?.headings.map((h) => `${h.heading}=${h.cents}`).join(' ')}`;

/** The sample's rows in a fixed scrambled order (every third row first, then the rest reversed). */
const scrambled = [HEADER, ...ROWS.filter((_, i) => i % 3 === 0), ...ROWS.filter((_, i) => i % 3 !== 0).reverse()].join('\n') + '\n';

describe('ES-003 entry/line order', () => {
  it.each([
    ['31612345678\u00002', '31612345678\u000010', -1],
    ['31612345678\u000010', '31612345678\u00002', 1],
    ['31612345679\u00001', '31612345678\u00009', 1],
    ['ABC12345678\u00001', 'ABC12345678\u00001', 0],
  ])('%j against %j: line numbers compare as numbers, entries as text', (a, b, sign) => {
    expect(Math.sign(compareEs003Keys(a, b))).toBe(sign);
  });

  it('the shipped sample is in ACE order, the scrambled copy is not, a line-item CSV is not an export', async () => {
    expect(await es003Order(Readable.from([SAMPLE]), {})).toBe('sorted');
    expect(await es003Order(Readable.from([scrambled]), {})).toBe('unsorted');
    expect(await es003Order(Readable.from(['hts,value,entry_date\n7208510030,1,2025-09-10\n']), {})).toBe('not-es003');
    expect(await es003Order(Readable.from([SAMPLE]), { layout: 'lines' })).toBe('not-es003');
  });
});

describe('ES-003 grouping', () => {
  it('groups the sample into 10 entry lines: 8 read, the MX line read (judged later), 1 malformed value rejected', async () => {
    const evs = await read(SAMPLE);
    expect(items(evs)).toHaveLength(9);
    expect(rejections(evs)).toHaveLength(1);
    expect(rejections(evs)[0]).toMatchObject({ sourceLine: 21, column: 'Line Tariff Goods Value Amount', value: '$12,3x4.00' });
    expect(summary(items(evs)[2]!)).toBe('31612345679/1 8481809050 1500000 9903.01.10=525000');
    expect(items(evs)[2]!.usmcaClaimed).toBe(true);
  });

  it('a scrambled export read with es003Order "unsorted" gives the same entry lines, in ACE order', async () => {
    const sorted = (await read(SAMPLE)).filter((e) => e.kind === 'line').map((e) => summary((e as { item: LineItem }).item));
    const evs = await read(scrambled, { es003Order: 'unsorted' });
    expect(items(evs).map(summary)).toEqual(sorted);
    expect(rejections(evs).map((r) => r.column)).toEqual(['Line Tariff Goods Value Amount']);
  });

  it('a scrambled export streamed as if sorted (standard input) rejects each row that goes back, with both keys named', async () => {
    const evs = await read(scrambled);
    const back = rejections(evs).filter((r) => r.reason.includes('not in entry and line order'));
    expect(back.length).toBeGreaterThan(0);
    expect(back[0]!.reason).toMatch(/^entry 316123456\d\d line \d comes after entry 316123456\d\d line \d: /);
    expect(items(evs).length + rejections(evs).length).toBeLessThan(ROWS.length + 1);
  });
});
