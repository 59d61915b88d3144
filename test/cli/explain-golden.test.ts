/**
 * `tariff explain` for one line of each kind of measure in the shipped example (column 1 specific rate,
 * IEEPA, IEEPA energy, the USMCA exemption, 232 displaced by IEEPA, 232 steel with HMF, Section 122 with an
 * Annex II exemption, 2025 steel content with Section 122 on the rest, 2026 metals under USMCA, Annex III
 * floor, Section 301 and 338, 232 with 338, wood with AD/CVD, autos on non-US content, the 2027 cabinets),
 * pinned as golden text; and one explanation under two scenarios.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariffAsync } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';

const SAMPLE = 'data/examples/sample-entries.csv';
const LINES = [
  'E25-0415/1', 'E25-0415/2', 'E25-0415/3', 'E25-0415/4', 'E25-0910/1', 'E25-0910/3', 'E26-0315/2', 'E26-0315/3',
  'E26-0610/1', 'E26-0610/2', 'E26-0920/1', 'E26-0920/2', 'E26-0920/3', 'E26-0920/4', 'E27-0104/1',
];

describe.concurrent('tariff explain', () => {
  it('explains one line of each measure type, as pinned', async () => {
    const text = (await Promise.all(LINES.map(async (line) => {
      const r = await tariffAsync(['explain', SAMPLE, '--line', line]);
      expect(r.status, r.stderr).toBe(0);
      return `==== ${line}\n${r.stdout}`;
    }))).join('\n');
    expectGolden(join(import.meta.dirname, '..', 'golden', 'explain-sample.txt'), text);
  });

  it('explains a line under two scenarios with the difference', async () => {
    const r = await tariffAsync(['explain', SAMPLE, '--line', 'E25-0910/1', '--scenario', 'current', '--scenario', 'no-section-232']);
    expect(r.status).toBe(0);
    expectGolden(join(import.meta.dirname, '..', 'golden', 'explain-two-scenarios.txt'), r.stdout);
    expect(r.stdout).toContain('Difference: no-section-232@1: total 23,056.41 USD, -9,750.00 against current.');
  });

  it('says when the line does not exist', async () => {
    const r = await tariffAsync(['explain', SAMPLE, '--line', 'NOPE/9']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no computed line "9" in entry NOPE');
  });
});
