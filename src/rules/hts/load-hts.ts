/**
 * Loads data/hts/hts.tsv into an HtsTable: parsed rates per 8-digit subheading, valid statistical
 * suffixes, and nearest-code suggestions for codes that do not exist.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../paths.js';
import { formatHts } from './format.js';
import { parseRateText } from './rate-text.js';
import { usmcaSpecial } from './special-text.js';
import type { HtsRecord, HtsSubheading, HtsTable, HtsTableMeta } from './types.js';

export const DEFAULT_HTS_PATH = join(DATA_DIR, 'hts', 'hts.tsv');

interface Entry {
  /** The data row; parsed on first use so start-up stays fast. */
  row: string;
  record?: HtsRecord;
  suffixes?: ReadonlySet<string>;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** The layouts a tariff table file may have (see the schedule's tariff_table). */
export type TariffTableFormat = 'hts-tsv' | 'ca-customs-tariff-tsv';

const CA_LABELS = Object.freeze({ general: 'MFN', preference: 'UST (CUSMA)', table: 'Customs Tariff' });

/** CBSA writes a space before % and ¢ ("8 %", "2.82 ¢/kg"): the rate parser reads them without it. */
const caRateText = (text: string): string => text.trim().replace(/(\d) (%|¢)/g, '$1$2');

/**
 * A row of Canada's Customs Tariff table: tariff item, description, MFN rate, UST rate (the CUSMA rate of the
 * United States; empty: the item has none), then any other columns (ignored).
 */
function parseCaRow(entry: Entry): { record: HtsRecord; suffixes: ReadonlySet<string> } {
  if (!entry.record) {
    const [item = '', description = '', mfnText = '', ustText = ''] = entry.row.split('\t');
    const mfn = caRateText(mfnText);
    const ust = caRateText(ustText);
    const code8 = item.replace(/\D/g, '').slice(0, 8);
    entry.record = {
      code8,
      description,
      generalText: mfn.trim(),
      general: parseRateText(mfn.trim()),
      specialText: ust.trim() === '' ? '' : `UST ${ust.trim()}`,
      ...(ust.trim() !== '' ? { usmca: parseRateText(ust.trim()) } : {}),
      units: [],
      labels: CA_LABELS,
    };
    entry.suffixes = new Set();
  }
  return { record: entry.record, suffixes: entry.suffixes! };
}

function parseRowAs(entry: Entry, format: TariffTableFormat = 'hts-tsv'): { record: HtsRecord; suffixes: ReadonlySet<string> } {
  if (format === 'ca-customs-tariff-tsv') return parseCaRow(entry);
  if (!entry.record) {
    const [code8 = '', generalText = '', specialText = '', units = '', suffixes = '', description = ''] = entry.row.split('\t');
    const special = usmcaSpecial(specialText);
    entry.record = {
      code8,
      description,
      generalText,
      general: parseRateText(generalText),
      specialText,
      ...(special ? { usmca: special.rate } : {}),
      units: units === '' ? [] : units.split('|'),
    };
    entry.suffixes = new Set(suffixes === '' ? [] : suffixes.split(','));
  }
  return { record: entry.record, suffixes: entry.suffixes! };
}

const FOUND_LIMIT = 1 << 16;

export function parseHtsFile(text: string, contentSha256: string, format: TariffTableFormat = 'hts-tsv'): HtsTable {
  const meta: HtsTableMeta = { revision: format === 'hts-tsv' ? 'unknown HTS revision' : 'unknown Customs Tariff edition', sourceSha256: '', sourceFile: '', importedRecords: 0 };
  const entries = new Map<string, Entry>();
  const ca = format === 'ca-customs-tariff-tsv';
  const parseRow = (entry: Entry): { record: HtsRecord; suffixes: ReadonlySet<string> } => parseRowAs(entry, format);
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) {
      const m = /^# ([a-z0-9-]+): (.*)$/.exec(line);
      if (m?.[1] === 'revision') meta.revision = m[2]!;
      else if (m?.[1] === 'source') meta.sourceFile = m[2]!;
      else if (m?.[1] === 'source-sha256') meta.sourceSha256 = m[2]!;
      continue;
    }
    if (line === '' || line.startsWith('code8\t')) continue;
    if (ca) {
      // Canada's table: the tariff item (8 digits, dots allowed) first; a header row or a row without one is skipped.
      const item = line.slice(0, line.indexOf('\t') < 0 ? line.length : line.indexOf('\t')).replace(/\D/g, '');
      if (item.length < 8) continue;
      entries.set(item.slice(0, 8), { row: line.replace(/\r$/, '') });
      continue;
    }
    entries.set(line.slice(0, 8), { row: line });
  }
  meta.importedRecords = entries.size;
  let allCodes: string[] | undefined;
  const everyCode = (): string[] => {
    if (!allCodes) {
      allCodes = [];
      for (const [code8, entry] of entries) {
        const { suffixes } = parseRow(entry);
        if (suffixes.size === 0) allCodes.push(code8);
        for (const s of suffixes) allCodes.push(code8 + s);
      }
      allCodes.sort();
    }
    return allCodes;
  };

  // Codes looked up before (a file has few): one probe.
  const found = new Map<string, HtsRecord | null>();
  const find = (code: string): HtsRecord | undefined => {
    const entry = entries.get(code.slice(0, 8));
    if (!entry) return undefined;
    const { record, suffixes } = parseRow(entry);
    if (code.length === 8) return record;
    if (code.length !== 10) return undefined;
    // Canada's classification numbers add a statistical suffix the tariff table does not hold: any is taken.
    if (ca) return record;
    const suffix = code.slice(8);
    if (suffixes.has(suffix) || (suffixes.size === 0 && suffix === '00')) return record;
    return undefined;
  };

  const known = (code: string): HtsRecord | undefined => {
    const seen = found.get(code);
    if (seen !== undefined) return seen ?? undefined;
    const record = find(code);
    if (found.size >= FOUND_LIMIT) found.clear();
    found.set(code, record ?? null);
    return record;
  };
  let lastCode: string | undefined;
  let lastRecord: HtsRecord | undefined;

  const subheading = (entry: Entry): HtsSubheading => {
    const { record, suffixes } = parseRow(entry);
    return { record, suffixes: [...suffixes] };
  };

  return {
    meta,
    contentSha256,
    lookup(code: string): HtsRecord | undefined {
      // The schedules of a comparison look the same line's code up in turn.
      if (code === lastCode) return lastRecord;
      lastCode = code;
      return (lastRecord = known(code));
    },
    suggest(code: string, limit = 5): string[] {
      const codes = everyCode();
      const digits = code.replace(/\D/g, '');
      let lo = 0;
      let hi = codes.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (codes[mid]! < digits) lo = mid + 1;
        else hi = mid;
      }
      const window = codes.slice(Math.max(0, lo - 20), lo + 20);
      const target = Number(digits.padEnd(10, '0'));
      return window
        .map((c) => ({ c, shared: commonPrefix(c, digits), distance: Math.abs(Number(c.padEnd(10, '0')) - target) }))
        .sort((a, b) => b.shared - a.shared || a.distance - b.distance)
        .slice(0, limit)
        .map((x) => formatHts(x.c));
    },
    subheadings(prefix: string): HtsSubheading[] {
      const out: HtsSubheading[] = [];
      for (const [code8, entry] of entries) if (code8.startsWith(prefix)) out.push(subheading(entry));
      return out;
    },
    search(words: readonly string[]): HtsSubheading[] {
      const wanted = words.map((w) => w.toLowerCase());
      const out: HtsSubheading[] = [];
      for (const entry of entries.values()) {
        // The description is the row's last column: match it without parsing the rates of every row.
        const description = (ca ? (entry.row.split('\t')[1] ?? '') : entry.row.slice(entry.row.lastIndexOf('\t') + 1)).toLowerCase();
        if (wanted.every((w) => description.includes(w))) out.push(subheading(entry));
      }
      return out;
    },
  };
}

export function loadHtsTable(path: string = DEFAULT_HTS_PATH, format: TariffTableFormat = 'hts-tsv'): HtsTable {
  const bytes = readFileSync(path);
  return parseHtsFile(bytes.toString('utf8'), createHash('sha256').update(bytes).digest('hex'), format);
}

/** The tariff table a rule set names (its schedule's tariff_table), else the HTSUS. */
export function loadTariffTable(rules: { tariffTable?: { path: string; format: TariffTableFormat } }): HtsTable {
  return rules.tariffTable ? loadHtsTable(rules.tariffTable.path, rules.tariffTable.format) : loadHtsTable();
}
