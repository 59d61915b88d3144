/** A problem in a rule, scenario or list file, with the place a person can open in an editor. */
export interface RuleError {
  file: string;
  /** 1-based; 0 when the problem has no single place (e.g. a missing file). */
  line: number;
  column: number;
  /** Dotted path of the offending key, e.g. measures[3].periods[0].rate */
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

export function formatRuleError(e: RuleError): string {
  const place = e.line > 0 ? `${e.file}:${e.line}:${e.column}` : e.file;
  const where = e.path ? ` ${e.path}:` : '';
  return `${place}: ${e.severity}:${where} ${e.message}`;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}
