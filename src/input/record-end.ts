/**
 * Finds where one CSV record ends without keeping any of it, by the rules of CsvTokenizer (a quote opens
 * only at the start of a field, "" inside quotes, text after a closing quote kept, CR, LF or CRLF ends a
 * record), fed piece by piece in text or bytes alike: a record too long to be read is passed over in time
 * linear in its length and in constant memory.
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** No record of a line-item file comes near this: longer ones are rejected, not read (characters, or bytes where bytes are counted). */
export const MAX_RECORD_LENGTH = 1 << 20;

/** What stops a record from being read. */
export interface RecordProblem {
  kind: 'too-long' | 'unclosed-quote';
  /** Physical line the record starts on. */
  startLine: number;
  /** Physical lines the record spans up to its end or the end of the input. */
  lines: number;
}

export type ProblemSink = (problem: RecordProblem) => void;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: the end of the field, or the first of "". */
  QuoteInQuoted,
  /** The record ended with CR: an LF right after belongs to it. */
  AfterCr,
}

export class RecordEnd {
  private state = State.FieldStart;
  /** Line breaks inside quotes so far, and the one that ends the record once found. */
  lines = 0;

  constructor(private readonly delimiter: number) {}

  /** At the end of the input: the record is still inside quotes. */
  get inQuote(): boolean {
    return this.state === State.Quoted;
  }

  /** Where the record ends in [from, to) of the input read through `codeAt`: the index after its line break, or -1. */
  find(codeAt: (i: number) => number, from: number, to: number): number {
    const d = this.delimiter;
    for (let i = from; i < to; i++) {
      const c = codeAt(i);
      switch (this.state) {
        case State.AfterCr:
          return c === LF ? i + 1 : i;
        case State.Quoted:
          if (c === QUOTE) this.state = State.QuoteInQuoted;
          else if (c === LF) this.lines += 1;
          continue;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            this.state = State.Quoted;
            continue;
          }
          break;
        case State.FieldStart:
          if (c === QUOTE) {
            this.state = State.Quoted;
            continue;
          }
          break;
        case State.Unquoted:
          break;
      }
      // Outside quotes.
      if (c === d) this.state = State.FieldStart;
      else if (c === LF) {
        this.lines += 1;
        return i + 1;
      } else if (c === CR) {
        this.lines += 1;
        this.state = State.AfterCr;
      } else this.state = State.Unquoted;
    }
    return -1;
  }
}
