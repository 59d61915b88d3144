/**
 * One run of the program: its arguments, environment and streams, the files it opens for writing, and the exit
 * code its command reports. `main` makes one for each call and hands it to every command, so that nothing of a
 * run is process state: the exit code of one run cannot leak into another run in the same process.
 */
import type { Readable, Writable } from 'node:stream';
import { EXIT } from '../run/exit-codes.js';
import type { Io } from '../run/io.js';
import { OutputTargets } from '../run/output-target.js';

/** What the program is given to run with: the process's own, or a test's. */
export interface ProgramIo {
  stdin: Readable;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export function processIo(): ProgramIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}

export class Invocation implements Io {
  readonly stdin: Readable;
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  readonly outputs = new OutputTargets();
  /** What the command reports; main returns it once commander has finished. */
  exitCode: number = EXIT.OK;
  /** The reader of standard output closed it (`| head`). */
  stdoutClosed = false;
  /** A write to standard output failed otherwise (said when it happened). */
  stdoutFailure: Error | undefined;

  constructor(
    readonly argv: readonly string[],
    io: ProgramIo,
  ) {
    this.stdin = io.stdin;
    this.stdout = io.stdout;
    this.stderr = io.stderr;
    this.env = io.env;
  }

  /** --debug: stack traces of internal errors, and how a run on threads divided the file. */
  get debug(): boolean {
    return this.argv.includes('--debug');
  }
}
