/**
 * The sandboxed preload, bundled to out/preload/index.cjs. It may require only
 * `electron`; everything else is inlined (see electron.vite.config.ts).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_EVENT_CHANNEL } from '../shared/api-contract';
import { buildPreloadApi } from './build-api';
import { createEventFanOut } from './event-fan-out';

const events = createEventFanOut();

// Only the message goes on: the IpcRendererEvent carries `sender`, which is ipcRenderer itself.
ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, message: unknown) => events.emit(message));

contextBridge.exposeInMainWorld(
  'casekit',
  buildPreloadApi((channel, input) => ipcRenderer.invoke(channel, input), events.subscribe),
);
