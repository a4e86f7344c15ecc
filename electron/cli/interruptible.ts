/** What a long command shows while it runs: updated with progress, ended once however the work ends. */
export interface ProgressLine<P> {
  update: (progress: P) => void;
  end: () => void;
}

/**
 * Runs a command's long work with Ctrl-C and SIGTERM aborting its signal (the
 * work then stops cleanly and says what it left), and its progress line on
 * stderr ended before the caller reports the outcome, success or failure.
 */
export async function runInterruptible<T, P>(
  progress: ProgressLine<P> | null,
  work: (signal: AbortSignal, onProgress: (progress: P) => void) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    return await work(controller.signal, (p) => progress?.update(p));
  } finally {
    progress?.end();
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}
