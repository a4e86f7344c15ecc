import { MarkerScanner, randomMarker } from './marker-scanner';

/**
 * The supervisor's pid, which it prints on stderr after a random marker as
 * soon as the command has started. Stopping the command needs it; the caller
 * must never see the line.
 */
export class PidReport {
  readonly marker = randomMarker('casekit-pid-');
  private pid: number | undefined;
  private ended = false;
  private waiters: Array<() => void> = [];
  private readonly scanner = new MarkerScanner(this.marker, true, (text) => {
    if (/^\d+$/.test(text)) this.pid = Number(text);
    this.wake();
  });

  /** stderr without the pid line. */
  scan(chunk: Buffer): Buffer {
    return this.scanner.push(chunk);
  }

  /** Held-back bytes once stderr has ended; nobody will report a pid any more. */
  end(): Buffer {
    this.ended = true;
    this.wake();
    return this.scanner.flush();
  }

  /** The pid, once reported; undefined if it was not within `timeoutMs` or stderr ended first. */
  wait(timeoutMs: number): Promise<number | undefined> {
    if (this.pid !== undefined || this.ended) return Promise.resolve(this.pid);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(this.pid), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(this.pid);
      });
    });
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
