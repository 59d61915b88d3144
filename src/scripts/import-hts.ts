/**
 * `npm run import-hts -- <USITC export .csv|.json> [--out data/hts/hts.tsv] [--revision "2026 HTS Revision 3"]`
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildHtsFile, rowsFromCsv, rowsFromJson } from '../rules/hts/hts-import.js';
import { DATA_DIR } from '../rules/paths.js';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The revision named by the USITC file name (hts_2026_revision_3_csv.csv -> 2026 HTS Revision 3). */
function revisionFromName(file: string): string {
  const m = /hts_(\d{4})_(?:revision|rev)_(\d+)/i.exec(basename(file));
  if (m) return `${m[1]} HTS Revision ${m[2]}`;
  const basic = /hts_(\d{4})_basic/i.exec(basename(file));
  return basic ? `${basic[1]} HTS Basic Edition` : basename(file);
}

export function importHtsFile(source: string, revision = revisionFromName(source)): string {
  const bytes = readFileSync(source);
  const text = bytes.toString('utf8');
  const isJson = source.toLowerCase().endsWith('.json') || text.trimStart().startsWith('[');
  const rows = isJson ? rowsFromJson(text) : rowsFromCsv(text);
  return buildHtsFile(rows, revision, basename(source), bytes);
}

function main(): void {
  const args = process.argv.slice(2);
  const source = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--out' && args[args.indexOf(a) - 1] !== '--revision');
  if (!source) {
    process.stderr.write('usage: npm run import-hts -- <USITC export .csv or .json> [--out FILE] [--revision TEXT]\n');
    process.exitCode = 1;
    return;
  }
  const out = option(args, '--out') ?? join(DATA_DIR, 'hts', 'hts.tsv');
  const text = importHtsFile(source, option(args, '--revision'));
  writeFileSync(out, text);
  process.stdout.write(`wrote ${out}: ${text.split('\n').length - 7} subheadings\n`);
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) main();
