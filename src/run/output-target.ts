/**
 * Files a run writes (--out, --rejects, --cape), so that a failed run never destroys what was there: a
 * regular file is written to a temporary file beside it, which replaces it (rename) only once the run has
 * finished and every write succeeded. A run that fails, is interrupted (SIGINT, SIGTERM) or exits early
 * removes its temporary files and leaves each target as it was. A target that is not a regular file (a
 * device such as /dev/null, a FIFO) cannot be replaced and is written directly.
 *
 * Each run of the program keeps its pending targets in its own `OutputTargets`, which the end of `main` commits
 * or discards; the process's exit and signal handlers reach the targets of every run still going.
 */
import { accessSync, chmodSync, closeSync, constants, createWriteStream, fchownSync, fsync, lstatSync, openSync, readlinkSync, renameSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { EXIT } from './exit-codes.js';

/** A target that could not be opened (its folder is missing or not writable): nothing was computed. */
export class OutputOpenError extends Error {}

/** A write to an output file failed (a full disk): the run is a failure, said in one line, exit 3. */
export class OutputWriteError extends Error {
  constructor(
    readonly target: string,
    cause: NodeJS.ErrnoException,
    /** The target was written through a temporary file, so it is as it was. */
    readonly kept: boolean,
  ) {
    super(`cannot write ${target}: ${errorWords(cause)}${kept ? `; ${target} was left as it was` : ''}`);
  }
}

function errorWords(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EFBIG':
      return 'the file size limit was reached';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'no such file or folder';
    case 'EISDIR':
      return 'it is a folder';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EIO':
      return 'input/output error';
    default:
      return e.message;
  }
}

const MAX_LINKS = 40;

/**
 * The file a path writes to: symbolic links followed, also one whose target does not exist yet (as
 * opening it for writing would). The temporary file goes beside this file, and replaces it, not the link.
 */
export function resolveLinks(path: string): string {
  let current = resolve(path);
  for (let i = 0; i < MAX_LINKS; i++) {
    let isLink: boolean;
    try {
      isLink = lstatSync(current).isSymbolicLink();
    } catch {
      return current;
    }
    if (!isLink) return current;
    current = resolve(dirname(current), readlinkSync(current));
  }
  return current;
}

/** One pending target: its temporary file until the run is done. */
export interface Pending {
  /** As the user named it, for messages. */
  target: string;
  /** The file it names (links followed): what the temporary file replaces. */
  dest: string;
  temp: string;
  fd: number;
  /** The target existed before the run. */
  existed: boolean;
  finished: boolean;
}

/** The runs with targets pending, for the exit and signal handlers of the process. */
const live = new Set<OutputTargets>();

let exitHooked = false;
/** Temporary files left at exit (an uncaught error, process.exit) are removed. */
function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const targets of live) targets.discard();
  });
  for (const [signal, code] of Object.entries(EXIT.INTERRUPTED)) {
    process.on(signal, () => {
      for (const targets of [...live]) {
        const left = targets.list();
        targets.discard();
        for (const p of left) process.stderr.write(`tariff: interrupted (${signal}): ${p.existed ? `${p.target} was left as it was` : `${p.target} was not written`}\n`);
      }
      process.exit(code);
    });
  }
}

let sequence = 0;

/** The targets one run of the program opened: replaced together when it succeeds, left as they were otherwise. */
export class OutputTargets {
  private readonly pending = new Set<Pending>();

  list(): Pending[] {
    return [...this.pending];
  }

  /** Opens a file target for writing: a stream, and whether it goes through a temporary file. */
  open(path: string): { stream: Writable; atomic: Pending | undefined } {
    const target = resolveLinks(path);
    let existing: Stats | undefined;
    try {
      existing = statSync(target);
      if (existing.isDirectory()) throw new OutputOpenError(`cannot write ${path}: it is a folder`);
      if (!existing.isFile()) return { stream: createWriteStream(target), atomic: undefined };
      // Renaming over a file needs only its folder to be writable: a file the user may not write stays so.
      accessSync(target, constants.W_OK);
    } catch (e) {
      if (e instanceof OutputOpenError) throw e;
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new OutputOpenError(`cannot write ${path}: ${errorWords(e as NodeJS.ErrnoException)}`);
    }
    sequence += 1;
    const temp = join(dirname(target), `.${basename(target)}.tariff-${process.pid}-${sequence}.tmp`);
    let fd: number;
    try {
      // A new file gets the permissions the umask gives; an existing one keeps its mode (and owner, when allowed).
      fd = openSync(temp, 'wx', 0o666);
    } catch (e) {
      throw new OutputOpenError(`cannot write ${path}: cannot create a file in its folder ${dirname(target)} (${errorWords(e as NodeJS.ErrnoException)})`);
    }
    hookExit();
    const p: Pending = { target: path, dest: target, temp, fd, existed: existing !== undefined, finished: false };
    this.pending.add(p);
    live.add(this);
    if (existing) {
      chmodSync(temp, existing.mode & 0o7777);
      try {
        fchownSync(fd, existing.uid, existing.gid);
      } catch {
        // Only root can give a file another owner: the user's own file keeps its owner anyway.
      }
    }
    return { stream: createWriteStream('', { fd, autoClose: false }), atomic: p };
  }

  /**
   * The run succeeded: every finished temporary file replaces its target. A target whose file was never
   * finished (the run did not close it) is left as it was. Returns the targets that could not be replaced,
   * with why.
   */
  commit(): string[] {
    const failures: string[] = [];
    for (const p of [...this.pending]) {
      if (!p.finished) continue;
      try {
        renameSync(p.temp, p.dest);
        this.pending.delete(p);
      } catch (e) {
        failures.push(`cannot write ${p.target}: ${errorWords(e as NodeJS.ErrnoException)}; it was left as it was`);
      }
    }
    this.discard();
    return failures;
  }

  /** The run failed: every temporary file is removed and each target left as it was. */
  discard(): void {
    for (const p of this.pending) {
      if (!p.finished) {
        try {
          closeSync(p.fd);
        } catch {
          // already closed
        }
      }
      try {
        unlinkSync(p.temp);
      } catch {
        // already gone
      }
    }
    this.pending.clear();
    live.delete(this);
  }
}

/** After the last write of a temporary file: on disk (fsync) and closed, waiting for OutputTargets.commit. */
export async function finishTarget(p: Pending): Promise<void> {
  await new Promise<void>((done, fail) => fsync(p.fd, (e) => (e ? fail(e) : done())));
  closeSync(p.fd);
  p.finished = true;
}
