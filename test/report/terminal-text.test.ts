import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shown, terminalSafe } from '../../src/report/terminal-text.js';

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('shown: a value from the input as a person may safely see it', () => {
  it('writes every control character out, and leaves ordinary text (accents, symbols) alone', () => {
    expect(shown('E1\u001b[31mX')).toBe('E1\\x1b[31mX');
    expect(shown('a\nb\tc\rd\u0007')).toBe('a\\x0ab\\x09c\\x0dd\\x07');
    expect(shown('pay \u202eRED')).toBe('pay \\u{202e}RED');
    expect(shown('Bois d’œuvre ¢/kg m² €')).toBe('Bois d’œuvre ¢/kg m² €');
  });

  it('leaves no control character in any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => !CONTROL.test(shown(s))));
  });
});

describe('terminalSafe: the last guard on text built for a terminal', () => {
  it("keeps the layout's newlines and colour codes, escapes every other escape sequence", () => {
    expect(terminalSafe('\u001b[31mred\u001b[39m\nnext')).toBe('\u001b[31mred\u001b[39m\nnext');
    expect(terminalSafe('\r12 lines\r\u001b[K')).toBe('\r12 lines\r\u001b[K');
    expect(terminalSafe('title \u001b]0;pwned\u0007 and \u001b[2J')).toBe('title \\x1b]0;pwned\\x07 and \\x1b[2J');
  });

  it('lets through no escape but a colour code or a line clear', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const rest = terminalSafe(s).replace(/\u001b\[[0-9;]*[mK]|[\n\r]/g, '');
        return !CONTROL.test(rest);
      }),
    );
  });
});
