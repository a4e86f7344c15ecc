import { PROGRESS_EVENTS_PER_SECOND, type JobProgress } from '../../shared/job-schemas';

/** What a runner reports; rate and ETA are derived here. */
export type ProgressCounters = Omit<JobProgress, 'jobId' | 'rate' | 'eta'>;
/** What the UI is sent. */
export type ProgressReading = Omit<JobProgress, 'jobId'>;

export interface ProgressThrottleOptions {
  /** Milliseconds from any fixed origin. */
  clock?: () => number;
  eventsPerSecond?: number;
  /** Time constant of the moving average: how long an old speed keeps influencing the rate. */
  smoothingMs?: number;
  /** Shorter gaps between samples are merged, since the speed over a millisecond is mostly noise. */
  sampleWindowMs?: number;
}

/**
 * Turns a stream of progress counters into smoothed rate and ETA, and decides
 * which readings reach the UI: runners may report thousands of times a second,
 * windows want a few updates a second, and the final state must never be lost.
 * Pure: no timers, no I/O, the clock is injected.
 */
export class ProgressThrottle {
  private readonly clock: () => number;
  private readonly minIntervalMs: number;
  private readonly smoothingMs: number;
  private readonly sampleWindowMs: number;

  private rate: number | null = null;
  private base: { at: number; bytes: number } | null = null;
  private lastEmitAt: number | null = null;
  private latest: ProgressReading | null = null;
  private unsent = false;

  constructor(opts: ProgressThrottleOptions = {}) {
    this.clock = opts.clock ?? (() => performance.now());
    this.minIntervalMs = 1000 / (opts.eventsPerSecond ?? PROGRESS_EVENTS_PER_SECOND);
    this.smoothingMs = opts.smoothingMs ?? 3000;
    this.sampleWindowMs = opts.sampleWindowMs ?? 100;
  }

  /** Records new counters; returns the reading to emit now, or null when it is too soon after the last one. */
  record(counters: ProgressCounters): ProgressReading | null {
    const now = this.clock();
    this.sample(now, counters.bytesDone);
    const reading: ProgressReading = { ...counters, rate: this.rate ?? 0, eta: this.eta(counters) };
    this.latest = reading;
    // A clock that went backwards (tests, or a wall-clock adjustment) must not mute the job for good.
    const due = this.lastEmitAt === null || now < this.lastEmitAt || now - this.lastEmitAt >= this.minIntervalMs;
    if (!due) {
      this.unsent = true;
      return null;
    }
    this.lastEmitAt = now;
    this.unsent = false;
    return reading;
  }

  /** The latest reading if it was held back; call when the job ends so the UI sees where it stopped. */
  flush(): ProgressReading | null {
    if (!this.unsent) return null;
    this.unsent = false;
    this.lastEmitAt = this.clock();
    return this.latest;
  }

  /** The latest reading, emitted or not. */
  current(): ProgressReading | null {
    return this.latest;
  }

  private sample(now: number, bytes: number): void {
    if (this.base === null || bytes < this.base.bytes || now < this.base.at) {
      // First sample, or the counter or clock was reset: start measuring afresh, keep the last known speed.
      this.base = { at: now, bytes };
      return;
    }
    const elapsed = now - this.base.at;
    if (elapsed < this.sampleWindowMs) return;
    const instant = ((bytes - this.base.bytes) * 1000) / elapsed;
    // Time-weighted EWMA: a long gap counts for more than a short one, whatever the reporting frequency.
    const weight = 1 - Math.exp(-elapsed / this.smoothingMs);
    this.rate = this.rate === null ? instant : this.rate + weight * (instant - this.rate);
    this.base = { at: now, bytes };
  }

  private eta(counters: ProgressCounters): number | null {
    if (counters.bytesTotal === null) return null;
    const remaining = counters.bytesTotal - counters.bytesDone;
    if (remaining <= 0) return 0;
    if (this.rate === null || this.rate <= 0) return null;
    return remaining / this.rate;
  }
}
