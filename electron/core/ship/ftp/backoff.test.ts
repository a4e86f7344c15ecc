import { describe, expect, it } from 'vitest';
import { backoffDelay, sleep } from './backoff';

describe('backoffDelay', () => {
  const backoff = { baseMs: 100, maxMs: 1000 };

  it('doubles per attempt up to the cap, with half of each wait random', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, backoff, () => 1))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, backoff, () => 0))).toEqual([50, 100, 200, 400, 500]);
  });
});

describe('sleep', () => {
  it('ends early with CANCELLED when the signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 20);
    await expect(sleep(10_000, controller.signal)).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
