/**
 * CSV cells: RFC 4180 quoting, and neutralising of text a spreadsheet would run as a formula
 * (=, +, @, tab, carriage return, or a minus that does not start a plain number, at the start of a cell
 * taken from input).
 */
const NEEDS_QUOTES = /[",\r\n]/;
const PLAIN_NUMBER = /^-[\d.,]+$/;

export function csvCell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * For text that came from the user's file: a leading apostrophe keeps a spreadsheet from evaluating it.
 * A leading minus is a formula unless the cell is a plain negative number, which must survive a re-run.
 */
export function neutralizeFormula(value: string): string {
  if (value.length === 0) return value;
  const c = value.charCodeAt(0);
  // = + @ tab CR
  if (c === 61 || c === 43 || c === 64 || c === 9 || c === 13) return `'${value}`;
  if (c === 45 && !PLAIN_NUMBER.test(value)) return `'${value}`;
  return value;
}

export function csvRow(cells: readonly string[]): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) out += (i > 0 ? ',' : '') + csvCell(cells[i]!);
  return `${out}\n`;
}
