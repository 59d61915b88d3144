/**
 * Checked before anything is opened: no file a command writes (--out, --rejects, --cape) may be the input
 * or a file it reads (--schedule, --fx-file, --map, a scenario or refund program file), nor another of the
 * files it writes. Files are compared by device and inode, so `..`, a symbolic link or a hard link to the
 * same file is caught; a file not there yet by the real path of its folder.
 */
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { resolveLinks } from '../run/output-target.js';
import { UsageError } from './usage-error.js';

/** An option and the path it names; an undefined path (option not given) or "-" is skipped. */
export type NamedFile = readonly [option: string, path: string | undefined];

interface Identity {
  key: string;
  /** A device or FIFO: writing it twice destroys nothing (--out /dev/null --rejects /dev/null). */
  special: boolean;
}

/** A file read: undefined when it is not there (its own reader says so). */
function readIdentity(path: string): Identity | undefined {
  try {
    const s = statSync(path);
    return { key: `${s.dev}:${s.ino}`, special: !s.isFile() };
  } catch {
    return undefined;
  }
}

function writeIdentity(option: string, path: string): Identity {
  const target = resolveLinks(path);
  try {
    const s = statSync(target);
    if (s.isDirectory()) throw new UsageError(`${option} ${path}: it is a folder; give a file name`);
    return { key: `${s.dev}:${s.ino}`, special: !s.isFile() };
  } catch (e) {
    if (e instanceof UsageError) throw e;
  }
  let folder: string;
  try {
    folder = realpathSync(dirname(target));
  } catch {
    throw new UsageError(`${option} ${path}: the folder ${dirname(path)} does not exist`);
  }
  return { key: `new:${join(folder, basename(target))}`, special: false };
}

/** How the options that write files are described in every command's --help. */
export const OUTPUT_HELP = {
  out: 'write the result to a file instead of standard output; an existing file is replaced only when the run succeeds (exit 0 or 2)',
  rejects: 'write rejected rows, unchanged (their own bytes), plus a reason column; replaced only when the run succeeds',
  cape: 'also write the entry numbers CAPE can take, one a line; replaced only when the run succeeds',
  bom: 'start CSV output (file or standard output) with a UTF-8 byte-order mark, so Excel on Windows reads ¢/kg and m² right',
};

/** --bom asks for a mark that only CSV output has; asked for another format, it is a usage error, not ignored. */
export function bomOption(opts: { bom?: boolean }, format: string): boolean {
  if (opts.bom !== true) return false;
  if (format !== 'csv') throw new UsageError(`--bom is for CSV output (--format csv), not ${format}`);
  return true;
}

/** Said after the options of the commands that write files. */
export const OUTPUT_FILES_HELP = `
Output files (--out, --rejects, refund's --cape) may not name the input, a file the command reads, or each
other (refused, exit 1). A file is written beside the target under a temporary name and replaces it only when
the run succeeded; after a failure (exit 1 or 3) or an interruption (Ctrl-C: exit 130, SIGTERM: 143) the
target is as it was. A device or FIFO (/dev/null) is written directly.`;

const given = (files: readonly NamedFile[]): Array<readonly [string, string]> => files.filter((f): f is readonly [string, string] => f[1] !== undefined && f[1] !== '-');

export function checkOutputFiles(writes: readonly NamedFile[], reads: readonly NamedFile[]): void {
  const written: Array<{ option: string; path: string; id: Identity }> = [];
  for (const [option, path] of given(writes)) {
    const id = writeIdentity(option, path);
    const same = written.find((w) => w.id.key === id.key);
    if (same && !id.special) throw new UsageError(`${option} ${path} and ${same.option} ${same.path} are the same file: one would be written over the other; give two different files`);
    written.push({ option, path, id });
  }
  for (const [option, path] of given(reads)) {
    const id = readIdentity(path);
    if (!id || id.special) continue;
    const same = written.find((w) => w.id.key === id.key);
    if (same) {
      const what = option === 'input' ? `the input file ${path}` : `the ${option} file ${path}`;
      throw new UsageError(`${same.option} ${same.path} is ${what}: writing it would destroy what is read; give another file to write`);
    }
  }
}
