import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/rules/paths.js';

/** The raw USITC export beside the repository (../shared), when this machine has it. */
export const SHARED_HTS_EXPORT = join(PACKAGE_ROOT, '..', 'shared', 'hts-data', 'usitc-hts-2026-rev3', 'hts_2026_revision_3_csv.csv');
export const hasSharedExport = existsSync(SHARED_HTS_EXPORT);
