export interface TransferProgress {
  bytesDone: number;
  bytesTotal: number;
  /** Bytes per second, smoothed over the last few seconds; 0 until measured. */
  rate: number;
  /** Seconds left at that rate; null while the rate is unknown. */
  eta: number | null;
}

export type ProgressListener = (progress: TransferProgress) => void;

// A sample per quarter second and a half-life of about two seconds: steady
// enough to read, quick enough to follow a link that slows down.
const SAMPLE_MS = 250;
const SMOOTHING = 0.3;
const REPORT_MS = 125;

/** Turns byte counts into throttled progress reports with a smoothed rate and ETA. */
export class ProgressMeter {
  private done: number;
  private rate = 0;
  private sampleAt: number;
  private sampleBytes: number;
  private reportedAt = -Infinity;
  private trailing: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly total: number,
    alreadyDone: number,
    private readonly listener: ProgressListener | undefined,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.done = alreadyDone;
    this.sampleAt = now();
    this.sampleBytes = alreadyDone;
  }

  get bytesDone(): number {
    return this.done;
  }

  add(bytes: number): void {
    this.done += bytes;
    const now = this.now();
    const elapsed = now - this.sampleAt;
    if (elapsed >= SAMPLE_MS) {
      const instant = ((this.done - this.sampleBytes) * 1000) / elapsed;
      this.rate = this.rate === 0 ? instant : this.rate + SMOOTHING * (instant - this.rate);
      this.sampleAt = now;
      this.sampleBytes = this.done;
    }
    const wait = REPORT_MS - (now - this.reportedAt);
    if (wait <= 0) this.report(now);
    // Without a trailing report the last bytes before a stall would never be shown.
    else this.trailing ??= setTimeout(() => this.report(this.now()), wait).unref();
  }

  /** Reports now whatever the throttle says: at the start and at the end. */
  flush(): void {
    this.report(this.now());
  }

  /** No more reports: the transfer is over, whichever way. */
  stop(): void {
    clearTimeout(this.trailing);
    this.trailing = undefined;
  }

  private report(now: number): void {
    this.stop();
    this.reportedAt = now;
    const left = this.total - this.done;
    const eta = left <= 0 ? 0 : this.rate > 0 ? left / this.rate : null;
    this.listener?.({ bytesDone: this.done, bytesTotal: this.total, rate: this.rate, eta });
  }
}
