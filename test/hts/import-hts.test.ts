import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHtsFile, DEFAULT_HTS_PATH } from '../../src/rules/hts/load-hts.js';
import { importHtsFile } from '../../src/scripts/import-hts.js';
import { hasSharedExport, SHARED_HTS_EXPORT } from './shared-data.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('HTS import', () => {
  it('turns a CSV export into one row per 8-digit subheading, rates from 10-digit rows attributed to their parent, chapter 99 left out', () => {
    const text = importHtsFile(join(fixtures, 'mini-export.csv'), '2026 HTS Revision 3');
    const rows = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(rows).toEqual([
      'code8\tgeneral\tspecial\tunits\tsuffixes\tdescription',
      '01012100\tFree\t\tNo.\t10,20\tPurebred breeding animals',
      '01012900\tFree\t\tNo.\t10\tHorses: Other',
      '01013000\t6.8%\tFree (A+,AU,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG)\tNo.\t00\tAsses',
      '22042150\t6.3¢/liter\tFree (A+,AU,BH,CL,CO,D,E,IL,KR,MA,OM,P,PA,PE,S,SG) 2.8¢/liter (JO)\tliters\t15\tOther',
    ]);
    expect(text).toContain('# revision: 2026 HTS Revision 3');
  });

  it('reads the JSON export to the same data as the CSV export', () => {
    const fromCsv = importHtsFile(join(fixtures, 'mini-export.csv'), 'r').split('\n').filter((l) => !l.startsWith('# source'));
    const fromJson = importHtsFile(join(fixtures, 'mini-export.json'), 'r').split('\n').filter((l) => !l.startsWith('# source'));
    expect(fromJson).toEqual(fromCsv);
  });

  it.skipIf(!hasSharedExport)('re-importing the shared 2026 Rev. 3 export reproduces data/hts/hts.tsv byte for byte (needs ../shared)', () => {
    expect(importHtsFile(SHARED_HTS_EXPORT)).toBe(readFileSync(DEFAULT_HTS_PATH, 'utf8'));
  });
});

describe('HTS table', () => {
  const table = parseHtsFile(importHtsFile(join(fixtures, 'mini-export.csv'), 'test'), 'sha');

  it('finds 8- and 10-digit codes; 10-digit lines inherit the subheading rate', () => {
    expect(table.lookup('01013000')?.generalText).toBe('6.8%');
    expect(table.lookup('0101300000')?.usmca).toEqual({ kind: 'free' });
    expect(table.lookup('0101210020')?.general).toEqual({ kind: 'free' });
    expect(table.lookup('2204215015')?.general).toEqual({ kind: 'specific', amountNanoDollars: 63_000_000, per: 1, unit: 'liter' });
  });

  it('refuses statistical suffixes that do not exist, and suggests neighbours', () => {
    expect(table.lookup('0101210030')).toBeUndefined();
    expect(table.lookup('0101290020')).toBeUndefined();
    expect(table.lookup('99999999')).toBeUndefined();
    expect(table.suggest('0101210030', 2)).toEqual(['0101.21.00.20', '0101.21.00.10']);
  });

  it('the shipped table knows 11,860 subheadings of the 2026 Rev. 3 export', () => {
    const shipped = parseHtsFile(readFileSync(DEFAULT_HTS_PATH, 'utf8'), 'x');
    expect(shipped.meta).toMatchObject({ revision: '2026 HTS Revision 3', importedRecords: 11_860 });
    expect(shipped.lookup('7208510030')?.generalText).toBe('Free');
  });
});
