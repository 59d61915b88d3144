/**
 * HTS list files: one HTS prefix (2-10 digits, dots allowed) per line; `#` starts a comment.
 * Lists come from import scripts and carry their provenance in their header comments.
 */
import type { RuleError } from './rule-error.js';

export interface ParsedList {
  /** Digits-only prefixes, in file order, without duplicates. */
  prefixes: string[];
  errors: RuleError[];
}

export function parseListFile(file: string, text: string): ParsedList {
  const prefixes: string[] = [];
  const seen = new Set<string>();
  const errors: RuleError[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const content = raw.replace(/#.*$/, '').trim();
    if (content === '') continue;
    const digits = content.replace(/\./g, '');
    if (!/^\d{2,10}$/.test(digits)) {
      errors.push({
        file,
        line: i + 1,
        column: raw.indexOf(content) + 1,
        path: '',
        message: `"${content}" is not an HTS prefix (2 to 10 digits, dots allowed)`,
        severity: 'error',
      });
      continue;
    }
    if (!seen.has(digits)) {
      seen.add(digits);
      prefixes.push(digits);
    }
  }
  return { prefixes, errors };
}
