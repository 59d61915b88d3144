/** The input layer's public surface. */
export { canonicalColumns, type CanonicalColumn } from './columns.js';
export { loadColumnMap, parseColumnOption, ColumnMapError } from './column-map.js';
export { detectDelimiter } from './delimiter.js';
export { readLineItemBatches, readLineItems, type ReadEvent, type ReaderOptions } from './read-line-items.js';
export type { LineItem, Rejection } from '../model/line-item.js';
