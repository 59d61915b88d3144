/**
 * Progress on stderr for people watching a terminal (lines done, lines per second); silent otherwise, so
 * pipes and logs stay clean.
 */

const EVERY = 8192;
const MIN_INTERVAL_MS = 250;

export class ProgressMeter {
  private count = 0;
  private readonly started = performance.now();
  private lastDraw = 0;
  private readonly enabled: boolean;

  constructor(private readonly stream: NodeJS.WritableStream & { isTTY?: boolean }) {
    this.enabled = stream.isTTY === true;
  }

  tick(): void {
    this.count += 1;
    if (!this.enabled || (this.count & (EVERY - 1)) !== 0) return;
    this.draw();
  }

  /** Counts `lines` done at once (a part computed elsewhere). */
  advance(lines: number): void {
    this.count += lines;
    if (this.enabled) this.draw();
  }

  private draw(): void {
    const now = performance.now();
    if (now - this.lastDraw < MIN_INTERVAL_MS) return;
    this.lastDraw = now;
    const rate = Math.round(this.count / ((now - this.started) / 1000));
    this.stream.write(`\r${this.count.toLocaleString('en-US')} lines, ${rate.toLocaleString('en-US')} lines/s`);
  }

  done(): void {
    if (this.enabled && this.lastDraw > 0) this.stream.write('\r\x1b[K');
  }
}
