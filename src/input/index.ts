/** The input layer's public surface. */
export { canonicalColumns, loadColumnMap, parseColumnOption, ColumnMapError, type CanonicalColumn } from './columns.js';
export { readLineItemBatches, readLineItems, detectDelimiter, type ReadEvent, type ReaderOptions } from './read-line-items.js';
export type { LineItem, Rejection } from './line-item.js';
