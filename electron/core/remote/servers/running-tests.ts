import { CasekitError } from '../../../shared/error-codes';

/**
 * The connection tests running now, by the id their caller chose, so that a
 * second call (`cancelConnectionTest`) can stop one. The id is registered
 * synchronously when the test starts: a cancel that arrives after the test
 * call was dispatched always finds it.
 */
export class RunningTests {
  private readonly running = new Map<string, AbortController>();

  /** Runs `work` with a signal that aborts on `cancel(testId)` or when `outer` aborts. */
  run<T>(testId: string | undefined, outer: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>) {
    const own = new AbortController();
    if (testId !== undefined) {
      if (this.running.has(testId)) {
        return Promise.reject(
          new CasekitError(
            'INVALID_INPUT',
            `A connection test with the id ${testId} is already running. Give each test its own id, or wait for that one to end.`,
          ),
        );
      }
      this.running.set(testId, own);
    }
    const signal = outer === undefined ? own.signal : AbortSignal.any([own.signal, outer]);
    const forget = (): void => {
      if (testId !== undefined && this.running.get(testId) === own) this.running.delete(testId);
    };
    let started: Promise<T>;
    try {
      started = work(signal);
    } catch (err) {
      forget();
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    return started.finally(forget);
  }

  /** Aborts the test; false when none with this id is running (it ended already, or never started). */
  cancel(testId: string): boolean {
    const controller = this.running.get(testId);
    if (controller === undefined) return false;
    this.running.delete(testId);
    controller.abort(new CasekitError('CANCELLED', 'The connection test was cancelled by the user.'));
    return true;
  }

  get size(): number {
    return this.running.size;
  }
}
