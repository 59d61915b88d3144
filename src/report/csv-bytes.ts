/**
 * CSV cells written as bytes, with the quoting and formula neutralising of csv-cell (which stays the one
 * definition of both: these only avoid building the strings).
 */
import type { LineItem, Rejection } from '../model/line-item.js';
import { formatHts } from '../rules/hts/format.js';
import { encoded, type ByteWriter } from '../bytes/byte-writer.js';
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

const COMMA = 44;

/**
 * The cells that say which input line a row is: entry, line, source_line, hts, description. The bytes of
 * the entry (the same on each of its lines) and of each HTS code (a run has a few thousand) are kept.
 */
export class LineKeyCells {
  private readonly entry = new UserCellCache();
  private readonly htsBytes = new Map<string, Uint8Array>();

  private hts(code: string): Uint8Array {
    let bytes = this.htsBytes.get(code);
    if (bytes === undefined) {
      bytes = encoded(formatHts(code));
      if (this.htsBytes.size < 1 << 16) this.htsBytes.set(code, bytes);
    }
    return bytes;
  }

  write(w: ByteWriter, item: LineItem): void {
    this.entry.write(w, item.entry);
    w.char(COMMA);
    writeUserCell(w, item.line);
    w.char(COMMA);
    w.uint(item.sourceLine);
    w.char(COMMA);
    w.bytes(this.hts(item.hts));
    w.char(COMMA);
    writeUserCell(w, item.description ?? '');
  }
}

/** The same cells for a rejected row (entry, line, source_line, hts, description), as the row gave them; text cells to pass to csvRow. */
export function rejectionKeyCells(r: Rejection): string[] {
  const k = r.key;
  const user = (s: string | undefined): string => neutralizeFormula(s ?? '');
  return [user(k?.entry), user(k?.line), String(r.sourceLine), user(k?.hts), user(k?.description)];
}

/** ",<invoice currency>,<USD per unit>": an ISO code and a decimal rate, which need no quoting ("1" for USD). */
export function writeCurrencyCells(w: ByteWriter, item: LineItem): void {
  w.char(44);
  w.text(item.invoiceValue.currency);
  w.char(44);
  w.text(item.fxRate ?? '1');
}
