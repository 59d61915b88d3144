/** Canada's Customs Tariff table (ca-customs-tariff-tsv): tariff item, description, MFN, UST, as CBSA writes them. */
import { describe, expect, it } from 'vitest';
import { parseHtsFile } from '../../src/rules/hts/load-hts.js';

const TABLE = [
  '# revision: Customs Tariff 2026 (test)',
  'tariff_item\tdescription\tmfn\tust\tgeneral_tariff\teffective_date',
  '0101.21.00\tPure-bred breeding horses\tFree\tFree\tFree\t2026-01-01',
  '0102.29.00\tOther cattle\t8 %\tFree\t35 %\t2026-01-01',
  '0105.11.22\tBroilers for domestic production, over access commitment\t238 % but not less than 30.8 ¢each\t\t238 %\t2026-01-01',
  '2204.21.10\tWine of fresh grapes\t2.82 ¢/litre\tFree\t\t2026-01-01',
  '',
].join('\n');

describe('the Customs Tariff table', () => {
  const table = parseHtsFile(TABLE, 'sha', 'ca-customs-tariff-tsv');

  it('reads the revision, skips the header row, and keys tariff items by 8 digits', () => {
    expect(table.meta.revision).toBe('Customs Tariff 2026 (test)');
    expect(table.meta.importedRecords).toBe(4);
    expect(table.lookup('01022900')?.description).toBe('Other cattle');
  });

  it('reads "8 %" as 8% (CBSA writes a space before %); UST is the CUSMA rate', () => {
    const r = table.lookup('01022900')!;
    expect(r.general).toEqual({ kind: 'ad_valorem', rateNanos: 80_000_000 });
    expect(r.usmca).toEqual({ kind: 'free' });
    expect(r.labels?.general).toBe('MFN');
  });

  it('an item with no UST rate has none; a rate text the parser cannot compute stays unparsed (the line is incomplete)', () => {
    const r = table.lookup('01051122')!;
    expect(r.usmca).toBeUndefined();
    expect(r.general.kind).toBe('unparsed');
  });

  it('a 10-digit classification number takes its tariff item, whatever its statistical suffix; a code not in the table is unknown', () => {
    expect(table.lookup('0101210010')?.code8).toBe('01012100');
    expect(table.lookup('0101210090')?.code8).toBe('01012100');
    expect(table.lookup('01019000')).toBeUndefined();
  });

  it('search reads the description column', () => {
    expect(table.search(['cattle']).map((s) => s.record.code8)).toEqual(['01022900']);
  });
});
