/**
 * The parser against every distinct rate text of the official export: how many parse (by kind), how many
 * cannot be computed (each with a reason). The committed expectation makes any change show as a diff.
 */
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { expectGolden } from '../helpers/golden.js';
import { rateCensus } from './rate-census.js';
import { hasSharedExport, SHARED_HTS_EXPORT } from './shared-data.js';

describe.skipIf(!hasSharedExport)('rate texts of the USITC 2026 Rev. 3 export (needs ../shared)', () => {
  it('parses or explains every distinct General and USMCA rate text, as committed', () => {
    const census = rateCensus(SHARED_HTS_EXPORT);
    console.log(`General: ${census.distinctGeneral} distinct texts ${JSON.stringify(census.generalByKind)}; USMCA: ${census.distinctSpecialWithUsmca} ${JSON.stringify(census.usmcaByKind)}`);
    expectGolden(join(import.meta.dirname, 'rate-forms.expected.json'), `${JSON.stringify(census, null, 2)}\n`);
  });
});
