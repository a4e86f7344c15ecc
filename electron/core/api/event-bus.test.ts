import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventMessage } from '../../shared/api-contract';
import { EventBus } from './event-bus';

const msg: EventMessage = { event: 'casesChanged', payload: { caseId: 'c-20250301-aaaaaaaa' } };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('EventBus', () => {
  it('delivers each event to every subscriber in order', () => {
    const bus = new EventBus();
    const heard: string[] = [];
    bus.subscribe((m) => heard.push(`a:${m.event}`));
    bus.subscribe((m) => heard.push(`b:${m.event}`));
    bus.emit(msg);
    expect(heard).toEqual(['a:casesChanged', 'b:casesChanged']);
  });

  it('keeps delivering to the others when one listener throws', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const bus = new EventBus();
    const after = vi.fn();
    bus.subscribe(() => {
      throw new Error('socket closed');
    });
    bus.subscribe(after);
    bus.emit(msg);
    expect(after).toHaveBeenCalledWith(msg);
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('stops delivering after unsubscribe, which may be called twice', () => {
    const bus = new EventBus();
    const listener = vi.fn();
    const unsubscribe = bus.subscribe(listener);
    unsubscribe();
    unsubscribe();
    bus.emit(msg);
    expect(listener).not.toHaveBeenCalled();
    expect(bus.size).toBe(0);
  });

  it('treats the same function subscribed twice as two subscriptions', () => {
    const bus = new EventBus();
    const listener = vi.fn();
    const first = bus.subscribe(listener);
    bus.subscribe(listener);
    first();
    bus.emit(msg);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('lets a listener unsubscribe itself while an event is delivered', () => {
    const bus = new EventBus();
    const second = vi.fn();
    const unsubscribe = bus.subscribe(() => unsubscribe());
    bus.subscribe(second);
    bus.emit(msg);
    bus.emit(msg);
    expect(second).toHaveBeenCalledTimes(2);
    expect(bus.size).toBe(1);
  });
});
