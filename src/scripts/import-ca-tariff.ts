/**
 * `npm run import-ca-tariff -- [--spec data/sources/ca/customs-tariff.yaml] [--out data/tariffs/ca-customs-tariff.tsv]`:
 * turns CBSA's Customs Tariff export (the `TPHS` table of CBSA's Microsoft Access distribution, exported as CSV:
 * columns TARIFF, EFF_DATE, DESC1-3, MFN, UST, General Tariff, ...) into data/tariffs/ca-customs-tariff.tsv, one
 * row per eight-digit tariff item (rates are set at the tariff item; the ten-digit classification numbers only add
 * statistical suffixes and are left out). The spec file names the raw file under data/sources/, its edition and
 * upstream, and pins its sha256; the table's header repeats them with the count. Byte-identical on re-runs.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { caTariffSourceSchema, type CaTariffSource } from '../rules/ca-tariff-source-schema.js';
import { DATA_DIR } from '../rules/paths.js';

export const DEFAULT_CA_TARIFF_SPEC = join(DATA_DIR, 'sources', 'ca', 'customs-tariff.yaml');
export const DEFAULT_CA_TARIFF_OUT = join(DATA_DIR, 'tariffs', 'ca-customs-tariff.tsv');

export type CaTariffSpec = CaTariffSource;

/** An import error: the file, the row (the CSV record, 1-based: the header is 1) and the column at fault. */
export interface CaTariffImportError {
  file: string;
  row?: number;
  column?: string;
  message: string;
}

export type CaTariffImportResult =
  | { ok: true; text: string; count: number; statistical: number; noMfn: number }
  | { ok: false; errors: CaTariffImportError[] };

/** The table's columns, in order (the schedule's `ca-customs-tariff-tsv` reader takes the first four). */
export const CA_TARIFF_COLUMNS = ['tariff_item', 'description', 'mfn', 'ust', 'general_tariff', 'effective_date'] as const;

const NEEDED = ['TARIFF', 'EFF_DATE', 'DESC1', 'MFN', 'UST', 'General Tariff'] as const;
const TARIFF_ITEM = /^\d{4}\.\d{2}\.\d{2}$/;
const CLASSIFICATION = /^\d{4}\.\d{2}\.\d{2}\.\d{2}$/;

/** One line of text: newlines and tabs inside a quoted CSV field become single spaces (a TSV cell has none). */
const cell = (text: string | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

/** mdb-export writes dates as MM/DD/YY hh:mm:ss; the table writes YYYY-MM-DD (YY under 70 is 20YY). */
function isoDate(text: string): string | undefined {
  const m = /^(\d{2})\/(\d{2})\/(\d{2})(?: \d{2}:\d{2}:\d{2})?$/.exec(text.trim());
  if (!m) return undefined;
  const [, mm, dd, yy] = m;
  const year = Number(yy) < 70 ? 2000 + Number(yy) : 1900 + Number(yy);
  if (Number(mm) < 1 || Number(mm) > 12 || Number(dd) < 1 || Number(dd) > 31) return undefined;
  return `${year}-${mm}-${dd}`;
}

/**
 * The text of data/tariffs/ca-customs-tariff.tsv from the raw export's bytes, or the errors (each with its row and
 * column). `sourceLabel` is the raw file's path as the header names it (data/sources/...).
 */
export function buildCaTariffFile(spec: CaTariffSpec, sourceBytes: Buffer, sourceLabel = `data/sources/${spec.source}`): CaTariffImportResult {
  const errors: CaTariffImportError[] = [];
  const sha = createHash('sha256').update(sourceBytes).digest('hex');
  if (spec.sha256 !== undefined && sha !== spec.sha256) {
    return { ok: false, errors: [{ file: sourceLabel, message: `sha256 is ${sha}, the spec pins ${spec.sha256}: not the file the spec names` }] };
  }
  let records: string[][];
  try {
    records = parseCsv(sourceBytes, { bom: true, relax_column_count: false }) as string[][];
  } catch (e) {
    const err = e as { lines?: number; message: string };
    return { ok: false, errors: [{ file: sourceLabel, ...(err.lines ? { row: err.lines } : {}), message: `not a CSV file: ${err.message}` }] };
  }
  const header = records[0] ?? [];
  const at: Record<string, number> = {};
  for (const name of NEEDED) {
    const i = header.indexOf(name);
    if (i < 0) errors.push({ file: sourceLabel, row: 1, column: name, message: `no ${name} column (header: ${header.join(',')})` });
    at[name] = i;
  }
  if (errors.length > 0) return { ok: false, errors };
  const desc2 = header.indexOf('DESC2');
  const desc3 = header.indexOf('DESC3');

  const items = new Map<string, { line: string; row: number }>();
  let statistical = 0;
  records.slice(1).forEach((r, i) => {
    const row = i + 2;
    const tariff = cell(r[at['TARIFF']!]);
    if (CLASSIFICATION.test(tariff)) {
      statistical++;
      return;
    }
    if (!TARIFF_ITEM.test(tariff)) return; // chapters, headings, subheadings and grouping rows carry no rate
    const date = isoDate(r[at['EFF_DATE']!] ?? '');
    if (!date) {
      errors.push({ file: sourceLabel, row, column: 'EFF_DATE', message: `not a date: "${r[at['EFF_DATE']!] ?? ''}"` });
      return;
    }
    const description = [cell(r[at['DESC1']!]), desc2 >= 0 ? cell(r[desc2]) : '', desc3 >= 0 ? cell(r[desc3]) : ''].filter((d) => d !== '').join(' ');
    const mfn = cell(r[at['MFN']!]);
    const line = [tariff.replace(/\./g, ''), description, mfn, cell(r[at['UST']!]), cell(r[at['General Tariff']!]), date].join('\t');
    const code = tariff.replace(/\./g, '');
    const seen = items.get(code);
    if (seen && seen.line !== line) {
      errors.push({ file: sourceLabel, row, column: 'TARIFF', message: `tariff item ${tariff} again, with other text than at row ${seen.row}` });
      return;
    }
    if (seen) return; // an exact repeat of a row: one is kept
    items.set(code, { line, row });
  });
  if (errors.length > 0) return { ok: false, errors };
  if (items.size === 0) return { ok: false, errors: [{ file: sourceLabel, message: 'no eight-digit tariff item in the file' }] };

  const codes = [...items.keys()].sort();
  const noMfn = codes.filter((c) => items.get(c)!.line.split('\t')[2] === '').length;
  const text = [
    `# Canada Customs Tariff, Schedule (List of Tariff Provisions): tariff item, description, MFN rate, UST rate (United States Tariff = the CUSMA preference for goods that qualify under CUSMA rules of origin), General Tariff rate, effective date of the tariff item's rates`,
    `# revision: ${spec.edition}`,
    `# source: ${sourceLabel} (${spec.upstream})`,
    `# source-sha256: ${sha}`,
    `# count: ${codes.length} tariff items (every eight-digit row of the source; its ${statistical} ten-digit classification numbers are left out, rates being set at the tariff item)`,
    ...(noMfn > 0 ? [`# no MFN rate in the source: ${noMfn} tariff items (empty mfn)`] : []),
    ...(spec.unverified ? [`# UNVERIFIED: ${spec.unverified}`] : []),
    `# rates are as written in the source ("Free", "8 %", "0.86 ¢each", "238 % but not less than 30.8 ¢each"), runs of white space made one space; an empty ust means the source lists no UST rate (the MFN rate applies); effective_date is the source's EFF_DATE of the eight-digit row`,
    `# generated by npm run import-ca-tariff from data/sources/ca/customs-tariff.yaml; do not edit by hand`,
    CA_TARIFF_COLUMNS.join('\t'),
    ...codes.map((c) => items.get(c)!.line),
    '',
  ].join('\n');
  return { ok: true, text, count: codes.length, statistical, noMfn };
}

/** The spec, validated; a malformed file is an error naming the key at fault. */
export function loadCaTariffSpec(path = DEFAULT_CA_TARIFF_SPEC): CaTariffSpec {
  const parsed = caTariffSourceSchema.safeParse(parseYaml(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Imports the raw file the spec names (under `sourcesDir`); the raw file missing is an error, not an empty table. */
export function importCaTariff(specPath = DEFAULT_CA_TARIFF_SPEC, sourcesDir = join(DATA_DIR, 'sources')): CaTariffImportResult {
  const spec = loadCaTariffSpec(specPath);
  const raw = join(sourcesDir, spec.source);
  if (!existsSync(raw)) return { ok: false, errors: [{ file: `data/sources/${spec.source}`, message: 'the raw export is not there: place it (see data/sources/ca/README.md) and re-run' }] };
  return buildCaTariffFile(spec, readFileSync(raw));
}

function main(): void {
  const args = process.argv.slice(2);
  const at = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const out = at('--out') ?? DEFAULT_CA_TARIFF_OUT;
  const result = importCaTariff(at('--spec') ?? DEFAULT_CA_TARIFF_SPEC, at('--sources') ?? join(DATA_DIR, 'sources'));
  if (!result.ok) {
    for (const e of result.errors) process.stderr.write(`${e.file}${e.row ? `:${e.row}` : ''}${e.column ? ` [${e.column}]` : ''}: ${e.message}\n`);
    process.exitCode = 1;
    return;
  }
  writeFileSync(out, result.text);
  process.stdout.write(`wrote ${out}: ${result.count} tariff items (${result.statistical} classification numbers left out)\n`);
  const spec = loadCaTariffSpec(at('--spec') ?? DEFAULT_CA_TARIFF_SPEC);
  if (!spec.sha256) process.stdout.write(`the spec pins no sha256: add "sha256: ${/# source-sha256: (\w+)/.exec(result.text)![1]}" once the raw file is checked\n`);
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) main();
