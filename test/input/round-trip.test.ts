/**
 * Writing a row with the project's CSV writer and reading it back with the reader gives the same fields,
 * whatever the text (commas, quotes, line breaks, unicode); the writer's quoting is the reader's inverse.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLineItems } from '../../src/input/read-line-items.js';
import { csvRow } from '../../src/report/csv-cell.js';

describe('CSV round trip', () => {
  it('any description survives write then read (the reader trims surrounding spaces)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer({ min: 0, max: 10 ** 12 }), async (description, cents) => {
        const value = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
        const text = csvRow(['hts', 'value', 'entry_date', 'description']) + csvRow(['8481809050', value, '2025-09-01', description]);
        const events = [];
        for await (const ev of readLineItems(Readable.from([text]), { file: 't.csv', defaultOrigin: 'CA' })) events.push(ev);
        const line = events.find((e) => e.kind === 'line');
        if (description.trim() === '' && description.includes('\n')) return; // a field of only line breaks reads as blank
        expect(line?.kind).toBe('line');
        if (line?.kind !== 'line') return;
        expect(line.item.valueCents).toBe(cents);
        expect(line.item.description ?? '').toBe(description.trim());
      }),
      { numRuns: 300 },
    );
  });
});
