/** data/CHANGELOG.md has an entry for the version and as-of date of every shipped schedule. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSchedule } from '../../src/rules/load-schedule.js';
import { DATA_DIR } from '../../src/rules/paths.js';
import { kindOfFormat } from '../../src/rules/json-schemas.js';
import { yamlFilesUnder } from '../../src/scripts/write-schemas.js';
import { parse } from 'yaml';

const changelog = readFileSync(join(DATA_DIR, 'CHANGELOG.md'), 'utf8');
const headings = [...changelog.matchAll(/^## (\S+) (\S+) \(as of (\d{4}-\d{2}-\d{2})\)$/gm)].map((m) => ({ id: m[1], version: m[2], asOf: m[3] }));
const schedules = yamlFilesUnder(join(DATA_DIR, 'schedules')).filter((p) => kindOfFormat((parse(readFileSync(p, 'utf8')) as { format?: unknown }).format) === 'schedule');

describe('data/CHANGELOG.md', () => {
  it('has dated entries, newest first within each schedule', () => {
    expect(headings.length).toBeGreaterThan(0);
    for (const id of new Set(headings.map((h) => h.id))) {
      const dates = headings.filter((h) => h.id === id).map((h) => h.asOf!);
      expect([...dates].sort().reverse()).toEqual(dates);
    }
  });

  it.each(schedules.map((p) => [p.slice(DATA_DIR.length + 1), p]))("%s: its current version has an entry with the schedule's as-of date", (_, path) => {
    const r = loadSchedule(path);
    if (!r.ok) throw new Error(`${path} does not load`);
    const { id, version, as_of } = r.loaded.schedule;
    expect(headings, `add "## ${id} ${version} (as of ${as_of})" to data/CHANGELOG.md`).toContainEqual({ id, version, asOf: as_of });
  });
});
