import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, IPC_EVENT_CHANNEL, ipcCallChannel } from '../shared/api-contract';
import type { EventMessage } from '../shared/api-contract';
import type { Result } from '../shared/result';
import { FakeIpcMain, FakeWebContents } from '../../test/stubs/electron';
import { forwardEvents, registerIpcFromContract } from './ipc-handlers';

type FakeEvent = { trusted: boolean };

describe('registerIpcFromContract', () => {
  let ipcMain: FakeIpcMain<FakeEvent>;
  let dispatch: ReturnType<typeof vi.fn<(name: string, input: unknown) => Promise<Result<unknown>>>>;
  let dispose: () => void;

  beforeEach(() => {
    ipcMain = new FakeIpcMain<FakeEvent>();
    dispatch = vi.fn((name: string) => Promise.resolve<Result<unknown>>({ ok: true, data: { called: name } }));
    dispose = registerIpcFromContract<FakeEvent>(ipcMain, { dispatch, isTrusted: (event) => event.trusted });
  });

  it('registers one channel per call in the contract, and no other', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(CALL_NAMES.map(ipcCallChannel).sort());
    expect(ipcMain.handlers.size).toBe(CALL_NAMES.length);
  });

  it('dispatches a trusted call by name with its input', async () => {
    for (const name of CALL_NAMES) {
      const input = { probe: name };
      await expect(ipcMain.invoke(ipcCallChannel(name), { trusted: true }, input)).resolves.toEqual({
        ok: true,
        data: { called: name },
      });
      expect(dispatch).toHaveBeenLastCalledWith(name, input);
    }
  });

  it('refuses an untrusted sender on every channel without dispatching', async () => {
    for (const name of CALL_NAMES) {
      const result = await ipcMain.invoke(ipcCallChannel(name), { trusted: false }, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER', retryable: false } });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('turns a throwing dispatcher into INTERNAL, without its message', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    dispatch.mockRejectedValueOnce(new Error('EACCES /home/someone/secret'));
    const result = await ipcMain.invoke(ipcCallChannel('listCases'), { trusted: true }, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret');
    error.mockRestore();
  });

  it('passes only the first argument on as the input', async () => {
    await ipcMain.invoke(ipcCallChannel('getCase'), { trusted: true }, { id: 'case-000001' }, 'extra');
    expect(dispatch).toHaveBeenCalledWith('getCase', { id: 'case-000001' });
  });

  it('removes every handler on dispose, once', () => {
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(() => dispose()).not.toThrow();
  });
});

describe('forwardEvents', () => {
  const message: EventMessage = { event: 'casesChanged', payload: { caseId: null } };

  function setUp(targets: FakeWebContents[]) {
    let listener: ((message: EventMessage) => void) | null = null;
    const unsubscribe = vi.fn(() => {
      listener = null;
    });
    const stop = forwardEvents(
      (l) => {
        listener = l;
        return unsubscribe;
      },
      () => targets,
    );
    const publish = (m: EventMessage): void => listener?.(m);
    return { stop, unsubscribe, publish };
  }

  it('sends each event on the event channel to every live window', () => {
    const a = new FakeWebContents();
    const b = new FakeWebContents();
    setUp([a, b]).publish(message);
    expect(a.sent).toEqual([{ channel: IPC_EVENT_CHANNEL, args: [message] }]);
    expect(b.sent).toEqual([{ channel: IPC_EVENT_CHANNEL, args: [message] }]);
  });

  it('skips destroyed windows and survives one failing mid-send', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const gone = new FakeWebContents();
    gone.destroy();
    const sendToGone = vi.spyOn(gone, 'send');
    const failing = new FakeWebContents();
    failing.send = () => {
      throw new Error('Object has been destroyed');
    };
    const live = new FakeWebContents();
    setUp([gone, failing, live]).publish(message);
    expect(sendToGone).not.toHaveBeenCalled();
    expect(live.sent).toHaveLength(1);
    warn.mockRestore();
  });

  it('asks for the windows at each event, so new windows get later events', () => {
    const targets: FakeWebContents[] = [];
    const { publish } = setUp(targets);
    publish(message);
    const late = new FakeWebContents();
    targets.push(late);
    publish(message);
    expect(late.sent).toHaveLength(1);
  });

  it('returns the unsubscribe', () => {
    const { stop, unsubscribe } = setUp([]);
    stop();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });
});
