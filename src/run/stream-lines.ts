/**
 * Reading a line-item file batch by batch, under feedLines (line-run.ts) and the pass that gathers scattered
 * entries: each batch of read events is handed over synchronously, then `afterBatch` (which writes the
 * batch's output) is awaited once.
 */
import type { LineItem, Rejection } from '../model/line-item.js';
import { readLineItemBatches, type FatalInputError, type ReaderOptions } from '../input/read-line-items.js';
import type { HeaderReport } from '../input/header.js';
import { prepareRead, type InputSource } from './input-source.js';
import { ProgressMeter } from './progress.js';

export interface LineHandlers {
  header?(header: HeaderReport): void;
  item(item: LineItem): void;
  rejected(rejection: Rejection): void;
  afterBatch(): Promise<void>;
}

/** Streams the lines of `input`; returns the fatal input error that stopped it, if any. */
export async function streamLines(input: InputSource, options: ReaderOptions, progressStream: NodeJS.WritableStream & { isTTY?: boolean }, handlers: LineHandlers): Promise<FatalInputError | undefined> {
  const progress = new ProgressMeter(progressStream);
  try {
    const { source, reader } = await prepareRead(input, options);
    for await (const batch of readLineItemBatches(source, reader)) {
      for (const ev of batch) {
        if (ev.kind === 'fatal') {
          await handlers.afterBatch();
          return ev.error;
        }
        if (ev.kind === 'header') handlers.header?.(ev.header);
        else if (ev.kind === 'rejected') handlers.rejected(ev.rejection);
        else handlers.item(ev.item);
        progress.tick();
      }
      await handlers.afterBatch();
    }
    return undefined;
  } finally {
    progress.done();
  }
}
