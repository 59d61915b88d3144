/**
 * Where a run's rendered bytes and rejected rows go: the output (a file or standard output) and the
 * --rejects file, written together once per input batch.
 */
import type { EntryResult } from '../engine/types.js';
import type { Rejection } from '../model/line-item.js';
import { ByteWriter } from '../bytes/byte-writer.js';
import { PiecePool } from '../bytes/piece-pool.js';
import { OutputSink } from './output-sink.js';
import { RejectsWriter } from './rejects-writer.js';
import type { Io } from './io.js';

/**
 * Output of one input batch: the rendered bytes and the rejected rows, written together with one await
 * per batch (awaiting per line would cost more than computing the line).
 */
export class BatchOutput {
  /** Memory to write into, used again once written (and lent to worker threads). */
  readonly pool = new PiecePool();
  /** Renderers write here, in file order (text is encoded as it comes). */
  readonly bytes = new ByteWriter(this.pool);
  private rejected: Rejection[] = [];

  constructor(
    private readonly sink: OutputSink,
    readonly rejects: RejectsWriter | undefined,
  ) {}

  add(text: string): void {
    if (text.length > 0) this.bytes.text(text);
  }

  /** Bytes encoded elsewhere (by a worker thread), after what was added before. */
  addBytes(bytes: Uint8Array): void {
    this.bytes.piece(bytes);
  }

  reject(r: Rejection, rendered: string): void {
    this.add(rendered);
    if (this.rejects && !r.outside) this.rejected.push(r);
  }

  /** The rows held with an entry group, rendered with it (see EntryResult.rejectedAmong), for the rejects file. */
  heldWith(e: EntryResult): void {
    if (e.rejectedAmong) for (const h of e.rejectedAmong) this.reject(h.rejection, '');
  }

  /** Rejections whose rows were rendered elsewhere (by a worker thread), for the rejects file. */
  rejectedElsewhere(rs: readonly Rejection[]): void {
    if (this.rejects) for (const r of rs) if (!r.outside) this.rejected.push(r);
  }

  async flush(): Promise<void> {
    await this.sink.writePieces(this.bytes.take(), (piece) => this.pool.give(piece));
    for (const r of this.rejected) await this.rejects!.add(r);
    this.rejected = [];
  }

  async close(): Promise<void> {
    await this.flush();
    await this.sink.close();
    await this.rejects?.close();
  }
}

const BYTE_ORDER_MARK = '\uFEFF';

/** The run's output (and rejects file), the byte-order mark first when asked. */
export function batchOutputOf(req: { out?: string; rejects?: string; bom?: boolean }, io: Io): BatchOutput {
  const output = new BatchOutput(OutputSink.open(req.out, io), req.rejects ? new RejectsWriter(OutputSink.open(req.rejects, io)) : undefined);
  if (req.bom) output.add(BYTE_ORDER_MARK);
  return output;
}
