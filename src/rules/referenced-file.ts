/**
 * A file a schedule refers to (a part or a list file): it must be a regular file inside the schedule's rule
 * data, so that a rule file can neither hang the loader on a device (/dev/zero) nor have a file elsewhere on
 * the machine read and echoed in its error messages (/etc/passwd).
 */
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';

/**
 * The folder a schedule's references must stay in: the schedule's folder or, when that folder is called
 * `schedules`, the folder above it (the shipped layout: data/schedules/ beside data/lists/).
 */
export function ruleDataRoot(scheduleDir: string): string {
  const real = realpathSync(scheduleDir);
  return basename(real) === 'schedules' ? dirname(real) : real;
}

export type Referenced = { ok: true; path: string } | { ok: false; reason: string };

/** `ref` resolved against `baseDir` (not through links, for messages) when it is a regular file inside `root`, else why not. */
export function referencedFile(root: string, baseDir: string, ref: string, what: string, shown: (path: string) => string): Referenced {
  const path = resolve(baseDir, ref);
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return { ok: false, reason: `${what} not found: ${shown(path)}` };
  }
  const inside = relative(root, real);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    return { ok: false, reason: `${what} ${ref} is outside the rule data folder ${shown(root)}: part and list files must be inside it` };
  }
  if (!statSync(real).isFile()) return { ok: false, reason: `${what} ${ref} is not a regular file` };
  return { ok: true, path };
}
