import type { LineItem } from '../../src/model/line-item.js';

export function line(partial: Partial<LineItem> & Pick<LineItem, 'hts' | 'valueCents' | 'entryDate'>): LineItem {
  return {
    sourceLine: 2,
    line: '1',
    entry: 'E1',
    origin: 'CA',
    invoiceValue: { amount: String(partial.valueCents / 100), currency: 'USD' },
    usmcaClaimed: false,
    contentCents: {},
    flags: {},
    ...partial,
  };
}
