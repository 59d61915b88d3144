/**
 * The layers import in one direction only: cli -> run -> report -> engine -> rules, input -> model (the types
 * the engine consumes), bytes (the byte writer) below report and run; nothing imports cli, report only renders
 * (it reads no input, opens no file and imports no node: module), and neither does the engine (it does no I/O). Type-only
 * imports count: a type that crosses a layer the wrong way drags the layer's meaning with it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

/** The layers each layer may import from (besides itself); a package or node: module is allowed unless said. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  cli: ['run', 'report', 'engine', 'rules', 'input', 'model', 'money', 'calendar', 'bytes'],
  run: ['report', 'engine', 'rules', 'input', 'model', 'money', 'calendar', 'bytes'],
  report: ['engine', 'rules', 'model', 'money', 'calendar', 'bytes'],
  scripts: ['run', 'report', 'engine', 'rules', 'input', 'model', 'money', 'calendar', 'bytes'],
  engine: ['rules', 'model', 'money', 'calendar'],
  rules: ['model', 'money', 'calendar'],
  input: ['model', 'money', 'calendar'],
  model: ['money'],
  money: [],
  calendar: [],
  bytes: [],
};
/** Layers that do no I/O: no node: module. */
const PURE = new Set(['report', 'bytes', 'engine', 'model', 'money', 'calendar']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const layerOf = (file: string): string => relative(SRC, file).split(/[\\/]/)[0]!;

/** Every module a source names: static imports and re-exports (type-only too) and dynamic imports. */
function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(?:from|import)\s*\(?\s*'([^']+)'/g)) out.push(m[1]!);
  return out;
}

/** The wrong-way imports of a source file (its path and text): "file -> module (why)". */
function violations(file: string, text: string): string[] {
  const layer = layerOf(file);
  const where = relative(SRC, file);
  const allowed = MAY_IMPORT[layer];
  if (allowed === undefined) return [`${where}: layer "${layer}" is not in MAY_IMPORT`];
  const out: string[] = [];
  for (const spec of importsOf(text)) {
    if (spec.startsWith('.')) {
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(SRC)) continue;
      const to = layerOf(target);
      if (to !== layer && !allowed.includes(to)) out.push(`${where} -> ${spec} (${layer} may not import ${to})`);
    } else if (spec.startsWith('node:') && PURE.has(layer)) out.push(`${where} -> ${spec} (${layer} does no I/O)`);
  }
  return out;
}

/**
 * A command's file imports no other command's file: what two commands share lives beside them in src/cli (or
 * lower). The one exception is a command group registering its own subcommands (rules -> rules-list, ...).
 */
function commandCrossImports(file: string, text: string): string[] {
  const where = relative(SRC, file);
  const [layer, folder, name] = where.split(/[\\/]/);
  if (layer !== 'cli' || folder !== 'commands' || name === undefined) return [];
  const self = name.replace(/\.ts$/, '');
  return importsOf(text)
    .filter((spec) => spec.startsWith('./'))
    .filter((spec) => !spec.slice(2).startsWith(`${self}-`))
    .map((spec) => `${where} -> ${spec} (a command imports another command)`);
}

describe('layers', () => {
  const files = sourceFiles(SRC);

  it('finds the sources and their imports', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(importsOf(readFileSync(join(SRC, 'engine/compile.ts'), 'utf8')).some((s) => s.includes('/rules/'))).toBe(true);
  });

  it('import in one direction: cli -> run -> report -> engine -> rules, input -> model, no node: module in the engine', () => {
    expect(files.flatMap((f) => violations(f, readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('commands import no other command', () => {
    expect(files.flatMap((f) => commandCrossImports(f, readFileSync(f, 'utf8')))).toEqual([]);
    expect(commandCrossImports(join(SRC, 'cli/commands/refund.ts'), "import { runEsCommand } from './audit.js';")).toHaveLength(1);
    expect(commandCrossImports(join(SRC, 'cli/commands/rules.ts'), "import { registerRulesList } from './rules-list.js';")).toHaveLength(0);
  });

  it('catches an import the wrong way, type-only or dynamic', () => {
    const fake = (path: string, text: string): string[] => violations(join(SRC, path), text);
    expect(fake('input/x.ts', "import type { Segment } from '../engine/compile.js';")).toHaveLength(1);
    expect(fake('engine/x.ts', "import { readFileSync } from 'node:fs';")).toHaveLength(1);
    expect(fake('report/x.ts', "import { writeFileSync } from 'node:fs';")).toHaveLength(1);
    expect(fake('report/x.ts', "import type { ReaderOptions } from '../input/read-line-items.js';")).toHaveLength(1);
    expect(fake('report/x.ts', "import { runLines } from '../run/line-run.js';")).toHaveLength(1);
    expect(fake('report/x.ts', "const m = await import('../cli/main.js');")).toHaveLength(1);
    expect(fake('rules/x.ts', "export type { LineItem } from '../engine/types.js';")).toHaveLength(1);
    expect(fake('engine/x.ts', "import type { LineItem } from '../model/line-item.js';")).toHaveLength(0);
  });
});
