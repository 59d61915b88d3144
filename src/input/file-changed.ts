/**
 * A file that is not the same length at the end of reading as when it was opened (written or truncated
 * meanwhile): what was computed from it cannot be trusted, so a run stops with this, on one thread or many.
 */
export class FileChangedError extends Error {
  constructor(
    readonly sizeAtOpen: number,
    readonly bytesRead: number | undefined,
    /** The physical line where reading stopped, when known where the change was found. */
    readonly line?: number,
  ) {
    super(`the file changed while it was read (it had ${sizeAtOpen} bytes when it was opened${bytesRead === undefined ? ', and fewer could be read again' : `, and ${bytesRead} were read`}): nothing computed from it can be trusted; run again once nothing writes to it`);
  }
}
