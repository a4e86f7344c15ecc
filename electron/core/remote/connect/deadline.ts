/**
 * A timeout for "the server took too long" that does not run while the user
 * reads a fingerprint or types a passphrase: ssh2's own readyTimeout counts
 * that time too and would cut off a user who reads carefully.
 */
export class Deadline {
  private timer: NodeJS.Timeout | null = null;
  private remaining: number;
  private startedAt = 0;
  private pauses = 0;
  private finished = false;

  constructor(
    private readonly ms: number,
    private readonly onExpire: () => void,
  ) {
    this.remaining = ms;
  }

  start(): void {
    if (this.ms > 0 && !this.finished) this.arm();
  }

  /** Gives the full time again from now (a sign of life from the server). */
  restart(): void {
    if (this.finished || this.ms <= 0) return;
    this.remaining = this.ms;
    this.disarm();
    if (this.pauses === 0) this.arm();
  }

  clear(): void {
    this.finished = true;
    this.disarm();
  }

  /** Waits for the user with the clock stopped; nested and overlapping waits are counted. */
  readonly waitForUser = async <T>(question: Promise<T>): Promise<T> => {
    if (this.pauses++ === 0) {
      if (this.timer !== null) this.remaining -= Date.now() - this.startedAt;
      this.disarm();
    }
    try {
      return await question;
    } finally {
      if (--this.pauses === 0 && this.ms > 0 && !this.finished) this.arm();
    }
  };

  private arm(): void {
    this.startedAt = Date.now();
    this.timer = setTimeout(
      () => {
        this.finished = true;
        this.onExpire();
      },
      Math.max(this.remaining, 0),
    );
  }

  private disarm(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
