/**
 * A 2025 appliance entry filed as CBP asks for a Section 232 duty on steel content (CSMS #65236374): line 2 is the
 * steel ($4,000, zero quantity, 9903.81.91 at 50% = 2,000.00), line 1 the rest ($6,000, IEEPA 25% = 1,500.00).
 * Audit and refund read the pair as one article split in two, so the IEEPA filed is owed and refundable only on
 * the non-steel value.
 */
import { describe, expect, it } from 'vitest';
import { tariffAsync } from '../helpers/cli.js';

const FIXTURE = 'test/fixtures/es003/appliance-steel-split.csv';

describe.concurrent('an ES-003 entry whose steel content is filed on its own line', () => {
  it('audits both lines as filed: steel 2,000.00 under 9903.81.91, IEEPA 1,500.00 on the other $6,000, nothing owed on line 1 under 232', async () => {
    const r = await tariffAsync(['audit', FIXTURE, '--format', 'csv']);
    expect(r.status).toBe(0);
    // Rows end with the rule set's columns (schedule, rules_sha256, as_of); checked without them.
    const rows = r.stdout.split('\n').map((row) => row.replace(/,[^,]+@[^,]+,[0-9a-f]{12},\d{4}-\d{2}-\d{2}$/, ''));
    expect(rows).toContain('31699990001,1,8418.10.00.10,9903.01.10,,ieepa,1500.00,1500.00,0.00,match,');
    expect(rows).toContain('31699990001,1,8418.10.00.10,9903.81.91,,section-232,0.00,0.00,0.00,owed but not filed,');
    expect(rows).toContain('31699990001,2,8418.10.00.10,9903.81.91,,section-232,2000.00,2000.00,0.00,match,');
    expect(r.stdout).not.toContain('3000.00');
  });

  it('refunds the IEEPA filed on the non-steel line (1,500.00), which the law also computes', async () => {
    const r = await tariffAsync(['refund', FIXTURE, '--format', 'csv', '--today', '2026-12-01']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[1]).toMatch(/^31699990001,2025-07-01,Unliquidated,,1500\.00,1500\.00,1500\.00,/);
  });
});
