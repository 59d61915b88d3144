/**
 * Input files made to hurt: a field of tens of megabytes, a quote never closed, a named pipe or standard
 * input given as a path, a file truncated while it is read, text that is not UTF-8. Each is said as a
 * rejected row or one sentence, on one thread and on two alike, in time linear in the file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariff } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-hostile-'));
const file = (name: string, text: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const HEAD = 'entry,hts,value,entry_date,description\n';
const row = (entry: string, value: string, description = 'valve'): string => `${entry},8481.80.9050,${value},2025-09-01,${description}\n`;
const outputRows = (stdout: string): string[] => stdout.split('\n').slice(1).filter((l) => l !== '');

describe('a field far too long', () => {
  // 24 MB: reading it took time growing with the square of its length (16 MB: 48 s), past the test timeout.
  const huge = file('huge-field.csv', HEAD + row('A', '1000') + row('B', '7'.repeat(24 << 20)) + row('C', '125') + row('D', '10'));

  for (const jobs of ['1', '2']) {
    it(`is a rejected row with its line, and the rows after it are computed (--jobs ${jobs})`, () => {
      const r = tariff(['estimate', huge, '--format', 'csv', '--jobs', jobs]);
      expect(r.status).toBe(2);
      const rows = outputRows(r.stdout);
      expect(rows.filter((l) => l.includes(',computed,')).map((l) => l.split(',')[0])).toEqual(['A', 'C', 'D']);
      const rejected = rows.filter((l) => l.includes(',rejected,'));
      expect(rejected).toHaveLength(1);
      expect(rejected[0]).toMatch(/^,,3,.*the row is longer than 1 MB/);
      expect(rejected[0]!.length).toBeLessThan(1000);
    });
  }
});
