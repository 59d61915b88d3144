/** The streams a run reads and writes (the process's own, or a test's), and the files it opens for writing. */
import type { Readable, Writable } from 'node:stream';
import type { OutputTargets } from './output-target.js';

export interface Io {
  stdin: Readable;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  /** --out, --rejects and --cape files, replaced only when the program's run succeeds (see output-target). */
  outputs: OutputTargets;
}
