/**
 * Control characters in the user's files (an ESC sequence in an entry id, a description, a value, a header,
 * a file name) never reach the terminal raw: every human-readable view shows them escaped (\x1b), while CSV
 * and JSON keep the data as given.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariffAsync } from '../helpers/cli.js';

const ESC = '\u001b';
const dir = mkdtempSync(join(tmpdir(), 'tariff-terminal-'));
const lines = join(dir, 'hostile.csv');
writeFileSync(
  lines,
  [
    'entry,line,hts,description,value,entry_date',
    `E${ESC}[8m1,1,8481.80.9050,valve ${ESC}]0;pwned${ESC}\\ \u202eRED,1000,2026-11-01`,
    `E2,2,8481.80.9050,ok,12${ESC}[2J3,2026-11-01`,
    '',
  ].join('\n'),
);

function expectNoRawControl(text: string): void {
  expect(text).not.toContain(ESC);
  expect(text).not.toContain('\u202e');
}

describe.concurrent('terminal safety', () => {
  it('estimate --format table shows entry ids and rejected values escaped', async () => {
    const r = await tariffAsync(['estimate', lines, '--format', 'table']);
    expect(r.status).toBe(2);
    expectNoRawControl(r.stdout);
    expectNoRawControl(r.stderr);
    expect(r.stdout).toContain('E\\x1b[8m1');
    expect(r.stdout).toContain('12\\x1b[2J3');
  });

  it('compare --format table and explain show them escaped', async () => {
    const c = await tariffAsync(['compare', lines, '--scenario', 'current', '--scenario', 'tariffs-removed', '--format', 'table']);
    expectNoRawControl(c.stdout);
    expect(c.stdout).toContain('E\\x1b[8m1');
    const e = await tariffAsync(['explain', lines, '--line', `E${ESC}[8m1/1`]);
    expect(e.status).toBe(0);
    expectNoRawControl(e.stdout);
    expect(e.stdout).toContain('valve \\x1b]0;pwned\\x1b\\ \\u{202e}RED');
  });

  it('messages on stderr escape what they quote: header errors, rejections, file names', async () => {
    const header = join(dir, 'header.csv');
    writeFileSync(header, `entry,line,h${ESC}[2Jts,value\n`);
    const h = await tariffAsync(['estimate', header]);
    expect(h.status).toBe(1);
    expectNoRawControl(h.stderr);
    expect(h.stderr).toContain('h\\x1b[2Jts');
    const missing = await tariffAsync(['estimate', join(dir, `gone${ESC}]0;x${ESC}\\.csv`)]);
    expect(missing.status).toBe(1);
    expectNoRawControl(missing.stderr);
    expect(missing.stderr).toContain('gone\\x1b]0;x');
    const csv = await tariffAsync(['estimate', lines, '--format', 'csv', '--out', join(dir, 'out.csv')]);
    expectNoRawControl(csv.stderr);
  });

  it('CSV and JSON keep the data as given', async () => {
    const csv = await tariffAsync(['estimate', lines, '--format', 'csv']);
    expect(csv.stdout).toContain(`E${ESC}[8m1`);
    const json = await tariffAsync(['estimate', lines, '--format', 'json']);
    const results = JSON.parse(json.stdout).results as { type: string; entry?: string; value?: string }[];
    expect(results.map((x) => x.entry ?? x.value)).toContain(`E${ESC}[8m1`);
    expect(results.map((x) => x.value)).toContain(`12${ESC}[2J3`);
  });
});
