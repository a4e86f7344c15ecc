import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deadline } from './deadline';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Deadline', () => {
  it('expires once after its time', () => {
    const expired = vi.fn();
    new Deadline(1_000, expired).start();
    vi.advanceTimersByTime(999);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('stops the clock while waiting for the user, and resumes with what was left', async () => {
    const expired = vi.fn();
    const deadline = new Deadline(1_000, expired);
    deadline.start();
    vi.advanceTimersByTime(600);
    let answer: (value: string) => void = () => undefined;
    const waiting = deadline.waitForUser(new Promise<string>((resolve) => (answer = resolve)));
    vi.advanceTimersByTime(60_000);
    expect(expired).not.toHaveBeenCalled();
    answer('yes');
    expect(await waiting).toBe('yes');
    vi.advanceTimersByTime(399);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('counts overlapping waits, and restarts the full time on a sign of life', async () => {
    const expired = vi.fn();
    const deadline = new Deadline(1_000, expired);
    deadline.start();
    const first = deadline.waitForUser(Promise.resolve(1));
    const second = deadline.waitForUser(new Promise((resolve) => setTimeout(resolve, 5_000)));
    await first;
    vi.advanceTimersByTime(4_000);
    expect(expired).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    await second;
    vi.advanceTimersByTime(900);
    deadline.restart();
    vi.advanceTimersByTime(900);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('never fires after clear(), nor when disabled with 0', () => {
    const expired = vi.fn();
    const deadline = new Deadline(1_000, expired);
    deadline.start();
    deadline.clear();
    deadline.restart();
    new Deadline(0, expired).start();
    vi.advanceTimersByTime(10_000);
    expect(expired).not.toHaveBeenCalled();
  });
});
