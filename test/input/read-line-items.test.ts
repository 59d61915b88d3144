import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadColumnMap, parseColumnOption } from '../../src/input/column-map.js';
import type { LineItem, Rejection } from '../../src/model/line-item.js';
import { readLineItems, type ReaderOptions, type ReadEvent } from '../../src/input/read-line-items.js';

async function read(text: string | Buffer | Array<string | Buffer>, options: Partial<ReaderOptions> = {}): Promise<ReadEvent[]> {
  const chunks = Array.isArray(text) ? text : [text];
  const out: ReadEvent[] = [];
  for await (const ev of readLineItems(Readable.from(chunks), { file: 'in.csv', defaultOrigin: 'CA', ...options })) out.push(ev);
  return out;
}
const items = (evs: ReadEvent[]): LineItem[] => evs.flatMap((e) => (e.kind === 'line' ? [e.item] : []));
const rejections = (evs: ReadEvent[]): Rejection[] => evs.flatMap((e) => (e.kind === 'rejected' ? [e.rejection] : []));
const fatal = (evs: ReadEvent[]): string | undefined => evs.flatMap((e) => (e.kind === 'fatal' ? [`${e.error.sourceLine}: ${e.error.reason}`] : []))[0];

const HEAD = 'hts,value,entry_date\n';

describe('line-item reader: values', () => {
  it('reads a plain line into exact cents with defaults', async () => {
    const [item] = items(await read(`${HEAD}7208.51.0030,1234.56,2025-09-10\n`));
    expect(item).toMatchObject({ sourceLine: 2, line: '1', entry: '1', hts: '7208510030', origin: 'CA', valueCents: 123456, entryDate: '2025-09-10', usmcaClaimed: false });
  });

  it('takes the origin of a line that gives none from the schedule (the reader is told it), and rejects it when there is none to take', async () => {
    const [item] = items(await read(`${HEAD}7208.51.0030,1234.56,2025-09-10\n`, { defaultOrigin: 'MX' }));
    expect(item!.origin).toBe('MX');
    const [rejected] = rejections(await read(`${HEAD}7208.51.0030,1234.56,2025-09-10\n`, { defaultOrigin: undefined }));
    expect(rejected).toMatchObject({ column: 'origin', reason: 'the line gives no country of origin and the schedule covers more than one: give the origin' });
    const [given] = items(await read(`hts,value,entry_date,origin\n7208.51.0030,1234.56,2025-09-10,ca\n`, { defaultOrigin: undefined }));
    expect(given!.origin).toBe('CA');
  });

  it.each([
    ['"1,234.56"', 123456],
    ['$1234.5', 123450],
    ['"US$ 1,000"', 100000],
    ['1234.565', 123457],
    ['1234.564', 123456],
    ['0', 0],
  ])('value %s -> %d cents', async (value, cents) => {
    expect(items(await read(`${HEAD}7208510030,${value},2025-09-10\n`))[0]?.valueCents).toBe(cents);
  });

  it.each([
    ['-5.00', 'is negative'],
    ['abc', 'is not a number'],
    ['', 'value is empty'],
    ['1.2.3', 'is not a number'],
  ])('value %s is rejected: %s', async (value, words) => {
    const [r] = rejections(await read(`${HEAD}7208510030,${value},2025-09-10\n`));
    expect(r).toMatchObject({ sourceLine: 2, column: 'value', value });
    expect(r?.reason).toContain(words);
  });

  it.each([
    ['72085100', '72085100', undefined],
    ['7208.51.00.30', '7208510030', undefined],
    ['101.21.00', '01012100', 'leading zero'],
    ['101210010', '0101210010', 'leading zero'],
  ])('HTS %s -> %s', async (hts, code, note) => {
    const [item] = items(await read(`${HEAD}${hts},1,2025-09-10\n`));
    expect(item?.hts).toBe(code);
    if (note) expect(item?.inputNotes?.[0]).toContain(note);
    else expect(item?.inputNotes).toBeUndefined();
  });

  it.each([
    ['720851', '6 digits'],
    ['7208x51', 'not an HTS number'],
    ['72085100301', '11 digits'],
  ])('HTS %s is rejected (%s)', async (hts, words) => {
    expect(rejections(await read(`${HEAD}${hts},1,2025-09-10\n`))[0]?.reason).toContain(words);
  });

  it.each([
    ['2025-02-29', 'not a calendar date'],
    ['2024-02-30', 'not a calendar date'],
    ['25-09-10', 'not a date'],
  ])('date %s is rejected', async (date, words) => {
    const [r] = rejections(await read(`${HEAD}7208510030,1,${date}\n`));
    expect(r).toMatchObject({ column: 'entry_date', value: date });
    expect(r?.reason).toContain(words);
  });

  it('accepts slash dates in the order given, and leap days', async () => {
    expect(items(await read(`${HEAD}7208510030,1,09/10/2025\n7208510030,1,2024-02-29\n`, { dateOrder: 'MDY' })).map((i) => i.entryDate)).toEqual(['2025-09-10', '2024-02-29']);
    expect(items(await read(`${HEAD}7208510030,1,09/10/2025\n`, { dateOrder: 'DMY' })).map((i) => i.entryDate)).toEqual(['2025-10-09']);
  });

  it('stops at a slash date when no order is known (input read once has no first pass to prove it)', async () => {
    const evs = await read(`${HEAD}7208510030,1,2024-02-29\n7208510030,1,09/10/2025\n`);
    expect(items(evs).map((i) => i.entryDate)).toEqual(['2024-02-29']);
    expect(evs.find((e) => e.kind === 'fatal')).toMatchObject({ error: { sourceLine: 3 } });
  });

  it('converts currencies exactly with the given rate, and rejects a currency without one', async () => {
    const evs = await read('hts,value,currency,entry_date,steel_value\n7208510030,1000.00,CAD,2025-09-10,400\n7208510030,0.01,EUR,2025-09-10,\n', { fx: { CAD: '0.7312' } });
    expect(items(evs)[0]).toMatchObject({ valueCents: 73_120, fxRate: '0.7312', invoiceValue: { amount: '1000.00', currency: 'CAD' }, contentCents: { steel_value: 29_248 } });
    expect(rejections(evs)[0]?.reason).toBe('no exchange rate for EUR: give --fx EUR=<USD per EUR> or an FX file');
  });

  it('rounds a converted half cent up', async () => {
    expect(items(await read('hts,value,currency,entry_date\n7208510030,0.01,CAD,2025-09-10\n', { fx: { CAD: '0.5' } }))[0]?.valueCents).toBe(1);
  });

  it('reads flags, transport, content values, metal share and AD/CVD rate', async () => {
    const [item] = items(
      await read('hts,value,entry_date,usmca,transport,steel_value,metal_weight_pct,us_metal,adcvd_rate,quantity,unit\n7208510030,1000,2025-09-10,yes,Vessel,400.5,12.5%,N,35.19,1.5,KG\n'),
    );
    expect(item).toMatchObject({ usmcaClaimed: true, transport: 'ocean', contentCents: { steel_value: 40_050 }, metalWeightPct: 12.5, flags: { us_metal: false }, adcvdRateNanos: 351_900_000, quantityMicros: 1_500_000, unit: 'kg' });
  });

  it.each([
    ['usmca', 'maybe', 'must be Y or N'],
    ['transport', 'camel', 'not a mode'],
    ['metal_weight_pct', '120', 'more than 100%'],
    ['origin', 'Canada', 'two-letter'],
    ['currency', 'C$', 'three-letter'],
  ])('%s "%s" is rejected', async (column, value, words) => {
    const [r] = rejections(await read(`hts,value,entry_date,${column}\n7208510030,1,2025-09-10,${value}\n`));
    expect(r).toMatchObject({ column, value });
    expect(r?.reason).toContain(words);
  });

  it('rejects a content value larger than the line value', async () => {
    const [r] = rejections(await read('hts,value,entry_date,steel_value\n7208510030,1000,2025-09-10,1200.00\n'));
    expect(r?.reason).toBe('steel_value 1200.00 is more than the line value 1000');
  });
});

describe('line-item reader: the CSV itself', () => {
  it('handles a byte-order mark, CRLF, semicolons, blank lines and quoted fields with newlines, keeping physical line numbers', async () => {
    const evs = await read('\uFEFFhts;value;entry_date;description\r\n7208510030;1;2025-09-10;"two\r\nlines"\r\n\r\n7208510030;2;2025-09-10;x\r\n');
    expect(items(evs).map((i) => [i.sourceLine, i.description, i.valueCents])).toEqual([
      [2, 'two\r\nlines', 100],
      [5, 'x', 200],
    ]);
  });

  it('detects a tab delimiter', async () => {
    expect(items(await read('hts\tvalue\tentry_date\n7208510030\t1\t2025-09-10\n')).length).toBe(1);
  });

  it('rejects rows with too few or too many fields, keeping the raw fields', async () => {
    const r = rejections(await read(`${HEAD}7208510030,1\n7208510030,1,2025-09-10,extra\n`));
    expect(r.map((x) => [x.sourceLine, x.raw.length])).toEqual([
      [2, 2],
      [3, 4],
    ]);
    expect(r[0]?.reason).toContain('2 fields but the header has 3');
  });

  it('rejects the row where an unbalanced quote opens, after the rows before it', async () => {
    const evs = await read(`${HEAD}7208510030,1,2025-09-10\n7208510030,"2,2025-09-10\n7208510030,3,2025-09-10\n`);
    expect(items(evs).length).toBe(1);
    expect(fatal(evs)).toBeUndefined();
    expect(rejections(evs).map((r) => [r.sourceLine, r.reason])).toEqual([[3, expect.stringMatching(/quote opened on this row \(line 3\) is never closed/)]]);
  });

  it('rejects rows with bytes that are not UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from(`hts,value,entry_date,description\n7208510030,1,2025-09-10,caf`), Buffer.from([0xe9]), Buffer.from('\n7208510030,1,2025-09-10,ok\n')]);
    const evs = await read(bytes);
    expect(rejections(evs)[0]?.reason).toContain('not UTF-8');
    expect(items(evs).length).toBe(1);
  });

  it('keeps a replacement character the file spells in valid UTF-8 (found by the round-trip property)', async () => {
    const evs = await read(Buffer.from('hts,value,entry_date,description\n7208510030,1,2025-09-10,\uFFFD marked\n', 'utf8'));
    expect(rejections(evs)).toEqual([]);
    expect(items(evs)[0]?.description).toBe('\uFFFD marked');
  });

  it('keeps a spelled-out replacement character whose three bytes fall in two chunks of the file', async () => {
    const bytes = Buffer.from('hts,value,entry_date,description\n7208510030,1,2025-09-10,\uFFFD marked\n', 'utf8');
    const at = bytes.indexOf(Buffer.from([0xef, 0xbf, 0xbd])) + 2;
    const evs = await read([bytes.subarray(0, at), bytes.subarray(at)]);
    expect(rejections(evs)).toEqual([]);
    expect(items(evs)[0]?.description).toBe('\uFFFD marked');
  });

  it('rejects a last row cut inside a character (the file ends in bytes that are not UTF-8)', async () => {
    const bytes = Buffer.concat([Buffer.from('hts,value,entry_date,description\n7208510030,1,2025-09-10,ok\n7208510030,1,2025-09-10,caf'), Buffer.from([0xc3])]);
    const evs = await read(bytes);
    expect(rejections(evs)[0]?.reason).toContain('not UTF-8');
    expect(items(evs).length).toBe(1);
  });

  it('says an empty file is empty, and a header-only file has no lines', async () => {
    expect(fatal(await read(''))).toBe('1: the file is empty: it has no header and no rows');
    const headerOnly = await read(HEAD);
    expect(fatal(headerOnly)).toBeUndefined();
    expect(items(headerOnly)).toEqual([]);
  });

  it('refuses a header without a required column, naming it', async () => {
    expect(fatal(await read('hts,price,entry_date\n7208510030,1,2025-09-10\n'))).toContain('the file has no value column');
  });

  it('refuses duplicate headers', async () => {
    expect(fatal(await read('hts,value,value,entry_date\n'))).toContain('"value" twice');
    expect(fatal(await read('hts,value,customs_value,entry_date\n'))).toContain('both mean value');
  });

  it('maps headers with --column and --map, and uses --date when the file has no date', async () => {
    const evs = await read('Tariff No,Line Value\n7208510030,5\n', { columnMap: { hts: 'Tariff No', value: 'Line Value' }, defaultDate: '2025-09-10' });
    expect(items(evs)[0]).toMatchObject({ hts: '7208510030', valueCents: 500, entryDate: '2025-09-10' });
    expect(parseColumnOption('hts=Tariff No')).toEqual(['hts', 'Tariff No']);
    expect(() => parseColumnOption('price=x')).toThrow(/not a column/);
    expect(loadColumnMap('{"hts":"Tariff"}')).toEqual({ hts: 'Tariff' });
    expect(() => loadColumnMap('{"htz":"Tariff"}')).toThrow(/canonical column names/);
  });

  it('works when rows arrive split across chunks anywhere', async () => {
    const text = `${HEAD}7208510030,1,2025-09-10\n7208510030,2,2025-09-10\n`;
    for (let cut = 1; cut < text.length; cut += 7) {
      expect(items(await read([text.slice(0, cut), text.slice(cut)])).map((i) => i.valueCents)).toEqual([100, 200]);
    }
  });
});

describe('CSV tokenizer edge cases', () => {
  it('keeps "" escapes, quotes inside unquoted fields, text after a closing quote, and a lone CR line end', async () => {
    const evs = await read('hts,value,entry_date,description\r7208510030,1,2025-09-10,"say ""hi"""\r7208510030,2,2025-09-10,5" pipe\n7208510030,3,2025-09-10,"a"b\n');
    expect(items(evs).map((i) => [i.sourceLine, i.description])).toEqual([
      [2, 'say "hi"'],
      [3, '5" pipe'],
      [4, 'ab'],
    ]);
  });

  it('splits anywhere, even between the two quotes of an escape or between CR and LF', async () => {
    const text = 'hts,value,entry_date,description\r\n7208510030,1,2025-09-10,"x""y"\r\n7208510030,2,2025-09-10,z\r\n';
    for (let cut = 1; cut < text.length; cut++) {
      const got = items(await read([text.slice(0, cut), text.slice(cut)])).map((i) => [i.sourceLine, i.description]);
      expect(got, `cut at ${cut}`).toEqual([
        [2, 'x"y'],
        [3, 'z'],
      ]);
    }
  });
});
