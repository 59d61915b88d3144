/**
 * Buffered writing to a file or stdout that respects back-pressure, so output streams at the speed of the
 * disk or the pipe without holding the whole result in memory.
 */
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';

const FLUSH_AT = 1 << 16;
/**
 * Bytes the stream may hold unwritten before a write waits for it to drain. Well above a stream's own
 * mark (16 KB), so the next batch is computed while the last is written: waiting on every batch left the
 * thread idle for a write's round trip each time (measured on 1M lines: 1.3 s of 10 s).
 */
const BACKLOG_BYTES = 1 << 21;

/** The program reading the output closed it (`tariff estimate big.csv | head`): nothing more can be delivered. */
export class OutputClosedError extends Error {
  constructor() {
    super('the output was closed by the program reading it');
  }
}

export class OutputSink {
  private buffer = '';
  private closed = false;
  /** The stream's error, once it has had one: every later write fails with it. */
  private failure: Error | undefined;

  constructor(
    private readonly stream: Writable,
    private readonly ownsStream: boolean,
  ) {
    // A stream's error event with no listener ends the process with a stack trace.
    stream.on('error', (e: NodeJS.ErrnoException) => {
      this.failure ??= e.code === 'EPIPE' ? new OutputClosedError() : e;
    });
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  static open(path: string | undefined, stdout: Writable): OutputSink {
    if (path === undefined || path === '-') return new OutputSink(stdout, false);
    return new OutputSink(createWriteStream(path), true);
  }

  /** Adds text; resolves at once unless the buffer had to be written and the stream is full. */
  async write(text: string): Promise<void> {
    if (text.length === 0) return;
    this.buffer += text;
    if (this.buffer.length >= FLUSH_AT) await this.flush();
  }

  /**
   * Writes pieces of bytes, after the text buffered before them, in one write call (one trip to the thread
   * that writes, not one per piece: those trips cost a tenth of a run); `written` is called for each piece
   * once it is out.
   */
  async writePieces(pieces: readonly Uint8Array[], written: (piece: Uint8Array) => void): Promise<void> {
    if (pieces.length === 0) return;
    await this.flush();
    this.check();
    this.stream.cork();
    for (const piece of pieces) this.stream.write(piece, () => written(piece));
    this.stream.uncork();
    await this.backPressure();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer;
    this.buffer = '';
    await this.send(chunk);
  }

  private async send(chunk: string): Promise<void> {
    this.check();
    this.stream.write(chunk);
    await this.backPressure();
  }

  /** Waits for the stream to drain when it holds too much not yet written. */
  private async backPressure(): Promise<void> {
    this.check();
    if (this.stream.writableLength >= BACKLOG_BYTES) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = (): void => {
          this.stream.off('error', onError);
          resolve();
        };
        const onError = (): void => {
          this.stream.off('drain', onDrain);
          // The listener set in the constructor has turned the error into this sink's failure.
          reject(this.failure);
        };
        this.stream.once('drain', onDrain);
        this.stream.once('error', onError);
      });
    }
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.closed) return;
    this.closed = true;
    if (this.ownsStream) {
      await new Promise<void>((resolve, reject) => {
        this.stream.once('error', reject);
        this.stream.end(() => resolve());
      });
    }
  }
}
