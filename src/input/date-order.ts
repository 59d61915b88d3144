/**
 * The order of the fields of a slash date (01/02/2026: 2 January in the US, 1 February in Canada). A file's
 * slash dates are read in an order the user gave (--date-format) or the file itself proves: a field above 12
 * can only be a day. A guess is never made: without either, the run stops and asks for --date-format.
 */

export type DateOrder = 'MDY' | 'DMY' | 'YMD';

export const DATE_ORDERS: readonly DateOrder[] = ['MDY', 'DMY', 'YMD'];

export const DATE_PATTERN: Record<DateOrder, string> = { MDY: 'MM/DD/YYYY', DMY: 'DD/MM/YYYY', YMD: 'YYYY/MM/DD' };

const SLASH_DATE = /^(\d{1,4})\/(\d{1,2})\/(\d{1,4})$/;

/** The three numbers of a slash date, as written, or undefined when the text is not one. */
export function slashFields(text: string): [number, number, number, number] | undefined {
  const m = SLASH_DATE.exec(text.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3]), m[1]!.length];
}

/** Year, month and day of a slash date read in `order`, or undefined when it does not fit the order's pattern. */
export function slashDateIn(text: string, order: DateOrder): { y: number; mo: number; d: number } | undefined {
  const f = slashFields(text);
  if (!f) return undefined;
  const [a, b, c, firstDigits] = f;
  if (order === 'YMD') return firstDigits === 4 && c <= 31 ? { y: a, mo: b, d: c } : undefined;
  if (firstDigits > 2 || c < 1000) return undefined;
  return order === 'MDY' ? { y: c, mo: a, d: b } : { y: c, mo: b, d: a };
}

/** The order a slash date proves on its own (a year first, or a field above 12 that can only be the day), if any. */
function provenOrder(text: string): DateOrder | undefined {
  const f = slashFields(text);
  if (!f) return undefined;
  const [a, b, c, firstDigits] = f;
  if (firstDigits === 4) return 'YMD';
  if (c < 1000) return undefined;
  if (a > 12 && b <= 12) return 'DMY';
  if (b > 12 && a <= 12) return 'MDY';
  return undefined;
}

export interface DateSample {
  column: string;
  value: string;
  /** 1-based line of the file. */
  sourceLine: number;
}

/** What the order of a file's slash dates was decided from: the option, or a value that proves it. */
export type DateOrderDecision = { ok: true; order?: DateOrder; proof?: DateSample } | { ok: false; reason: string };

/** The slash dates of a file's date columns, as a first pass meets them. */
export class SlashDateEvidence {
  /** The first slash date met. */
  private first: DateSample | undefined;
  private readonly proofs = new Map<DateOrder, DateSample>();

  /** A date column's text on a row; cheap when it has no slash. */
  see(column: string, value: string, sourceLine: number): void {
    if (!value.includes('/')) return;
    this.first ??= { column, value: value.trim(), sourceLine };
    const order = provenOrder(value);
    if (order && !this.proofs.has(order)) this.proofs.set(order, { column, value: value.trim(), sourceLine });
  }

  /** The order to read the file's slash dates in (none when it has none), or why the run cannot go on. */
  decide(): DateOrderDecision {
    if (!this.first) return { ok: true };
    if (this.proofs.size > 1) {
      const [a, b] = [...this.proofs.entries()];
      return { ok: false, reason: `the slash dates disagree on their order: ${sampleText(a![1])} can only be ${DATE_PATTERN[a![0]]}, ${sampleText(b![1])} only ${DATE_PATTERN[b![0]]}; correct the file, or give --date-format MDY|DMY|YMD and the dates that do not fit are rejected` };
    }
    const only = [...this.proofs.entries()][0];
    if (only) return { ok: true, order: only[0], proof: only[1] };
    return { ok: false, reason: ambiguousReason(this.first) };
  }
}

function sampleText(s: DateSample): string {
  return `${s.column} "${s.value}" (line ${s.sourceLine})`;
}

/** Why a slash date cannot be read without --date-format. */
export function ambiguousReason(s: DateSample): string {
  return `${sampleText(s)} is a slash date whose order the file does not prove (no day above 12): it could be month/day or day/month; give --date-format MDY (US), DMY (day first, as Canadian files often are) or YMD`;
}

/** The note said on standard error when the order was inferred. */
export function inferredNote(order: DateOrder, proof: DateSample): string {
  return `note: slash dates read as ${DATE_PATTERN[order]} (${order}): ${sampleText(proof)} can only be read so; give --date-format to say otherwise`;
}

export function parseDateOrder(text: string): DateOrder | undefined {
  const upper = text.trim().toUpperCase();
  return (DATE_ORDERS as readonly string[]).includes(upper) ? (upper as DateOrder) : undefined;
}
