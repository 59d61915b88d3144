/**
 * CSV cells written as bytes, with the quoting and formula neutralising of csv-cell (which stays the one
 * definition of both: these only avoid building the strings).
 */
import type { ByteWriter } from './byte-writer.js';
import { csvCell, neutralizeFormula } from './csv-cell.js';

/** The text has a character that needs the cell quoted (" , CR LF). */
export function needsQuotes(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 44 || c === 10 || c === 13) return true;
  }
  return false;
}

/** A cell of text the tool wrote (quoted when it must be). */
export function writeTextCell(w: ByteWriter, s: string): void {
  if (needsQuotes(s)) w.text(csvCell(s));
  else w.text(s);
}

/** A cell of text taken from the user's file: neutralised if a spreadsheet would run it, quoted when it must be. */
export function writeUserCell(w: ByteWriter, s: string): void {
  if (s.length === 0) return;
  const c = s.charCodeAt(0);
  // = + @ tab CR -: the cases neutralizeFormula may change
  if (c === 61 || c === 43 || c === 64 || c === 9 || c === 13 || c === 45) return writeTextCell(w, neutralizeFormula(s));
  writeTextCell(w, s);
}

/** The bytes of a user cell, for text that repeats from row to row (an entry number). */
export class UserCellCache {
  private last: string | undefined;
  private lastBytes: Uint8Array = new Uint8Array(0);

  write(w: ByteWriter, s: string): void {
    if (s !== this.last) {
      this.last = s;
      this.lastBytes = new Uint8Array(Buffer.from(csvCell(neutralizeFormula(s)), 'utf8'));
    }
    w.bytes(this.lastBytes);
  }
}
