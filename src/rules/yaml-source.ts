/**
 * YAML parsing that keeps positions, so every error can point at file:line:column.
 */
import { isMap, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { formatPath, type RuleError } from './rule-error.js';

export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The document as plain data (aliases expanded). */
  value: unknown;
}

/** Aliases one document may expand: a rule file needs a few, a billion-laughs bomb needs millions. */
const MAX_ALIAS_COUNT = 100;

/** The document as plain data, or the error at its first alias when expanding the aliases would exhaust memory. */
function plainValue(file: string, doc: Document.Parsed, lineCounter: LineCounter): { value: unknown } | { error: RuleError } {
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    let offset = 0;
    visit(doc, {
      Alias(_, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const pos = lineCounter.linePos(offset);
    const message = `too many aliases: expanding them would take more than ${MAX_ALIAS_COUNT} copies of their anchors (a rule file needs a few)`;
    return { error: { file, line: pos.line, column: pos.col, path: '', message, severity: 'error' } };
  }
}

export function parseYamlSource(file: string, text: string): { source: YamlSource; errors: RuleError[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const errors: RuleError[] = doc.errors.map((e) => {
    const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
    return {
      file,
      line: pos.line,
      column: pos.col,
      path: '',
      message: `not valid YAML: ${e.message.split('\n')[0]}`,
      severity: 'error',
    };
  });
  if (errors.length > 0) return { source: { file, doc, lineCounter, value: undefined }, errors };
  const plain = plainValue(file, doc, lineCounter);
  if ('error' in plain) return { source: { file, doc, lineCounter, value: undefined }, errors: [plain.error] };
  return { source: { file, doc, lineCounter, value: plain.value }, errors };
}

/** The node at a path, walking up to the nearest existing ancestor. */
function nodeAt(source: YamlSource, path: ReadonlyArray<PropertyKey>): Node | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = source.doc.getIn(path.slice(0, n) as unknown[], true) as Node | undefined;
    if (node && typeof node === 'object' && 'range' in node) return node;
  }
  return source.doc.contents ?? undefined;
}

/** The key node of `key` inside the map at `path` (for unknown-key errors). */
function keyNodeAt(source: YamlSource, path: ReadonlyArray<PropertyKey>, key: string): Node | undefined {
  const parent = source.doc.getIn(path as unknown[], true);
  if (isMap(parent)) {
    for (const pair of parent.items) {
      const k = pair.key as Node | null;
      if (k && 'value' in k && String((k as { value: unknown }).value) === key) return k;
    }
  }
  return undefined;
}

export function errorAt(
  source: YamlSource,
  path: ReadonlyArray<PropertyKey>,
  message: string,
  options: { key?: string; severity?: 'error' | 'warning' } = {},
): RuleError {
  const node = (options.key !== undefined ? keyNodeAt(source, path, options.key) : undefined) ?? nodeAt(source, path);
  const offset = node?.range?.[0] ?? 0;
  const pos = source.lineCounter.linePos(offset);
  const fullPath = options.key !== undefined ? [...path, options.key] : path;
  return {
    file: source.file,
    line: pos.line,
    column: pos.col,
    path: formatPath(fullPath),
    message,
    severity: options.severity ?? 'error',
  };
}

/** Places an error at a path of the (possibly merged) rule data. */
export type Locate = (path: ReadonlyArray<PropertyKey>, message: string, options?: { key?: string; severity?: 'error' | 'warning' }) => RuleError;
