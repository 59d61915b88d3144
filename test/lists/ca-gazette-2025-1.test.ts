/**
 * The list of the United States Surtax Order (2025-1), made from Finance's consolidated list, against the order's
 * Schedule as published in the Canada Gazette Part II (data/sources/ca/sor-2025-66-schedule.txt): the same tariff
 * items, less the 14 Chapter 98/99 items that SOR/2025-181 removed retroactively, which the list's UNVERIFIED line
 * names and which are the 14 of Schedule 4 of the United States Surtax Order (2026).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseListFile } from '../../src/rules/list-file.js';
import { DATA_DIR } from '../../src/rules/paths.js';

const gazetteText = readFileSync(join(DATA_DIR, 'sources', 'ca', 'sor-2025-66-schedule.txt'), 'utf8');
const gazetteLines = gazetteText.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
const gazette = gazetteLines.map((l) => l.replace(/\./g, ''));
const listText = (name: string): string => readFileSync(join(DATA_DIR, 'lists', 'ca', name), 'utf8');
const listCodes = (name: string): string[] => parseListFile(name, listText(name)).prefixes;
const chapter9899 = (c: string): boolean => c.startsWith('98') || c.startsWith('99');

describe('SOR/2025-66: the list against the Gazette schedule', () => {
  it('the Gazette schedule holds 1,270 tariff items as written (NNNN.NN.NN), ascending, none twice', () => {
    expect(gazetteLines.every((l) => /^\d{4}\.\d{2}\.\d{2}$/.test(l))).toBe(true);
    expect(gazette).toHaveLength(1270);
    expect(new Set(gazette).size).toBe(1270);
    expect([...gazette].sort()).toEqual(gazette);
    expect(gazetteText).toContain('1270 items');
  });

  it('surtax-2025-1 is the Gazette schedule less its Chapter 98/99 items, item for item', () => {
    expect(listCodes('surtax-2025-1.txt')).toEqual(gazette.filter((c) => !chapter9899(c)));
  });

  it('the 14 Chapter 98/99 items left out are named in the list header and are Schedule 4 of the 2026 order', () => {
    const left = gazette.filter(chapter9899);
    expect(left).toHaveLength(14);
    expect(left).toEqual(listCodes('surtax-2026-chapter-98-99.txt'));
    const unverified = listText('surtax-2025-1.txt').split('\n').find((l) => l.startsWith('# UNVERIFIED:')) ?? '';
    for (const c of ['9804.30.00', '9825.10.00-9825.30.00', '9826.10.00-9826.40.00', '9897.00.00', '9898.00.00', '9899.00.00', '9966.00.00', '9971.00.00', '9989.00.00']) {
      expect(unverified).toContain(c);
    }
  });
});
