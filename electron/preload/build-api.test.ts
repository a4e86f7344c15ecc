import { describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, EVENT_NAMES, ipcCallChannel } from '../shared/api-contract';
import type { EventName, Unsubscribe } from '../shared/api-contract';
import { buildPreloadApi } from './build-api';
import { createEventFanOut } from './event-fan-out';

function setUp(
  answer: (channel: string, input: unknown) => Promise<unknown> = () => Promise.resolve({ ok: true, data: 1 }),
) {
  const invoke = vi.fn(answer);
  const fanOut = createEventFanOut();
  const api = buildPreloadApi(invoke, fanOut.subscribe);
  return { api, invoke, fanOut };
}

/** Calls a method by name, as the page would, without the per-call input types. */
function call(api: object, name: string, input: unknown): Promise<unknown> {
  const method: unknown = Reflect.get(api, name);
  if (typeof method !== 'function') throw new Error(`no method ${name}`);
  return Promise.resolve(method(input));
}

describe('buildPreloadApi calls', () => {
  it('has one method per call in the contract, plus on, and nothing else', () => {
    const { api } = setUp();
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES, 'on'].sort());
    for (const key of Object.keys(api)) expect(typeof Reflect.get(api, key), key).toBe('function');
  });

  it('sends each call on its own channel with its input, and returns the answer', async () => {
    const { api, invoke } = setUp((channel) => Promise.resolve({ ok: true, data: channel }));
    for (const name of CALL_NAMES) {
      const input = { probe: name };
      await expect(call(api, name, input)).resolves.toEqual({ ok: true, data: ipcCallChannel(name) });
      expect(invoke).toHaveBeenLastCalledWith(ipcCallChannel(name), input);
    }
    expect(invoke).toHaveBeenCalledTimes(CALL_NAMES.length);
  });

  it('passes an error Result through as it came', async () => {
    const error = { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'no', retryable: false } };
    const { api } = setUp(() => Promise.resolve(error));
    await expect(api.listCases({})).resolves.toEqual(error);
  });

  it('turns a failed invoke into BRIDGE_UNAVAILABLE instead of throwing', async () => {
    const { api } = setUp(() => Promise.reject(new Error("No handler registered for 'casekit:call:listCases'")));
    await expect(api.listCases({})).resolves.toMatchObject({
      ok: false,
      error: { code: 'BRIDGE_UNAVAILABLE', retryable: true },
    });
  });

  it.each([undefined, null, 'text', { ok: 'yes' }, { ok: true }, { ok: false }])(
    'turns a malformed answer (%j) into INTERNAL',
    async (answer) => {
      const { api } = setUp(() => Promise.resolve(answer));
      await expect(api.getSettings({})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    },
  );

  it('is frozen, so the page cannot swap a method', () => {
    const { api } = setUp();
    expect(Object.isFrozen(api)).toBe(true);
    expect(
      () =>
        Reflect.set(api, 'listCases', () => 'mine') ||
        (() => {
          throw new Error('refused');
        })(),
    ).toThrow();
  });
});

describe('buildPreloadApi on', () => {
  const progress = {
    jobId: 'job-abcdef',
    bytesDone: 1,
    bytesTotal: null,
    itemsDone: 0,
    itemsTotal: null,
    rate: 0,
    eta: null,
    current: null,
  };

  it('delivers only the payload, and only of the event asked for', () => {
    const { api, fanOut } = setUp();
    const changed = vi.fn();
    const onProgress = vi.fn();
    api.on('casesChanged', changed);
    api.on('jobProgress', onProgress);
    fanOut.emit({ event: 'casesChanged', payload: { caseId: 'case-000001' } });
    fanOut.emit({ event: 'jobProgress', payload: progress });
    expect(changed.mock.calls).toEqual([[{ caseId: 'case-000001' }]]);
    expect(onProgress.mock.calls).toEqual([[progress]]);
  });

  it.each([
    ['an unknown event', { event: 'secretEvent', payload: {} }],
    ['a prototype key', { event: 'toString', payload: {} }],
    ['no event', { payload: {} }],
    ['no payload', { event: 'casesChanged' }],
    ['a string', 'casesChanged'],
    ['null', null],
  ])('delivers nothing for %s', (_why, message) => {
    const { api, fanOut } = setUp();
    const listeners = EVENT_NAMES.map((name) => {
      const listener = vi.fn();
      api.on(name, listener);
      return listener;
    });
    fanOut.emit(message);
    for (const listener of listeners) expect(listener).not.toHaveBeenCalled();
  });

  it('stops delivering after unsubscribe, and unsubscribing twice is harmless', () => {
    const { api, fanOut } = setUp();
    const listener = vi.fn();
    const unsubscribe: Unsubscribe = api.on('casesChanged', listener);
    unsubscribe();
    unsubscribe();
    fanOut.emit({ event: 'casesChanged', payload: { caseId: null } });
    expect(listener).not.toHaveBeenCalled();
    expect(fanOut.size()).toBe(0);
  });

  it('refuses an event name the contract does not declare', () => {
    const { api } = setUp();
    expect(() => api.on('toString' as EventName, vi.fn())).toThrow(TypeError);
    expect(() => api.on('nope' as EventName, vi.fn())).toThrow(TypeError);
  });

  it('refuses a listener that is not a function', () => {
    const { api } = setUp();
    expect(() => api.on('casesChanged', 'alert(1)' as unknown as () => void)).toThrow(TypeError);
  });
});
