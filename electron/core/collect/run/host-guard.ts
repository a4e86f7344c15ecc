import { CasekitError } from '../../../shared/error-codes';
import type { CollectHost } from '../collect-host';

/** Why a host's work stopped before its end. */
export type StopCause = 'cancelled' | 'timeout' | 'lost';

export interface HostStop {
  cause: StopCause;
  /** What the host's unfinished items record. */
  error: CasekitError;
}

/** How long work that was told to stop may take to wind down before it is left behind. */
const GRACE_MS = 5_000;

export function describeDuration(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes >= 120 && Number.isInteger(minutes / 60)) return `${minutes / 60} h`;
  if (minutes >= 1 && Number.isInteger(minutes)) return `${minutes} min`;
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/**
 * Everything that can stop one host's work, as one signal: the user's cancel,
 * the per-host time limit, and the connection dropping. The first cause wins
 * and is what the host's unfinished items record.
 */
export class HostGuard {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onOuterAbort = () => this.halt('cancelled', cancelledError());
  private current: HostStop | null = null;

  constructor(
    private readonly target: string,
    private readonly outer: AbortSignal,
    timeoutMs: number,
  ) {
    this.timer = setTimeout(
      () =>
        this.halt(
          'timeout',
          new CasekitError(
            'COMMAND_TIMEOUT',
            `Collecting from ${target} took longer than the ${describeDuration(timeoutMs)} allowed per host, so it was stopped there. What finished is kept; allow more time per host and run the collection again to get the rest.`,
          ),
        ),
      timeoutMs,
    );
    if (outer.aborted) this.onOuterAbort();
    else outer.addEventListener('abort', this.onOuterAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get stop(): HostStop | null {
    return this.current;
  }

  /** A connection that ends by itself stops the host's work at once, instead of at the next keepalive or read. */
  watch(host: CollectHost): void {
    void host.closed.then((reason) => {
      if (reason !== null) this.halt('lost', this.lostError(reason));
    });
  }

  /**
   * After one of the host's commands timed out: whether the connection is
   * what died. A network gone quiet looks the same as a slow command until
   * the keepalives run out, so a `true` is sent on the same connection; if it
   * does not come back within `checkMs` (or the connection closes meanwhile),
   * the host stops as lost and its items say so, instead of blaming the command.
   */
  async checkConnection(host: CollectHost, checkMs: number): Promise<void> {
    if (this.current !== null) return;
    const answered = host
      .run('true', 'login', { timeoutMs: checkMs, signal: this.signal, label: 'a connection check (true)' })
      .then(
        () => null,
        (error: unknown) => asCasekitError(error),
      );
    const verdict = await Promise.race([answered, host.closed]);
    if (verdict === null || this.current !== null) return;
    const silent =
      verdict.code === 'COMMAND_TIMEOUT'
        ? new CasekitError(
            'CONNECTION_LOST',
            `The server stopped answering: a command timed out, and a check on the same connection got no answer within ${describeDuration(checkMs)} either.`,
          )
        : verdict;
    this.halt('lost', this.lostError(silent));
  }

  /**
   * What an error thrown by this host's work means: the guard's stop when it
   * stopped (the work's own error is then a consequence), a lost connection
   * (which stops the host too), else null: an error of that item alone.
   */
  classify(error: unknown): HostStop | null {
    if (this.current === null && error instanceof CasekitError && error.code === 'CONNECTION_LOST') {
      this.halt('lost', this.lostError(error));
    }
    return this.current;
  }

  /**
   * Waits for `work`; once the guard stops, gives it a short grace to wind
   * down (stopping remote processes takes a round trip) and then leaves it,
   * so one stuck host never holds the others or a cancel.
   */
  async settle<T>(work: Promise<T>): Promise<T> {
    const ended = work.then(
      () => 'ended' as const,
      () => 'ended' as const,
    );
    if (!this.signal.aborted) {
      let onAbort = (): void => undefined;
      const aborted = new Promise<'aborted'>((resolve) => {
        onAbort = () => resolve('aborted');
        this.signal.addEventListener('abort', onAbort, { once: true });
      });
      const first = await Promise.race([ended, aborted]);
      this.signal.removeEventListener('abort', onAbort);
      if (first === 'ended') return work;
    }
    let graceTimer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      graceTimer = setTimeout(() => resolve('late'), GRACE_MS);
    });
    const outcome = await Promise.race([ended, late]);
    clearTimeout(graceTimer);
    if (outcome === 'ended') return work;
    throw this.current?.error ?? cancelledError();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.outer.removeEventListener('abort', this.onOuterAbort);
  }

  private halt(cause: StopCause, error: CasekitError): void {
    if (this.current !== null) return;
    this.current = { cause, error };
    this.controller.abort(error);
  }

  private lostError(reason: CasekitError): CasekitError {
    return new CasekitError(
      'CONNECTION_LOST',
      `The connection to ${this.target} was lost during the collection (${reason.message.replace(/\.$/, '')}). What it had not finished was not collected; run the collection again when the server is reachable: finished items are kept.`,
    );
  }
}

export function cancelledError(): CasekitError {
  return new CasekitError(
    'CANCELLED',
    'The collection was cancelled. What finished is kept, and partly copied files are resumed when it runs again.',
  );
}

/** Any thrown value as a CasekitError, for recording. */
export function asCasekitError(error: unknown): CasekitError {
  if (error instanceof CasekitError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CasekitError('INTERNAL', `Unexpected error: ${message}`, { cause: error });
}
