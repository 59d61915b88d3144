/**
 * The committed HTS lists: every file parses, the imported ones re-import byte for byte from ../shared, and
 * the key counts are pinned so a changed list shows up.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseListFile } from '../../src/rules/list-file.js';
import { DATA_DIR } from '../../src/rules/paths.js';
import { DEFAULT_SHARED_DIR, importLists } from '../../src/scripts/import-lists.js';
import { existsSync } from 'node:fs';

const LISTS = join(DATA_DIR, 'lists');
const files = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => join(dir, f));
const codes = (name: string): string[] => parseListFile(name, readFileSync(join(LISTS, name), 'utf8')).prefixes;

describe('HTS lists', () => {
  it('every list file parses, and an imported list has as many codes as its header says', () => {
    for (const f of [...files(LISTS), ...files(join(LISTS, 'manual'))]) {
      const text = readFileSync(f, 'utf8');
      const parsed = parseListFile(f, text);
      expect(parsed.errors, f).toEqual([]);
      const stated = /# count: (\d+)/.exec(text);
      if (stated) expect(parsed.prefixes.length, f).toBe(Number(stated[1]));
    }
  });

  it.each([
    ['ieepa-ca-energy.txt', 294],
    ['ieepa-ca-potash.txt', 7],
    ['s122-annex-ii-exempt.txt', 1656],
    ['s232-2025-steel-derivatives-content.txt', 357],
    ['s232-2025-aluminum-derivatives-existing.txt', 6],
    ['s232-2025-aluminum-derivatives.txt', 11],
    ['manual/s232-2025-steel-derivatives-note16m.txt', 157],
    ['manual/s232-2025-steel-derivatives-content-2025-06-23.txt', 11],
    ['s232-2025-aluminum-derivatives-content.txt', 77],
    ['s232-2025-aluminum-derivatives-content-2025-08-18.txt', 117],
    ['s232-copper-2025.txt', 80],
    ['s338-b1-alcohol-2026-08-22.txt', 63],
    ['s338-b1-alcohol-2026-09-15.txt', 101],
    ['s338-b2-dairy.txt', 52],
    ['s338-b3-vehicles-2026-08-22.txt', 439],
    ['s338-b3-vehicles-2026-09-15.txt', 513],
    ['s338-d-civil-aircraft.txt', 554],
    ['manual/s232-autos-vehicles.txt', 17],
    ['manual/s232-wood-lumber.txt', 15],
    ['manual/s338-ban-alcohol.txt', 0],
  ])('%s has %d codes', (name, count) => {
    expect(codes(name).length).toBe(count);
  });

  it.skipIf(!existsSync(DEFAULT_SHARED_DIR))('re-importing from ../shared/hts-data reproduces every imported list byte for byte (needs ../shared)', () => {
    const out = mkdtempSync(join(tmpdir(), 'tariff-lists-'));
    for (const { name } of importLists(DEFAULT_SHARED_DIR, out)) {
      expect(readFileSync(join(out, `${name}.txt`), 'utf8'), name).toBe(readFileSync(join(LISTS, `${name}.txt`), 'utf8'));
    }
  });
});
