import { describe, expect, it, vi } from 'vitest';
import { createEventFanOut } from './event-fan-out';

describe('createEventFanOut', () => {
  it('gives every subscriber every message', () => {
    const fanOut = createEventFanOut();
    const a = vi.fn();
    const b = vi.fn();
    fanOut.subscribe(a);
    fanOut.subscribe(b);
    fanOut.emit('m');
    expect(a).toHaveBeenCalledWith('m');
    expect(b).toHaveBeenCalledWith('m');
  });

  it('keeps going past a listener that throws', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const fanOut = createEventFanOut();
    const after = vi.fn();
    fanOut.subscribe(() => {
      throw new Error('page bug');
    });
    fanOut.subscribe(after);
    fanOut.emit('m');
    expect(after).toHaveBeenCalledOnce();
    error.mockRestore();
  });

  it('treats the same function subscribed twice as two subscriptions', () => {
    const fanOut = createEventFanOut();
    const listener = vi.fn();
    const first = fanOut.subscribe(listener);
    fanOut.subscribe(listener);
    first();
    fanOut.emit('m');
    expect(listener).toHaveBeenCalledOnce();
    expect(fanOut.size()).toBe(1);
  });

  it('lets a listener unsubscribe while a message is being delivered', () => {
    const fanOut = createEventFanOut();
    const later = vi.fn();
    const stop = fanOut.subscribe(() => stop());
    fanOut.subscribe(later);
    fanOut.emit('m');
    fanOut.emit('n');
    expect(later).toHaveBeenCalledTimes(2);
    expect(fanOut.size()).toBe(1);
  });
});
