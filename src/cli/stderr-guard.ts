/**
 * Every message on standard error is for a person at a terminal and may quote the user's files (a header, a
 * value, a file name). Rather than trust every message to escape what it quotes, the one stream they all go
 * through escapes any control character that is not the message's own layout (see terminalSafe).
 */
import { terminalSafe } from '../report/terminal-text.js';

let guarded = false;

export function guardStderr(): void {
  if (guarded) return;
  guarded = true;
  const write = process.stderr.write.bind(process.stderr) as (chunk: unknown, ...rest: unknown[]) => boolean;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => write(typeof chunk === 'string' ? terminalSafe(chunk) : chunk, ...rest)) as typeof process.stderr.write;
}
