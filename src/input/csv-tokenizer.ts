/**
 * A streaming RFC 4180 tokenizer for the hot path of `estimate`. It does only what the line-item reader
 * needs (quoted fields with "" escapes, delimiters and line breaks inside quotes, CRLF or LF, a byte-order
 * mark, blank lines skipped, a quote inside an unquoted field kept as text) and reports the physical line
 * where each record starts. It exists because csv-parse, used everywhere else, costs several times more per
 * row than the whole calculation; the batch-speed target of the project cannot be met through it. The
 * reader's tests (quoting, line numbers, chunk splits, bad files) hold it to csv-parse's behaviour.
 */

import { MAX_RECORD_LENGTH, RecordEnd, type ProblemSink } from './record-end.js';

export type RecordSink = (fields: string[], startLine: number) => void;

const ignore: ProblemSink = () => undefined;

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvTokenizer {
  private pending = '';
  /** Physical line number at the start of `pending`. */
  private line: number;
  private started: boolean;
  private readonly delim: number;
  /** Set while a record too long to be read is passed over: it started on `line`. */
  private skipping: RecordEnd | undefined;

  /**
   * `firstLine` numbers the first line of the text fed; `atInputStart` false for a part of a file cut at a
   * record boundary (a leading byte-order mark is then text, not a mark).
   */
  constructor(delimiter: string, firstLine = 1, atInputStart = true) {
    this.delim = delimiter.charCodeAt(0);
    this.line = firstLine;
    this.started = !atInputStart;
  }

  /** The physical line number after the records emitted so far. */
  get nextLine(): number {
    return this.line;
  }

  /**
   * Feeds text; complete records go to the sink; an incomplete last record waits for more text. A record
   * longer than MAX_RECORD_LENGTH characters (its line break included) is not read: `problems` is told
   * where it starts, whatever the pieces the text comes in.
   */
  push(chunk: string, sink: RecordSink, problems: ProblemSink = ignore): void {
    if (this.skipping) {
      const end = this.skipping.find((i) => chunk.charCodeAt(i), 0, chunk.length);
      if (end < 0) return;
      this.endSkipped(problems);
      if (end === chunk.length) return;
      chunk = chunk.slice(end);
    }
    let text = this.pending.length > 0 ? this.pending + chunk : chunk;
    if (!this.started) {
      if (text.length === 0) return;
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const consumed = this.scan(text, sink, problems, false);
    this.pending = consumed < text.length ? text.slice(consumed) : '';
    if (this.pending.length > MAX_RECORD_LENGTH) {
      // Too long whatever follows: passed over from here on without being kept.
      const rest = this.pending;
      this.pending = '';
      this.skipping = new RecordEnd(this.delim);
      const end = this.skipping.find((i) => rest.charCodeAt(i), 0, rest.length);
      // The scan found no end in it, but a record ending with CR waits for a possible LF.
      if (end >= 0) throw new Error('a record the scan left open was found complete');
    }
  }

  private endSkipped(problems: ProblemSink): void {
    const skipped = this.skipping!;
    this.skipping = undefined;
    problems({ kind: skipped.inQuote ? 'unclosed-quote' : 'too-long', startLine: this.line, lines: skipped.lines });
    this.line += skipped.lines;
  }

  /** Ends the input: the last record (without a final line break) is emitted, or told to `problems` (an unclosed quote). */
  end(sink: RecordSink, problems: ProblemSink = ignore): void {
    if (this.skipping) {
      this.endSkipped(problems);
      return;
    }
    if (this.pending.length > 0) {
      const text = this.pending;
      this.pending = '';
      this.scan(text, sink, problems, true);
    }
  }

  /**
   * Scans whole records from `text`; returns how many characters were consumed. With `final`, the text is
   * the end of the input.
   */
  private scan(text: string, sink: RecordSink, problems: ProblemSink, final: boolean): number {
    const n = text.length;
    const d = this.delim;
    let pos = 0;
    let line = this.line;
    while (pos < n) {
      const recordStart = pos;
      const recordLine = line;
      const fields: string[] = [];
      let i = pos;
      let complete = false;
      for (;;) {
        // One field starting at i.
        if (i < n && text.charCodeAt(i) === QUOTE) {
          let value = '';
          let segment = i + 1;
          let j = i + 1;
          let closed = false;
          while (j < n) {
            const c = text.charCodeAt(j);
            if (c === QUOTE) {
              if (j + 1 < n && text.charCodeAt(j + 1) === QUOTE) {
                value += text.slice(segment, j + 1);
                j += 2;
                segment = j;
                continue;
              }
              if (j + 1 === n && !final) break; // a quote at the very end may be the first of "" in the next chunk
              value += text.slice(segment, j);
              closed = true;
              j += 1;
              break;
            }
            if (c === LF) line += 1;
            j += 1;
          }
          if (!closed) {
            if (final) {
              problems({ kind: 'unclosed-quote', startLine: recordLine, lines: line - recordLine });
              this.line = line;
              return n;
            }
            this.line = recordLine;
            return recordStart;
          }
          // Text after the closing quote, up to the delimiter or line end, is kept (relaxed quotes).
          let k = j;
          while (k < n) {
            const c = text.charCodeAt(k);
            if (c === d || c === LF || c === CR) break;
            k += 1;
          }
          if (k > j) value += text.slice(j, k);
          fields.push(value);
          i = k;
        } else {
          let k = i;
          while (k < n) {
            const c = text.charCodeAt(k);
            if (c === d || c === LF || c === CR) break;
            k += 1;
          }
          fields.push(text.slice(i, k));
          i = k;
        }
        if (i >= n) {
          if (!final) {
            this.line = recordLine;
            return recordStart;
          }
          complete = true;
          break;
        }
        const c = text.charCodeAt(i);
        if (c === d) {
          i += 1;
          continue;
        }
        if (c === CR) {
          if (i + 1 >= n && !final) {
            this.line = recordLine;
            return recordStart;
          }
          if (text.charCodeAt(i + 1) === LF) i += 1;
        }
        i += 1;
        line += 1;
        complete = true;
        break;
      }
      pos = i;
      if (!complete || (fields.length === 1 && fields[0] === '')) continue;
      if (i - recordStart > MAX_RECORD_LENGTH) problems({ kind: 'too-long', startLine: recordLine, lines: line - recordLine });
      else sink(fields, recordLine);
    }
    this.line = line;
    return pos;
  }
}
