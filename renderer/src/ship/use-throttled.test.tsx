// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useThrottled } from './use-throttled';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the throttled live text', () => {
  it('shows the first value at once, then at most one value per interval, the newest one', () => {
    const { result, rerender } = renderHook(({ value, key }) => useThrottled(value, 10_000, key), {
      initialProps: { value: '10%', key: 'running' },
    });
    expect(result.current).toBe('10%');
    rerender({ value: '20%', key: 'running' });
    rerender({ value: '30%', key: 'running' });
    expect(result.current).toBe('10%');
    act(() => vi.advanceTimersByTime(9_999));
    expect(result.current).toBe('10%');
    act(() => vi.advanceTimersByTime(1));
    expect(result.current).toBe('30%');
  });

  it('passes a change of state at once', () => {
    const { result, rerender } = renderHook(({ value, key }) => useThrottled(value, 10_000, key), {
      initialProps: { value: '10%', key: 'running' },
    });
    rerender({ value: 'Paused', key: 'cancelled' });
    expect(result.current).toBe('Paused');
  });
});
