import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteKeepingDecoder, hasKeptBytes, keptBytes, shownText } from '../../src/input/kept-bytes.js';

/** Decodes `bytes` cut at `cuts`, as a file read in chunks is. */
function decode(bytes: Uint8Array, cuts: number[]): { text: string; seen: boolean } {
  const d = new ByteKeepingDecoder();
  let text = '';
  let at = 0;
  for (const cut of [...cuts.filter((c) => c <= bytes.length)].sort((a, b) => a - b)) {
    text += d.decode(bytes.subarray(at, cut));
    at = cut;
  }
  text += d.decode(bytes.subarray(at));
  text += d.end();
  return { text, seen: d.seen };
}

const cuts = fc.array(fc.nat(64), { maxLength: 6 });
/** Any text without lone surrogates: one to four bytes a character in UTF-8 (fc.string's 'binary' unit is slow). */
const text = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 0x7ff }), fc.integer({ min: 0x800, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0x10ffff })), { maxLength: 32 })
  .map((points) => String.fromCodePoint(...points));

describe('ByteKeepingDecoder', () => {
  it('gives back the bytes it decoded, whatever they are and wherever the chunks are cut', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), cuts, (bytes, at) => {
        expect(keptBytes(decode(bytes, at).text).toString('hex')).toBe(Buffer.from(bytes).toString('hex'));
      }),
    );
  });

  it('decodes UTF-8 as TextDecoder does, with nothing kept', () => {
    fc.assert(
      fc.property(text, cuts, (s, at) => {
        const bytes = Buffer.from(s, 'utf8');
        const r = decode(bytes, at);
        expect(r.text).toBe(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
        expect(r.seen).toBe(false);
        expect(hasKeptBytes(r.text)).toBe(false);
      }),
    );
  });

  it('shows bytes that are not UTF-8 as TextDecoder does (replacement characters)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(shownText(decode(bytes, []).text)).toBe(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
      }),
    );
  });

  it('a Latin-1 é is kept as one byte', () => {
    const r = decode(Buffer.from('caf\xe9', 'latin1'), []);
    expect(r.seen).toBe(true);
    expect(keptBytes(r.text)).toEqual(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    expect(shownText(r.text)).toBe('caf\uFFFD');
  });
});
