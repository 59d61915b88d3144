import { describe, expect, it } from 'vitest';
import { legalBasis } from '../../src/report/legal-basis.js';

describe('legalBasis: instrument and citation said once each', () => {
  it('keeps the longer form where the citation restates the instrument', () => {
    expect(legalBasis('Proclamation 10976', 'Proclamation 10976 of 2025-09-29; HTSUS U.S. note 37(a),(b)')).toBe('Proclamation 10976 of 2025-09-29; HTSUS U.S. note 37(a),(b)');
    expect(legalBasis('26 U.S.C. 4461; 19 CFR 24.24', '26 U.S.C. 4461 (citation from general knowledge)')).toBe('26 U.S.C. 4461 (citation from general knowledge); 19 CFR 24.24');
  });

  it('joins an instrument and a citation that share nothing', () => {
    expect(legalBasis('19 U.S.C. 58c(a)(9); 19 CFR 24.23', 'CBP Dec. 25-10, 90 FR 34665 (FY2026)')).toBe('19 U.S.C. 58c(a)(9); 19 CFR 24.23; CBP Dec. 25-10, 90 FR 34665 (FY2026)');
  });
});
