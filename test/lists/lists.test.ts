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
import { loadListSpecs } from '../../src/scripts/list-specs.js';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';

const LISTS = join(DATA_DIR, 'lists');
const files = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => join(dir, f));
const codes = (name: string): string[] => parseListFile(name, readFileSync(join(LISTS, name), 'utf8')).prefixes;

describe('HTS lists', () => {
  it('every list file parses, and an imported list has as many codes as its header says', () => {
    for (const f of [...files(LISTS), ...files(join(LISTS, 'manual')), ...files(join(LISTS, 'ca'))]) {
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
    ['ca/surtax-2025-1.txt', 1256],
    ['ca/surtax-steel-aluminum-2025.txt', 539],
    ['ca/surtax-steel-aluminum-2025-remaining.txt', 294],
    ['ca/surtax-motor-vehicles-2025.txt', 19],
    ['ca/surtax-2026-15.txt', 21],
    ['ca/surtax-2026-25.txt', 172],
    ['ca/surtax-2026-50.txt', 142],
    ['ca/surtax-2026-chapter-98-99.txt', 14],
    ['ca/surtax-steel-aluminum-2026-25.txt', 23],
    ['ca/surtax-steel-aluminum-2026-50.txt', 271],
    ['ca/surtax-steel-derivatives-2025.txt', 0],
  ])('%s has %d codes', (name, count) => {
    expect(codes(name).length).toBe(count);
  });

  it.skipIf(!existsSync(DEFAULT_SHARED_DIR))('re-importing from ../shared/hts-data reproduces every imported list byte for byte (needs ../shared)', () => {
    const out = mkdtempSync(join(tmpdir(), 'tariff-lists-'));
    for (const { name } of importLists(DEFAULT_SHARED_DIR, out)) {
      expect(readFileSync(join(out, `${name}.txt`), 'utf8'), name).toBe(readFileSync(join(LISTS, `${name}.txt`), 'utf8'));
    }
  });

  it('re-importing the lists kept in data/sources/ reproduces them byte for byte (no ../shared needed)', () => {
    const out = mkdtempSync(join(tmpdir(), 'tariff-lists-ca-'));
    const built = importLists(DEFAULT_SHARED_DIR, out, undefined, { projectOnly: true });
    expect(built.map((b) => b.name)).toEqual(loadListSpecs().lists.filter((s) => s.source_root === 'project').map((s) => s.name));
    expect(built.length).toBeGreaterThan(0);
    for (const { name } of built) {
      expect(readFileSync(join(out, `${name}.txt`), 'utf8'), name).toBe(readFileSync(join(LISTS, `${name}.txt`), 'utf8'));
    }
  });

  it('a project-sourced list names its raw file under data/sources/ and records that file\'s sha256', () => {
    for (const spec of loadListSpecs().lists.filter((s) => s.source_root === 'project')) {
      const text = readFileSync(join(LISTS, `${spec.name}.txt`), 'utf8');
      const sha = createHash('sha256').update(readFileSync(join(DATA_DIR, 'sources', spec.source))).digest('hex');
      expect(text, spec.name).toContain(`# source: data/sources/${spec.source} (`);
      expect(text, spec.name).toContain(`# source-sha256: ${sha}`);
    }
  });

  it('the 2026 surtax schedules do not overlap, and the Schedule 4 items are all Chapter 98/99', () => {
    const seen = new Map<string, string>();
    for (const name of ['ca/surtax-2026-15.txt', 'ca/surtax-2026-25.txt', 'ca/surtax-2026-50.txt', 'ca/surtax-steel-aluminum-2026-25.txt', 'ca/surtax-steel-aluminum-2026-50.txt']) {
      for (const c of codes(name)) {
        expect(seen.get(c), `${c} in ${name}`).toBeUndefined();
        seen.set(c, name);
      }
    }
    expect(seen.size).toBe(629);
    expect(codes('ca/surtax-2026-chapter-98-99.txt').every((c) => /^9[89]/.test(c))).toBe(true);
  });
});
