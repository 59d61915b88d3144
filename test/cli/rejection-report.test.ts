/**
 * Issue 19: the HTML report groups rejected rows by reason (a count and a few examples each), and every
 * output carries every count (computed, lower bound, UNVERIFIED, assumed, rejected, not importable).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariffAsync, tariffOnce } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-rejections-'));
const input = join(dir, 'lines.csv');
writeFileSync(
  input,
  [
    'entry,line,hts,description,origin,value,entry_date',
    'E1,1,0101.21.0010,Horses,CA,12x,2025-06-01',
    'E1,2,0101.21.0010,Ponies,CA,1y,2025-06-01',
    'E1,3,0101.21.0010,Mules,CA,3z,2025-06-01',
    'E1,4,0101.21.0010,Asses,CA,4w,2025-06-01',
    'E1,5,9999.99.9999,Nothing,CA,10,2025-06-01',
    'E1,6,0101.21.0010,Foals,CA,100,2025-06-01',
  ].join('\n') + '\n',
);
const SCENARIOS = ['--scenario', 'current', '--scenario', 'tariffs-removed'];
const COUNTS = 'Lines read 6 = computed 1 + not importable 0 + outside these rules 0 + rejected 5; of the computed: lower bound (incomplete) 0, depending on UNVERIFIED facts 0, assumed 0';

/** The rows of the HTML table of rejections by reason, as [reason, count, examples] text. */
function byReason(html: string): string[][] {
  const block = /<div data-field="rejections-by-reason">(.*?)<\/div>/s.exec(html)?.[1] ?? '';
  return [...block.matchAll(/<tr><td>(.*?)<\/td><td class="num">(\d+)<\/td><td>(.*?)<\/td><\/tr>/g)].map((m) => [m[1]!, m[2]!, m[3]!]);
}

describe.concurrent('the HTML report groups rejections by reason', () => {
  it('estimate: a count per kind of reason and at most three examples (row, column, value)', async () => {
    const groups = byReason((await tariffOnce(['estimate', input, '--format', 'html'])).stdout);
    expect(groups).toEqual([
      ['value &quot;…&quot; is not a number (use digits with a decimal point, e.g. #)', '4', 'line 2: value "12x"<br>line 3: value "1y"<br>line 4: value "3z"'],
      ['HTS … does not exist in the # HTS Revision #', '1', 'line 6: hts "9999.99.99.99"'],
    ]);
  });

  it('compare too', async () => {
    const groups = byReason((await tariffOnce(['compare', input, ...SCENARIOS, '--format', 'html'])).stdout);
    expect(groups.map((g) => g[1])).toEqual(['4', '1']);
  });
});

describe.concurrent('every count in every output', () => {
  it('the HTML reports (estimate and compare) say every count, zeros too', async () => {
    expect((await tariffOnce(['estimate', input, '--format', 'html'])).stdout).toContain(`<p data-field="counts-line">${COUNTS}</p>`);
    expect((await tariffOnce(['compare', input, ...SCENARIOS, '--format', 'html'])).stdout).toContain(`<p data-field="counts-line">${COUNTS} (in the first scenario)</p>`);
  });

  it('the estimate table says every count, zeros too', async () => {
    expect((await tariffOnce(['estimate', input, '--format', 'table'])).stdout).toContain(`${COUNTS}; entries 1`);
  });
});

describe.concurrent('a row error shows the row and points at the cell', () => {
  it('the list of rejected lines gives the row as written and a caret under the offending cell', async () => {
    const table = (await tariffOnce(['estimate', input, '--format', 'table'])).stdout.split('\n');
    const at = table.findIndex((l) => l.includes(':2: value "12x" is not a number'));
    expect(table.slice(at + 1, at + 3)).toEqual(['    E1,1,0101.21.0010,Horses,CA,12x,2025-06-01', '                                ^^^']);
    // A rejection of the schedule (an HTS it does not know) points at the cell too, written as the file writes it.
    const hts = table.findIndex((l) => l.includes(':6: HTS 9999.99.99.99 does not exist'));
    expect(table.slice(hts + 1, hts + 3)).toEqual(['    E1,5,9999.99.9999,Nothing,CA,10,2025-06-01', '         ^^^^^^^^^^^^']);
  });

  it('a cell whose text another cell repeats is found by its column', async () => {
    const path = join(dir, 'repeated.csv');
    writeFileSync(path, 'entry,line,hts,description,origin,value,entry_date,freight,value_basis\nE1,1,0101.21.0010,XYZ,CA,100,2025-06-01,100,XYZ\n');
    const table = (await tariffAsync(['estimate', path, '--format', 'table'])).stdout.split('\n');
    const at = table.findIndex((l) => l.includes('value_basis "XYZ" must be FOB or CIF'));
    expect(table[at + 2]).toBe(`    ${' '.repeat('E1,1,0101.21.0010,XYZ,CA,100,2025-06-01,100,'.length)}^^^`);
  });
});
