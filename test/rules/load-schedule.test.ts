import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSchedule } from '../../src/rules/load-schedule.js';
import { formatRuleError } from '../../src/rules/rule-error.js';
import { SCHEDULE_HEAD as HEAD, ONE_MEASURE as MEASURE } from '../helpers/schedule.js';

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'tariff-rules-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(d, name, '..'), { recursive: true });
    writeFileSync(join(d, name), text);
  }
  return d;
}

function errorsOf(files: Record<string, string>): string[] {
  const d = dir(files);
  const r = loadSchedule(join(d, 'main.yaml'));
  if (r.ok) return [];
  return r.errors.map((e) => formatRuleError({ ...e, file: e.file.replace(`${d}/`, '') }));
}

describe('schedule loader', () => {
  it('loads a valid schedule with a part file and a list, and hashes all of them', () => {
    const files = {
      'main.yaml': `${HEAD}lists:\n  l: { file: l.txt, title: L, sources: [S] }\nparts: [p/part.yaml]\n`,
      'p/part.yaml': `format: tariff-schedule-part/1\ntitle: P\nmeasures:\n${MEASURE.replace('include: all', 'include: ["list:l"]')}`,
      'l.txt': '# a list\n7208.51\n7209\n',
    };
    const r = loadSchedule(join(dir(files), 'main.yaml'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.loaded.schedule.measures.map((m) => m.id)).toEqual(['m1']);
    expect(r.loaded.lists.l).toEqual(['720851', '7209']);
    const changed = loadSchedule(join(dir({ ...files, 'l.txt': '7208.51\n' }), 'main.yaml'));
    expect(changed.ok && changed.loaded.contentSha256).not.toBe(r.loaded.contentSha256);
  });

  it('reports an unknown key at its line and column', () => {
    expect(errorsOf({ 'main.yaml': `${HEAD}measures:\n${MEASURE.replace('    title: M1\n', '    title: M1\n    rte: 5%\n')}` })).toEqual([
      'main.yaml:16:5: error: measures[0].rte: unknown key "rte" (a typo, or a key this format does not have)',
    ]);
  });

  it('reports a wrong rate form in a part file at the part file position', () => {
    const errs = errorsOf({
      'main.yaml': `${HEAD}parts: [part.yaml]\n`,
      'part.yaml': `format: tariff-schedule-part/1\ntitle: P\nmeasures:\n${MEASURE.replace('"25%"', '"25 percent"')}`,
    });
    expect(errs).toEqual(['part.yaml:13:35: error: measures[0].periods[0].rate: expected a percentage such as "25%" or "0.3464%"']);
  });

  it('reports malformed YAML with its place', () => {
    const errs = errorsOf({ 'main.yaml': `${HEAD}measures:\n  - id: [unclosed\n` });
    expect(errs[0]).toMatch(/^main\.yaml:15:\d+: error: not valid YAML/);
  });

  it('reports overlapping periods, missing measures, missing lists and missing sources', () => {
    const bad = MEASURE.replace('      - { from: 2025-01-01, rate: "25%" }\n', '      - { from: 2025-01-01, to: 2025-06-30, rate: "25%" }\n      - { from: 2025-06-01, rate: "35%" }\n')
      .replace('    sources: [S]\n', '    excludes: [{ measure: nope, reason: r }]\n    sources: [S, Q]\n')
      .replace('include: all', 'include: ["list:missing"]');
    const errs = errorsOf({ 'main.yaml': `${HEAD}measures:\n${bad}` });
    expect(errs).toEqual([
      'main.yaml:26:18: error: measures[0].sources[1]: unknown source "Q"',
      'main.yaml:21:12: error: measures[0].scope: unknown list "missing"; declare it under lists:',
      'main.yaml:25:27: error: measures[0].excludes[0].measure: excludes unknown measure "nope"',
      'main.yaml:24:17: error: measures[0].periods[1].from: periods overlap: this period starts 2025-06-01 but the previous one runs to 2025-06-30',
    ]);
  });

  it('reports a list file line that is not an HTS code, and a missing list file', () => {
    const files = {
      'main.yaml': `${HEAD}lists:\n  l: { file: l.txt, title: L, sources: [S] }\n  g: { file: gone.txt, title: G, sources: [S] }\nmeasures:\n${MEASURE}`,
      'l.txt': '7208\nabc\n',
    };
    const errs = errorsOf(files);
    expect(errs).toContain('l.txt:2:1: error: "abc" is not an HTS prefix (2 to 10 digits, dots allowed)');
    expect(errs.some((e) => /^main\.yaml:15:\d+: error: lists\.g\.file: list file not found/.test(e))).toBe(true);
  });
});
