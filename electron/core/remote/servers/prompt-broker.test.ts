import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventMessage } from '../../../shared/api-contract';
import { caught } from '../../testing/caught';
import { PromptBroker, type PromptQuestion } from './prompt-broker';

const hostKey: PromptQuestion = {
  kind: 'hostKey',
  hostKey: {
    host: 'mbx01.example.com',
    port: 22,
    keyType: 'ssh-ed25519',
    fingerprint: 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU',
  },
  hop: { role: 'target', position: 1, jumpHosts: 0 },
};
const password: PromptQuestion = {
  kind: 'secret',
  purpose: 'ssh-password',
  subject: 'root@mbx01.example.com:22',
  attempt: 1,
  canRemember: true,
  hop: { role: 'target', position: 1, jumpHosts: 0 },
};

let events: EventMessage[] = [];
function newBroker() {
  events = [];
  let n = 0;
  return new PromptBroker({ emit: (msg) => events.push(msg), newId: () => `p-test${String(++n).padStart(4, '0')}` });
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('PromptBroker', () => {
  it('sends the question as a prompt event and resolves with the answer, then closes it everywhere', async () => {
    const broker = newBroker();
    const answer = broker.ask(hostKey);
    expect(events).toEqual([{ event: 'prompt', payload: { ...hostKey, id: 'p-test0001' } }]);
    expect(broker.size).toBe(1);

    broker.answer('p-test0001', { kind: 'hostKey', trust: true });
    expect(await answer).toEqual({ kind: 'hostKey', trust: true });
    expect(events.at(-1)).toEqual({ event: 'promptClosed', payload: { id: 'p-test0001' } });
    expect(broker.size).toBe(0);
  });

  it('keeps concurrent prompts apart', async () => {
    const broker = newBroker();
    const first = broker.ask(hostKey);
    const second = broker.ask(password);
    broker.answer('p-test0002', { kind: 'secret', value: 'pw', remember: false });
    broker.answer('p-test0001', { kind: 'hostKey', trust: false });
    expect(await first).toEqual({ kind: 'hostKey', trust: false });
    expect(await second).toEqual({ kind: 'secret', value: 'pw', remember: false });
  });

  it('answers NOT_FOUND for an unknown or already answered prompt', async () => {
    const broker = newBroker();
    expect((await caught(Promise.resolve().then(() => broker.answer('p-nothere1', { kind: 'cancel' })))).code).toBe(
      'NOT_FOUND',
    );
    const asked = broker.ask(hostKey);
    broker.answer('p-test0001', { kind: 'cancel' });
    expect(await asked).toEqual({ kind: 'cancel' });
    const again = await caught(Promise.resolve().then(() => broker.answer('p-test0001', { kind: 'cancel' })));
    expect(again).toMatchObject({ code: 'NOT_FOUND', message: /no longer open/ });
  });

  it('refuses an answer of the wrong kind and keeps the prompt open', async () => {
    const broker = newBroker();
    const asked = broker.ask(hostKey);
    const wrong = await caught(
      Promise.resolve().then(() => broker.answer('p-test0001', { kind: 'secret', value: 'x', remember: false })),
    );
    expect(wrong.code).toBe('INVALID_INPUT');
    expect(broker.size).toBe(1);
    broker.answer('p-test0001', { kind: 'hostKey', trust: true });
    expect(await asked).toEqual({ kind: 'hostKey', trust: true });
  });

  it('gives up after the timeout (10 minutes by default) and tells the windows to close the dialog', async () => {
    vi.useFakeTimers();
    const broker = newBroker();
    const asked = broker.ask(password);
    vi.advanceTimersByTime(10 * 60 * 1000 - 1);
    expect(broker.size).toBe(1);
    vi.advanceTimersByTime(1);
    expect(await asked).toEqual({ kind: 'cancel' });
    expect(events.at(-1)).toEqual({ event: 'promptClosed', payload: { id: 'p-test0001' } });
    expect((await caught(Promise.resolve().then(() => broker.answer('p-test0001', { kind: 'cancel' })))).code).toBe(
      'NOT_FOUND',
    );

    const short = broker.ask(password, { timeoutMs: 1_000 });
    vi.advanceTimersByTime(1_000);
    expect(await short).toEqual({ kind: 'cancel' });
  });

  it('cancels when the operation is aborted, or at once if it already was', async () => {
    const broker = newBroker();
    const controller = new AbortController();
    const asked = broker.ask(password, { signal: controller.signal });
    controller.abort();
    expect(await asked).toEqual({ kind: 'cancel' });
    expect(events.map((e) => e.event)).toEqual(['prompt', 'promptClosed']);

    expect(await broker.ask(password, { signal: controller.signal })).toEqual({ kind: 'cancel' });
    expect(events).toHaveLength(2);
  });

  it('cancels every open prompt on cancelAll', async () => {
    const broker = newBroker();
    const answers = Promise.all([broker.ask(hostKey), broker.ask(password)]);
    broker.cancelAll();
    expect(await answers).toEqual([{ kind: 'cancel' }, { kind: 'cancel' }]);
    expect(broker.size).toBe(0);
  });

  it('never logs or echoes a secret answer', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation(() => undefined),
    );
    const broker = newBroker();
    const asked = broker.ask(password);
    broker.answer('p-test0001', { kind: 'secret', value: 'hunter2-secret', remember: true });
    await asked;
    const wrongKind = broker.ask(hostKey);
    await caught(
      Promise.resolve().then(() =>
        broker.answer('p-test0002', { kind: 'secret', value: 'hunter2-secret', remember: false }),
      ),
    ).then((error) => expect(error.message).not.toContain('hunter2'));
    broker.cancelAll();
    await wrongKind;
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    expect(JSON.stringify(events)).not.toContain('hunter2');
  });
});
