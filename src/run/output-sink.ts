/**
 * Buffered writing to a file or stdout that respects back-pressure, so output streams at the speed of the
 * disk or the pipe without holding the whole result in memory. A file is written through output-target: it
 * replaces what was there only when the run succeeds, and a failed write fails the run.
 */
import type { Writable } from 'node:stream';
import { finishTarget, OutputWriteError, type Pending } from './output-target.js';
import type { Io } from './io.js';

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
    /** The file written, as named by the user; undefined for standard output (not ours to close). */
    private readonly file?: string,
    private readonly atomic?: Pending,
  ) {
    // A stream's error event with no listener ends the process with a stack trace.
    stream.on('error', (e: NodeJS.ErrnoException) => {
      this.failure ??= this.file !== undefined ? new OutputWriteError(this.file, e, this.atomic !== undefined) : e.code === 'EPIPE' ? new OutputClosedError() : e;
    });
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  static open(path: string | undefined, io: Pick<Io, 'stdout' | 'outputs'>): OutputSink {
    if (path === undefined || path === '-') return new OutputSink(io.stdout);
    const { stream, atomic } = io.outputs.open(path);
    return new OutputSink(stream, path, atomic);
  }

  /** Bytes as they are (a rejected row's own bytes), after the text buffered before them. */
  async writeBytes(bytes: Uint8Array): Promise<void> {
    await this.flush();
    this.check();
    this.stream.write(bytes);
    await this.backPressure();
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

  /**
   * Writes what is buffered and, for a file, waits until every byte is on disk: an error of any write, also
   * one that came after the last write call returned, fails the close (the run then fails too).
   */
  async close(): Promise<void> {
    await this.flush();
    if (this.closed || this.file === undefined) return;
    this.closed = true;
    this.check();
    // The stream's error can come after this callback, which then has only "destroyed" to say.
    const ended = await new Promise<Error | null | undefined>((resolve) => this.stream.end((e?: Error | null) => resolve(e)));
    const error = this.stream.errored ?? ended;
    if (error) this.failure ??= new OutputWriteError(this.file, error as NodeJS.ErrnoException, this.atomic !== undefined);
    this.check();
    if (this.atomic) {
      try {
        await finishTarget(this.atomic);
      } catch (e) {
        throw new OutputWriteError(this.file, e as NodeJS.ErrnoException, true);
      }
    }
  }
}
