/**
 * The corpus of bad inputs (test/fixtures/bad/): each file is handled with the message its expectation
 * names, nothing crashes, and every row is accounted for: read = computed + not importable + outside these rules + rejected.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tariffAsync } from '../helpers/cli.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'bad');
const expectation = z.strictObject({
  exit: z.number(),
  computed: z.number().optional(),
  stderr: z.string().optional(),
  rejects: z.array(z.strictObject({ line: z.number(), column: z.string().optional(), reason: z.string() })).optional(),
});
const expected = z.record(z.string(), expectation).parse(parse(readFileSync(join(dir, 'expected.yaml'), 'utf8')));
const out = mkdtempSync(join(tmpdir(), 'tariff-bad-'));

describe.concurrent('bad inputs corpus', () => {
  it('has an expectation for every file and a file for every expectation', () => {
    expect(Object.keys(expected).sort()).toEqual(readdirSync(dir).filter((f) => f.endsWith('.csv')).sort());
  });

  for (const [file, want] of Object.entries(expected)) {
    it(`${file}: exit ${want.exit}${want.rejects ? `, ${want.rejects.length} rejected` : ''}`, async () => {
      const rejectsFile = join(out, `${file}.rejects.csv`);
      const r = await tariffAsync(['estimate', join(dir, file), '--format', 'csv', '--rejects', rejectsFile]);
      expect(r.status).toBe(want.exit);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      if (want.stderr) expect(r.stderr).toContain(want.stderr);
      const rows = r.stdout.split('\n').slice(1).filter((l) => l !== '');
      if (want.computed !== undefined) expect(rows.filter((l) => /,computed,|,incomplete,/.test(l)).length).toBe(want.computed);
      const rejected = rows.filter((l) => l.includes(',rejected,'));
      expect(rejected.length).toBe(want.rejects?.length ?? 0);
      if (want.rejects) {
        const kept = readFileSync(rejectsFile, 'utf8');
        for (const rej of want.rejects) {
          expect(kept).toContain(`line ${rej.line}${rej.column ? `, ${rej.column}` : ''}: `);
          expect(kept).toContain(rej.reason.replace(/"/g, '""'));
        }
      }
    });
  }
});
