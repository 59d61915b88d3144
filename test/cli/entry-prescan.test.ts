/**
 * The entry-column pre-scan (scattered-entries) finds entries whose lines are apart in a file also where
 * records hold quotes (a quoted entry, a quoted description with a comma or a line break) and lines end in
 * CRLF or a lone CR: it passes over plain lines by a native line search and reads those records as the
 * record scanner does.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariffAsync } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-prescan-'));
const HEADER = 'description,entry,hts,value,entry_date';
const line = (description: string, entry: string): string => `${description},${entry},7208.51.0030,1000,2025-09-10`;

const rows = [
  line('plate', 'E1'),
  line('"plate, hot-rolled"', 'E1'),
  line('"plate\non two lines"', 'E2'),
  line('plate', '"E3"'),
  line('plate', 'E1'),
  line('plate', 'E4'),
  line('"E2 ""again"""', 'E2'),
  line('plate', 'E5'),
];

async function traced(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const r = await tariffAsync(['estimate', path, '--format', 'csv', '--out', join(dir, `${name}.out`), '--jobs', '2', '--debug'], undefined, { TARIFF_PART_BYTES: '100' });
  expect(r.status).toBe(0);
  return r.stderr;
}

describe('entries whose lines are apart, among quoted records and CRLF or CR line ends', () => {
  it('are found by the pre-scan (and the file computed on one thread)', async () => {
    const body = rows.join('\n');
    const [lf, crlf, cr] = await Promise.all([
      traced('lf.csv', `${HEADER}\n${body}\n`),
      traced('crlf.csv', `${HEADER}\r\n${rows.join('\r\n')}\r\n`),
      traced('cr.csv', `${HEADER}\r${rows.join('\r')}\r`),
    ]);
    for (const trace of [lf, crlf, cr]) expect(trace).toMatch(/debug: entries E1, E2 have lines apart in the file/);
  });
});
