/**
 * UTF-8 decoding that loses nothing: a byte that is not part of valid UTF-8 (a Latin-1 "é", E9) becomes the
 * lone surrogate U+DC00 + byte instead of U+FFFD, so a rejected row can be written back to the --rejects
 * file with the user's own bytes. Such a row is always rejected (row-events); what people see of it is the
 * usual replacement character (shownText). Valid input, the hot path, is decoded by Buffer as before, after
 * one native validity check per chunk.
 */
import { isUtf8 } from 'node:buffer';

const KEPT_BASE = 0xdc00;
/** A kept byte: a low surrogate U+DC80-U+DCFF not preceded by a high surrogate (not half of a pair). */
const KEPT = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;

/** Length of the valid UTF-8 sequence at `i`, or 0 when the byte there starts none (RFC 3629 table). */
function sequenceLength(b: Uint8Array, i: number, end: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  let n: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) n = 2;
  else if (c === 0xe0) (n = 3), (lo = 0xa0);
  else if (c === 0xed) (n = 3), (hi = 0x9f);
  else if (c >= 0xe1 && c <= 0xef) n = 3;
  else if (c === 0xf0) (n = 4), (lo = 0x90);
  else if (c === 0xf4) (n = 4), (hi = 0x8f);
  else if (c >= 0xf1 && c <= 0xf3) n = 4;
  else return 0;
  if (i + n > end) return 0;
  const c1 = b[i + 1]!;
  if (c1 < lo || c1 > hi) return 0;
  for (let k = 2; k < n; k++) {
    const ck = b[i + k]!;
    if (ck < 0x80 || ck > 0xbf) return 0;
  }
  return n;
}

/** Where the bytes stop being complete: a character the next chunk may finish is left for it. */
function completeEnd(b: Uint8Array): number {
  const n = b.length;
  for (let i = n - 1; i >= 0 && i >= n - 3; i--) {
    const c = b[i]!;
    if (c < 0x80) return n;
    if (c >= 0xc0) return i + (c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2) > n ? i : n;
  }
  return n;
}

function decodeKeeping(b: Buffer, end: number): string {
  let out = '';
  let run = 0;
  let i = 0;
  while (i < end) {
    const n = sequenceLength(b, i, end);
    if (n > 0) {
      i += n;
      continue;
    }
    if (i > run) out += b.toString('utf8', run, i);
    out += String.fromCharCode(KEPT_BASE + b[i]!);
    i += 1;
    run = i;
  }
  if (end > run) out += b.toString('utf8', run, end);
  return out;
}

/** A streaming decoder, chunk by chunk; `seen` once any byte was not UTF-8. */
export class ByteKeepingDecoder {
  seen = false;
  private carry: Buffer | undefined;

  decode(chunk: Uint8Array, last = false): string {
    let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.carry) {
      bytes = Buffer.concat([this.carry, bytes]);
      this.carry = undefined;
    }
    const end = last ? bytes.length : completeEnd(bytes);
    if (end < bytes.length) this.carry = Buffer.from(bytes.subarray(end));
    if (isUtf8(bytes.subarray(0, end))) return bytes.toString('utf8', 0, end);
    this.seen = true;
    return decodeKeeping(bytes, end);
  }

  /** The end of the input: bytes of a character never finished are kept bytes. */
  end(): string {
    const carry = this.carry;
    this.carry = undefined;
    return carry ? this.decode(carry, true) : '';
  }
}

export function hasKeptBytes(text: string): boolean {
  return KEPT.test(text);
}

/** The bytes the text was decoded from. */
export function keptBytes(text: string): Buffer {
  if (!hasKeptBytes(text)) return Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc80 || c > 0xdcff || (i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff)) continue;
    if (i > run) parts.push(Buffer.from(text.slice(run, i), 'utf8'));
    parts.push(Buffer.of(c - KEPT_BASE));
    run = i + 1;
  }
  if (text.length > run) parts.push(Buffer.from(text.slice(run), 'utf8'));
  return Buffer.concat(parts);
}

const shown = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** The text as a UTF-8 reader shows it: each byte that is not UTF-8 a replacement character. */
export function shownText(text: string): string {
  return hasKeptBytes(text) ? shown.decode(keptBytes(text)) : text;
}
