/**
 * A first pass over an ES-003 export that only tokenizes and compares keys: it tells the reader whether the
 * file is in ACE's order (it then streams in flat memory) or must be grouped whole (rows of an entry line
 * scattered, e.g. after a spreadsheet re-sort). Stops at the header for other layouts, at the first key out
 * of order for unsorted exports.
 */
import type { CsvTokenizer } from './csv-tokenizer.js';
import { compareEs003Keys, es003Index, es003Key, type Es003Index } from './es003.js';
import { tokenizerFor } from './delimiter.js';

export type Es003Order = 'sorted' | 'unsorted' | 'not-es003';

class Decided extends Error {
  constructor(readonly order: Es003Order) {
    super(order);
  }
}

export async function es003Order(input: AsyncIterable<Buffer | string>, options: { delimiter?: string; layout?: 'auto' | 'lines' | 'es003' }): Promise<Es003Order> {
  if (options.layout === 'lines') return 'not-es003';
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  let tokenizer: CsvTokenizer | undefined;
  let index: Es003Index | undefined;
  let headerSeen = false;
  let lastKey: string | undefined;
  const onRecord = (fields: string[]): void => {
    if (!headerSeen) {
      headerSeen = true;
      index = es003Index(fields);
      if (!index) throw new Decided('not-es003');
      return;
    }
    const key = es003Key(fields, index!);
    if (lastKey !== undefined && compareEs003Keys(key, lastKey) < 0) throw new Decided('unsorted');
    lastKey = key;
  };
  try {
    let pending = '';
    for await (const chunk of input) {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      if (!tokenizer) {
        pending += text;
        if (!pending.includes('\n') && pending.length < 1 << 16) continue;
        tokenizer = tokenizerFor(pending, options.delimiter);
        tokenizer.push(pending, onRecord);
      } else tokenizer.push(text, onRecord);
    }
    if (!tokenizer) {
      tokenizer = tokenizerFor(pending, options.delimiter);
      tokenizer.push(pending, onRecord);
    }
    tokenizer.end(onRecord);
  } catch (e) {
    if (e instanceof Decided) return e.order;
    throw e;
  }
  return index ? 'sorted' : 'not-es003';
}
