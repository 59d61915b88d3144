/**
 * Canada's Customs Tariff table (data/tariffs/ca-customs-tariff.tsv): the import of CBSA's export is deterministic
 * and refuses what it cannot read; the committed table is either that import, byte for byte, or says it is a
 * partial hand-written excerpt; every item of the Canadian surtax lists is either in the table or counted missing.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseListFile } from '../../src/rules/list-file.js';
import { DATA_DIR } from '../../src/rules/paths.js';
import {
  buildCaTariffFile,
  CA_TARIFF_COLUMNS,
  DEFAULT_CA_TARIFF_OUT,
  importCaTariff,
  loadCaTariffSpec,
  type CaTariffSpec,
} from '../../src/scripts/import-ca-tariff.js';

const HEADER =
  'TARIFF,EFF_DATE,CHANGE,SUB_CHAP,DESC1,DESC2,DESC3,FOOTNOTE,UOM,MFN,AUT,NZT,CCCT,LDCT,GPT,UST,MXT,CIAT,CT,CRT,IT,NT,SLT,PT,COLT,JT,PAT,HNT,KRT,CEUT,CPTPT,UKT,row_id,UAT,General Tariff,CPUKT';
/** A row in the export's layout (36 columns): only the columns the import reads are given. */
function row(tariff: string, date: string, desc: string, mfn: string, ust: string, general: string, desc2 = ''): string {
  const cells = new Array<string>(36).fill('');
  cells[0] = tariff;
  cells[1] = date;
  cells[4] = desc;
  cells[5] = desc2;
  cells[9] = mfn;
  cells[15] = ust;
  cells[34] = general;
  return cells.join(',');
}
// Invented rows in the export's layout: a heading, grouping rows, tariff items, classification numbers, a quoted
// description running over two lines, a DESC2 continuation, a rate with no UST, an exact repeat.
const FIXTURE = [
  HEADER,
  row('98.01', '01/01/98 00:00:00', 'A heading.', '', '', ''),
  row('9801.1', '01/01/12 00:00:00', 'A grouping:', '', '', ''),
  row('9801.10.00', '09/01/26 00:00:00', 'First item', 'Free', 'Free', '35%'),
  row('9801.10.00.10', '01/01/12 00:00:00', 'A statistical line', '', '', ''),
  row('9801.10.00.90', '01/01/12 00:00:00', 'Another', '', '', ''),
  row('9801.20.10', '01/01/26 00:00:00', '"Over two\nlines"', '8 %', 'Free', '35%', 'continued'),
  row('9801.20.10.00', '01/01/26 00:00:00', 'Over two lines', '8 %', 'Free', '35%'),
  row('9801.20.22', '09/01/26 00:00:00', 'Over access commitment', '238 % but not less than 30.8 ¢each', '', '238 % but not less than 30.8 ¢each'),
  row('9801.10.00', '09/01/26 00:00:00', 'First item', 'Free', 'Free', '35%'),
  '',
].join('\n');
const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
const spec = (bytes: Buffer, extra: Partial<CaTariffSpec> = {}): CaTariffSpec => ({
  format: 'tariff-ca-tariff-source/1',
  source: 'ca/fixture.csv',
  edition: 'Fixture edition',
  upstream: 'invented rows in the CBSA TPHS layout',
  sha256: sha(bytes),
  ...extra,
});
const dataRows = (text: string): string[] => text.split('\n').filter((l) => /^\d{8}\t/.test(l));

describe('import-ca-tariff: CBSA export -> data/tariffs/ca-customs-tariff.tsv', () => {
  const bytes = Buffer.from(FIXTURE, 'utf8');

  it('keeps the eight-digit tariff items only, one line each, in order, with the rates as written', () => {
    const r = buildCaTariffFile(spec(bytes), bytes);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.count).toBe(3);
    expect(r.statistical).toBe(3);
    expect(r.noMfn).toBe(0);
    expect(dataRows(r.text)).toEqual([
      '98011000\tFirst item\tFree\tFree\t35%\t2026-09-01',
      '98012010\tOver two lines continued\t8 %\tFree\t35%\t2026-01-01',
      '98012022\tOver access commitment\t238 % but not less than 30.8 ¢each\t\t238 % but not less than 30.8 ¢each\t2026-09-01',
    ]);
    expect(r.text).toContain(`\n${CA_TARIFF_COLUMNS.join('\t')}\n`);
    expect(r.text).toContain('# revision: Fixture edition\n');
    expect(r.text).toContain(`# source-sha256: ${sha(bytes)}\n`);
    expect(r.text).toContain('# count: 3 tariff items');
    expect(r.text).toContain('# source: data/sources/ca/fixture.csv (invented rows in the CBSA TPHS layout)\n');
  });

  it('gives the same bytes on a re-run, and from a file saved with a byte-order mark the same rows', () => {
    const a = buildCaTariffFile(spec(bytes), bytes);
    const b = buildCaTariffFile(spec(bytes), Buffer.from(bytes));
    expect(a.ok && b.ok && a.text === b.text).toBe(true);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    const c = buildCaTariffFile(spec(bom), bom);
    expect(c.ok && a.ok && dataRows(c.text)).toEqual(a.ok && dataRows(a.text));
  });

  it('refuses a file whose sha256 is not the one the spec pins', () => {
    const r = buildCaTariffFile(spec(bytes, { sha256: '0'.repeat(64) }), bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toContain('sha256 is');
  });

  it('names the row and column of what it cannot read: a missing column, a bad date, a tariff item given twice with other rates', () => {
    const noUst = Buffer.from(FIXTURE.replace(',UST,', ',USX,'));
    const a = buildCaTariffFile(spec(noUst), noUst);
    expect(a.ok ? [] : a.errors).toEqual([expect.objectContaining({ row: 1, column: 'UST' })]);
    // Rows are CSV records, the header being 1 (a quoted field over two lines is one record).
    const badDate = Buffer.from(FIXTURE.replace('9801.20.10,01/01/26 00:00:00', '9801.20.10,2026-01-01'));
    const b = buildCaTariffFile(spec(badDate), badDate);
    expect(b.ok ? [] : b.errors).toEqual([expect.objectContaining({ row: 7, column: 'EFF_DATE' })]);
    const conflict = Buffer.from(FIXTURE.replace(/\n([^\n]*First item,[^\n]*)\n$/, (_m, last: string) => `\n${last.replace('Free,', '5 %,')}\n`));
    const c = buildCaTariffFile(spec(conflict), conflict);
    expect(c.ok ? [] : c.errors).toEqual([expect.objectContaining({ row: 10, column: 'TARIFF', message: expect.stringContaining('row 4') })]);
  });

  it('a missing raw file is an error, not an empty table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ca-tariff-'));
    writeFileSync(join(dir, 'spec.yaml'), 'format: tariff-ca-tariff-source/1\nsource: ca/absent.csv\nedition: E\nupstream: U\n');
    const r = importCaTariff(join(dir, 'spec.yaml'), dir);
    expect(r.ok ? [] : r.errors).toEqual([expect.objectContaining({ file: 'data/sources/ca/absent.csv' })]);
    mkdirSync(join(dir, 'ca'));
    writeFileSync(join(dir, 'ca', 'absent.csv'), bytes);
    expect(importCaTariff(join(dir, 'spec.yaml'), dir).ok).toBe(true);
  });
});

describe('the committed Customs Tariff table', () => {
  const table = readFileSync(DEFAULT_CA_TARIFF_OUT, 'utf8');
  const spec = loadCaTariffSpec();
  const raw = join(DATA_DIR, 'sources', spec.source);
  const generated = table.includes('# generated by npm run import-ca-tariff');

  it('is the import of the raw file the spec names, byte for byte, or says it is a partial hand-written excerpt (and then the raw file is absent)', () => {
    if (generated) {
      expect(spec.sha256, 'a generated table needs the raw file pinned').toBeDefined();
      const r = importCaTariff();
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      expect(r.text).toBe(table);
      expect(Number(/# count: (\d+) tariff items/.exec(table)![1])).toBe(dataRows(table).length);
    } else {
      // The raw file present means the table must be made from it.
      expect(existsSync(raw), `${spec.source} is there: run npm run import-ca-tariff`).toBe(false);
      expect(table).toMatch(/^# revision: .*PARTIAL/m);
      expect(table).toMatch(/^# MISSING: /m);
      expect(table).not.toMatch(/^# source-sha256:/m);
    }
    expect(table.split('\n').find((l) => !l.startsWith('#'))).toBe(CA_TARIFF_COLUMNS.join('\t'));
    expect(new Set(dataRows(table).map((l) => l.slice(0, 8))).size).toBe(dataRows(table).length);
  });

  // Items of each Canadian surtax list with a row in the table, and without one (MISSING: no MFN/UST rate).
  // Pinned so that a changed table shows up here; docs/canada-us-sources.md has the same table.
  const COVERAGE: Record<string, [number, number]> = {
    'surtax-2025-1.txt': [138, 1118],
    'surtax-2026-15.txt': [21, 0],
    'surtax-2026-25.txt': [108, 64],
    'surtax-2026-50.txt': [12, 130],
    'surtax-2026-chapter-98-99.txt': [0, 14],
    'surtax-motor-vehicles-2025.txt': [19, 0],
    'surtax-steel-aluminum-2025-remaining.txt': [294, 0],
    'surtax-steel-aluminum-2025.txt': [391, 148],
    'surtax-steel-aluminum-2026-25.txt': [23, 0],
    'surtax-steel-aluminum-2026-50.txt': [271, 0],
    'surtax-steel-derivatives-2025.txt': [0, 0],
  };

  it('every item of every Canadian surtax list is either in the table or counted missing', () => {
    const items = new Set(dataRows(table).map((l) => l.slice(0, 8)));
    const dir = join(DATA_DIR, 'lists', 'ca');
    const seen: Record<string, [number, number]> = {};
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()) {
      const codes = parseListFile(`ca/${f}`, readFileSync(join(dir, f), 'utf8')).prefixes;
      const found = codes.filter((c) => c.length === 8 && items.has(c)).length;
      seen[f] = [found, codes.length - found];
    }
    expect(seen).toEqual(COVERAGE);
  });
});
