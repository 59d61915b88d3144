/**
 * Every message on standard error is for a person at a terminal and may quote the user's files (a header, a
 * value, a file name). Rather than trust every message to escape what it quotes, the one stream they all go
 * through escapes any control character that is not the message's own layout (see terminalSafe).
 */
import type { Writable } from 'node:stream';
import { terminalSafe } from '../report/terminal-text.js';

const guarded = new WeakSet<Writable>();

export function guardStderr(stderr: Writable): void {
  if (guarded.has(stderr)) return;
  guarded.add(stderr);
  const write = stderr.write.bind(stderr) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stderr.write = ((chunk: unknown, ...rest: unknown[]) => write(typeof chunk === 'string' ? terminalSafe(chunk) : chunk, ...rest)) as typeof stderr.write;
}
