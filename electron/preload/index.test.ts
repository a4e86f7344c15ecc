import { contextBridge, ipcRenderer } from 'electron';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, IPC_EVENT_CHANNEL, ipcCallChannel } from '../shared/api-contract';
import type { CasekitApi } from '../shared/api-contract';

// `electron` is the recording stub here (vitest.config.ts); the spies watch what the preload does with it.
const expose = vi.spyOn(contextBridge, 'exposeInMainWorld');
const listen = vi.spyOn(ipcRenderer, 'on');
const invoke = vi
  .spyOn(ipcRenderer, 'invoke')
  .mockImplementation((channel: string) => Promise.resolve({ ok: true, data: channel }));

let exposed: CasekitApi;
let deliver: (...args: unknown[]) => void;

beforeAll(async () => {
  await import('./index');
  const [key, api] = expose.mock.calls[0] ?? [];
  expect(key).toBe('casekit');
  exposed = api as CasekitApi;
  const registered = listen.mock.calls[0]?.[1];
  if (typeof registered !== 'function') throw new Error('the preload did not listen for events');
  deliver = registered as (...args: unknown[]) => void;
});

describe('preload entry', () => {
  it('exposes exactly one thing, window.casekit, built from the contract', () => {
    expect(expose).toHaveBeenCalledOnce();
    expect(Object.keys(exposed).sort()).toEqual([...CALL_NAMES, 'on'].sort());
  });

  it('exposes no ipcRenderer, nor anything that reaches it', () => {
    for (const value of Object.values(exposed)) expect(value).not.toBe(ipcRenderer);
    expect(JSON.stringify(Object.keys(exposed))).not.toMatch(/ipc|send|invoke|electron/i);
  });

  it('listens on the event channel once, however many page listeners there are', () => {
    exposed.on('casesChanged', vi.fn());
    exposed.on('jobChanged', vi.fn());
    exposed.on('casesChanged', vi.fn());
    expect(listen).toHaveBeenCalledOnce();
    expect(listen.mock.calls[0]?.[0]).toBe(IPC_EVENT_CHANNEL);
  });

  it('forwards calls through ipcRenderer.invoke on the call’s channel', async () => {
    await expect(exposed.getAppInfo({})).resolves.toEqual({ ok: true, data: ipcCallChannel('getAppInfo') });
    expect(invoke).toHaveBeenLastCalledWith(ipcCallChannel('getAppInfo'), {});
  });

  it('hands the page the payload only, never the IpcRendererEvent', () => {
    const listener = vi.fn();
    exposed.on('casesChanged', listener);
    const ipcEvent = { sender: ipcRenderer, senderId: 0, ports: [] };
    deliver(ipcEvent, { event: 'casesChanged', payload: { caseId: 'case-000001' } });
    expect(listener.mock.calls).toEqual([[{ caseId: 'case-000001' }]]);
  });
});
