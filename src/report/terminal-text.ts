/**
 * Text from the user's files on a terminal. A control character in an entry id, a description or a header
 * (ESC above all) is an instruction to the terminal: it can recolour or hide text, move the cursor, set the
 * window title or write the clipboard. Human-readable views show such characters escaped (`\x1b`); CSV
 * and JSON keep the data as given.
 */

/** C0 and C1 controls, DEL, and the Unicode marks that reorder text as it is shown (bidi overrides). */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');

function escaped(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** A value from the input as a person may safely see it: every control character written out as `\xNN`. */
export function shown(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, escaped) : text;
}

/**
 * The last guard on text this program built for a terminal (tables, explanations, messages): the layout's own
 * newlines, carriage returns and colour codes (ESC [ ... m, and ESC [ K that clears a progress line) stay;
 * any other control character is escaped. Values are escaped with `shown` where they are put in, so a colour
 * code in the data is escaped too; this catches what a message might have let through.
 */
const UNSAFE_IN_LAYOUT = /\u001b\[[0-9;]*[mK]|[\n\r]|[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE_IN_LAYOUT, (m) => (m.length > 1 || m === '\n' || m === '\r' ? m : escaped(m)));
}
