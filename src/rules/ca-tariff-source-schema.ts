/**
 * The format of data/sources/ca/customs-tariff.yaml: which raw CBSA export makes Canada's Customs Tariff table
 * (data/tariffs/ca-customs-tariff.tsv; src/scripts/import-ca-tariff.ts runs it). A data format like the others, so
 * it has its JSON Schema too.
 */
import { z } from 'zod';

export const caTariffSourceSchema = z.strictObject({
  format: z.literal('tariff-ca-tariff-source/1'),
  /** Path of the raw CSV (CBSA's TPHS table as mdb-export writes it) under data/sources/. */
  source: z.string().regex(/^[A-Za-z0-9._/-]+\.csv$/),
  /** The edition, as CBSA names it (e.g. `Customs Tariff T2026 revision 3`). */
  edition: z.string().min(1),
  /** Where the raw file was taken from (repository @ commit / path, or the CBSA page), and when. */
  upstream: z.string().min(1),
  /**
   * The raw file's sha256 (lower-case hex); the import refuses a file with another. Absent only until the raw file
   * has been placed: the table's header records the sha256 it was made from either way.
   */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /** What is known not to be checked; repeated as an UNVERIFIED line in the table's header. */
  unverified: z.string().min(1).optional(),
});
export type CaTariffSource = z.infer<typeof caTariffSourceSchema>;
