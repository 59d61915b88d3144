/**
 * What an ACE ES-003 export says was filed for a line. The ES-003 reader attaches it to the line items it
 * produces; only the audit and refund runs and their renderers read it (the engine's line type knows nothing of
 * filings).
 */
import type { LineItem } from './line-item.js';

export interface FiledHeading {
  heading: string;
  cents: number;
}

/** What an ES-003 entry line says was filed and paid. */
export interface Filed {
  /** Duty filed on the commodity (chapters 1-97) row: the column 1 duty. */
  column1Cents: number;
  /** Chapter 99 numbers filed on the line, with their duty. */
  headings: FiledHeading[];
  liquidationStatus?: string;
  liquidationDate?: string;
  entrySummaryDate?: string;
  /** The line's columns contradict each other (see liquidationContradiction); shown with the line, never resolved silently. */
  warning?: string;
}

/**
 * A line read from an ACE ES-003 export: the line the engine computes, and what was filed for it, which only
 * the audit and refund reports read (the engine's line type knows nothing of filings).
 */
export interface FiledLineItem extends LineItem {
  filed: Filed;
}

/** What was filed for a line, when it was read from an ES-003 export. */
export function filedOf(item: LineItem): Filed | undefined {
  return (item as Partial<FiledLineItem>).filed;
}
