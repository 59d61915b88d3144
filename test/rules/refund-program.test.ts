/**
 * Refund programs: the shipped IEEPA program loads against the shipped schedule; a bad file is refused with
 * file:line:column; routes are judged at the edges of their windows.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refundRoute } from '../../src/engine/refund.js';
import { loadRefundProgram } from '../../src/rules/load-refund-program.js';
import { loadRuleSet } from '../../src/rules/load-rule-set.js';
import { DEFAULT_REFUND_PROGRAM_PATH, DEFAULT_SCHEDULE_PATH } from '../../src/rules/paths.js';
import { formatRuleError } from '../../src/rules/rule-error.js';

const loaded = loadRuleSet(DEFAULT_SCHEDULE_PATH);
if (!loaded.ok) throw new Error('the shipped schedule does not load');
const rules = loaded.ruleSet;
const shipped = loadRefundProgram(DEFAULT_REFUND_PROGRAM_PATH, rules);
if (!shipped.ok) throw new Error(shipped.errors.map(formatRuleError).join('\n'));
const program = shipped.program;
const dir = mkdtempSync(join(tmpdir(), 'tariff-refund-'));

function loadText(text: string): string[] {
  const path = join(dir, 'program.yaml');
  writeFileSync(path, text);
  const r = loadRefundProgram(path, rules);
  return r.ok ? [] : r.errors.map((e) => `${e.line}:${e.column} ${e.message}`);
}

describe('refund program file', () => {
  it('the shipped IEEPA program covers 9903.01.10-.16 for entries of 2025-03-04 to 2026-02-23 (domain reference 1.2)', () => {
    expect(program.headings).toEqual({ from: '9903.01.10', to: '9903.01.16' });
    expect(program.entry_dates).toEqual({ from: '2025-03-04', to: '2026-02-23' });
    expect(program.routes.map((r) => r.name)).toEqual(['CAPE', 'CAPE', 'protest', 'court']);
  });

  it('an unknown key is refused at its line and column', () => {
    const text = readFileSync(DEFAULT_REFUND_PROGRAM_PATH, 'utf8').replace('authorities: [ieepa]', 'authorities: [ieepa]\nrefund_interest: true');
    const line = text.split('\n').findIndex((l) => l.startsWith('refund_interest')) + 1;
    expect(loadText(text).join('\n')).toMatch(new RegExp(`^${line}:1 .*refund_interest`));
  });

  it('an authority the schedule does not have is refused with the known ones', () => {
    const text = readFileSync(DEFAULT_REFUND_PROGRAM_PATH, 'utf8').replace('authorities: [ieepa]', 'authorities: [ieepa-2]');
    expect(loadText(text)[0]).toContain('no authority "ieepa-2" in schedule us-canada; known: ');
  });
});

describe('refund routes on the day judged (CAPE 80 days, protest 180 days after liquidation)', () => {
  it.each([
    ['Unliquidated', '', '2026-11-24', 'CAPE', 'CAPE (unliquidated)'],
    ['Liquidated', '2026-09-05', '2026-11-24', 'CAPE', 'CAPE (liquidated 80 days ago; CAPE takes entries within 80 days of liquidation, until 2026-11-24)'],
    ['Liquidated', '2026-09-04', '2026-11-24', 'protest', 'protest (liquidated 81 days ago; protest window open until 2027-03-03)'],
    ['Liquidated', '2026-05-28', '2026-11-24', 'protest', 'protest (liquidated 180 days ago; protest window open until 2026-11-24)'],
    ['Liquidated', '2026-05-27', '2026-11-24', 'court', 'past the protest window (liquidated 181 days ago; the window closed 2026-11-23; a court order is needed)'],
    ['Liquidated', '', '2026-11-24', 'CAPE', 'CAPE (unliquidated)'],
  ])('%s on %j, judged %s: %s', (status, date, today, name, text) => {
    const r = refundRoute(program, status, date, today);
    expect(r.route.name).toBe(name);
    expect(r.text).toBe(text);
  });
});
