/** Field delimiter of a CSV export: comma, or the semicolon or tab that European spreadsheets write. */
import { CsvTokenizer } from './csv-tokenizer.js';

/** The delimiter that splits the header line most (outside quotes). */
export function detectDelimiter(firstLine: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]! += 1;
  }
  return [';', '\t'].reduce((best, d) => (counts[d]! > counts[best]! ? d : best), ',');
}

/** A tokenizer for text whose first line is the header (the delimiter is detected there unless given). */
export function tokenizerFor(textWithHeader: string, delimiter?: string): CsvTokenizer {
  return new CsvTokenizer(delimiter ?? detectDelimiter(textWithHeader.split(/\r?\n/, 1)[0]!.replace(/^\uFEFF/, '')));
}
