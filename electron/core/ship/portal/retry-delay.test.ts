import { describe, expect, it } from 'vitest';
import { PORTAL_DEFAULTS } from './portal-options';
import { isRetryableStatus, parseRetryAfter, retryDelay } from './retry-delay';

const policy = { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000, retryAfterCapMs: 5000 };

describe('isRetryableStatus', () => {
  it('retries 408, 429 and 5xx only', () => {
    expect([408, 429, 500, 502, 503, 504, 599].every(isRetryableStatus)).toBe(true);
    expect([200, 201, 301, 400, 401, 403, 404, 413, 422].some(isRetryableStatus)).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-26T02:00:00Z');
  it('reads delta seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });
  it('reads an HTTP date, and a past one as no wait', () => {
    expect(parseRetryAfter('Thu, 26 Nov 2026 02:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 01:00:00 GMT', now)).toBe(0);
  });
  it('ignores what is neither', () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter('1.5', now)).toBeNull();
  });
});

describe('retryDelay', () => {
  it('doubles from the base with jitter in the upper half, up to the ceiling', () => {
    expect(retryDelay(1, policy, null, () => 0)).toBe(50);
    expect(retryDelay(1, policy, null, () => 1)).toBe(100);
    expect(retryDelay(3, policy, null, () => 1)).toBe(400);
    expect(retryDelay(10, policy, null, () => 1)).toBe(1000);
    expect(retryDelay(10, policy, null, () => 0)).toBe(500);
  });
  it("honours the server's Retry-After, capped", () => {
    expect(retryDelay(1, policy, 3000, () => 0)).toBe(3000);
    expect(retryDelay(1, policy, 86_400_000, () => 0)).toBe(5000);
    expect(retryDelay(1, PORTAL_DEFAULTS.retry, 86_400_000)).toBe(PORTAL_DEFAULTS.retry.retryAfterCapMs);
  });
});
