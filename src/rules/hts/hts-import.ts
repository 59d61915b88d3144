/**
 * Turns an official USITC HTS export (CSV or JSON) into the compact data file data/hts/hts.tsv: one row
 * per 8-digit subheading of chapters 1-98 with its General and Special rate text, units and valid
 * statistical suffixes. Byte-identical for the same export (no dates), so a re-import shows as a diff.
 */
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';

export interface ExportRow {
  htsno: string;
  indent: number;
  description: string;
  units: string[];
  general: string;
  special: string;
}

interface Subheading {
  code8: string;
  general: string;
  special: string;
  units: Set<string>;
  suffixes: Set<string>;
  description: string;
}

const HTS_FILE_HEADER = ['code8', 'general', 'special', 'units', 'suffixes', 'description'];

function clean(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function parseUnits(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String).filter((u) => u !== '');
  const text = String(raw ?? '').trim();
  if (text.startsWith('[')) {
    try {
      return (JSON.parse(text) as unknown[]).map(String).filter((u) => u !== '');
    } catch {
      return [];
    }
  }
  return text === '' ? [] : [text];
}

export function rowsFromCsv(text: string): ExportRow[] {
  const records = parse(text, { bom: true, columns: true, relax_quotes: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  return records.map((r) => ({
    htsno: r['HTS Number'] ?? '',
    indent: Number(r.Indent ?? 0),
    description: r.Description ?? '',
    units: parseUnits(r['Unit of Quantity']),
    general: r['General Rate of Duty'] ?? '',
    special: r['Special Rate of Duty'] ?? '',
  }));
}

export function rowsFromJson(text: string): ExportRow[] {
  const records = JSON.parse(text) as Array<Record<string, unknown>>;
  return records.map((r) => ({
    htsno: String(r.htsno ?? ''),
    indent: Number(r.indent ?? 0),
    description: String(r.description ?? ''),
    units: parseUnits(r.units),
    general: String(r.general ?? ''),
    special: String(r.special ?? ''),
  }));
}

/** Builds the TSV text; `revision` and `sourceFile` go into its provenance header. */
export function buildHtsFile(rows: ExportRow[], revision: string, sourceFile: string, sourceBytes: Buffer): string {
  const subheadings = new Map<string, Subheading>();
  const ancestors: string[] = [];
  for (const row of rows) {
    const description = clean(row.description);
    ancestors[row.indent] = description;
    ancestors.length = row.indent + 1;
    const digits = row.htsno.replace(/\D/g, '');
    if (digits.length !== 8 && digits.length !== 10) continue;
    if (digits.startsWith('99')) continue;
    const code8 = digits.slice(0, 8);
    let sub = subheadings.get(code8);
    if (!sub) {
      const parent = ancestors[row.indent - 1];
      const label = /^other:?$/i.test(description) && parent ? `${parent.replace(/:$/, '')}: ${description}` : description;
      sub = { code8, general: '', special: '', units: new Set(), suffixes: new Set(), description: label.slice(0, 120) };
      subheadings.set(code8, sub);
    }
    if (row.general.trim() !== '' && sub.general === '') sub.general = clean(row.general);
    if (row.special.trim() !== '' && sub.special === '') sub.special = clean(row.special);
    if (digits.length === 10) {
      sub.suffixes.add(digits.slice(8));
      for (const u of row.units) sub.units.add(clean(u));
    }
  }
  const sorted = [...subheadings.values()].sort((a, b) => (a.code8 < b.code8 ? -1 : 1));
  const sha = createHash('sha256').update(sourceBytes).digest('hex');
  const lines = [
    `# HTS column 1 data for the tariff calculator, imported by npm run import-hts (do not edit by hand)`,
    `# revision: ${revision}`,
    `# source: ${sourceFile}`,
    `# source-sha256: ${sha}`,
    `# records: ${sorted.length}`,
    HTS_FILE_HEADER.join('\t'),
    ...sorted.map((s) => [s.code8, s.general, s.special, [...s.units].join('|'), [...s.suffixes].sort().join(','), s.description].join('\t')),
  ];
  return `${lines.join('\n')}\n`;
}
