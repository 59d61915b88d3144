/**
 * A content-addressed cache of validated rule sets, so a run does not re-parse and re-validate YAML that has
 * not changed (most of a one-line run's start-up). An entry is keyed by the loader's own code, the main
 * file's path and bytes and what it builds on, and records the sha256 of every file it was built from; it is
 * used only when all of them still match, so a stale entry is never used. Anything that fails (no writable
 * directory, a damaged entry) is a miss: the files are then loaded and validated as usual.
 * TARIFF_CACHE_DIR chooses the directory; TARIFF_NO_CACHE=1 turns the cache off.
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from './paths.js';

const CODE_DIR = dirname(fileURLToPath(import.meta.url));

interface CacheEntry<T> {
  deps: Array<{ path: string; sha256: string }>;
  value: T;
}

const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

let codeHash: string | undefined;
/** The loader and validator code: a change to it must not serve results it would now refuse. */
function loaderCodeHash(): string {
  if (codeHash) return codeHash;
  const hash = createHash('sha256');
  for (const dir of [CODE_DIR, join(CODE_DIR, 'hts')]) {
    for (const name of readdirSync(dir).filter((n) => /\.(js|ts)$/.test(n)).sort()) hash.update(name).update(readFileSync(join(dir, name)));
  }
  codeHash = hash.digest('hex');
  return codeHash;
}

function cacheDir(): string | undefined {
  if (process.env.TARIFF_NO_CACHE) return undefined;
  if (process.env.TARIFF_CACHE_DIR) return process.env.TARIFF_CACHE_DIR;
  const modules = join(PACKAGE_ROOT, 'node_modules');
  try {
    accessSync(modules, constants.W_OK);
    return join(modules, '.cache', 'tariff');
  } catch {
    return join(tmpdir(), `tariff-cache-${process.getuid?.() ?? 'user'}`);
  }
}

function entryPath(dir: string, kind: string, mainPath: string, basis: string): string {
  const key = createHash('sha256').update(loaderCodeHash()).update(`\0${kind}\0${basis}\0${resolve(mainPath)}\0`).update(readFileSync(mainPath)).digest('hex');
  return join(dir, `${kind}-${key}.json`);
}

export function readCached<T>(kind: string, mainPath: string, basis: string): T | undefined {
  const dir = cacheDir();
  if (!dir) return undefined;
  try {
    const entry = JSON.parse(readFileSync(entryPath(dir, kind, mainPath, basis), 'utf8')) as CacheEntry<T>;
    for (const dep of entry.deps) if (sha256(readFileSync(dep.path)) !== dep.sha256) return undefined;
    return entry.value;
  } catch {
    return undefined;
  }
}

export function writeCached<T>(kind: string, mainPath: string, basis: string, files: string[], value: T): void {
  const dir = cacheDir();
  if (!dir) return;
  try {
    mkdirSync(dir, { recursive: true });
    const target = entryPath(dir, kind, mainPath, basis);
    const entry: CacheEntry<T> = { deps: files.map((f) => ({ path: resolve(f), sha256: sha256(readFileSync(f)) })), value };
    // Written whole then renamed, so a concurrent run never reads half an entry.
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(entry));
    renameSync(temp, target);
  } catch {
    // A cache that cannot be written only costs the next run its start-up time.
  }
}
