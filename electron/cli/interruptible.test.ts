import { describe, expect, it } from 'vitest';
import { runInterruptible } from './interruptible';

describe('runInterruptible', () => {
  it('aborts the work on SIGINT, ends the progress line once and removes its listeners', async () => {
    const seen: number[] = [];
    let ended = 0;
    const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    const outcome = runInterruptible(
      { update: (p: number) => seen.push(p), end: () => (ended += 1) },
      (signal, onProgress) => {
        onProgress(1);
        return new Promise<string>((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(new Error('stopped')), { once: true });
          process.emit('SIGINT', 'SIGINT');
        });
      },
    );
    await expect(outcome).rejects.toThrow('stopped');
    expect(seen).toEqual([1]);
    expect(ended).toBe(1);
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before);
  });

  it('gives the work result and ends the progress line when it succeeds', async () => {
    let ended = 0;
    await expect(runInterruptible({ update: () => undefined, end: () => (ended += 1) }, async () => 42)).resolves.toBe(
      42,
    );
    expect(ended).toBe(1);
  });
});
