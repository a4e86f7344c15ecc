/** How long quitting waits for the core to close before giving up on it. */
export const CLOSE_TIMEOUT_MS = 5_000;

/**
 * A `will-quit` listener that holds the quit until `close` (the core's
 * shutdown: flush journals, stop jobs at a checkpoint) has finished, then quits
 * for real. A close that hangs or fails does not keep the app alive past
 * `timeoutMs`. Quitting again while closing waits for the same close.
 */
export function createQuitHandler(
  close: () => Promise<void>,
  quit: () => void,
  timeoutMs: number = CLOSE_TIMEOUT_MS,
): (event: { preventDefault(): void }) => void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  return (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        console.error(`Casekit did not finish closing within ${timeoutMs} ms; quitting anyway.`);
        resolve();
      }, timeoutMs);
    });
    Promise.race([Promise.resolve().then(close), timeout])
      .catch((error: unknown) => console.error('Casekit failed to close cleanly:', error))
      .finally(() => {
        clearTimeout(timer);
        state = 'closed';
        quit();
      });
  };
}
