import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Core } from '../../electron/core/api/create-core';
import { startServeServer, type RunningServer } from '../../electron/cli/serve/server';
import { forwardEvents, registerIpcFromContract } from '../../electron/main/ipc-handlers';
import { buildPreloadApi } from '../../electron/preload/build-api';
import type { CasekitApi, EventMessage } from '../../electron/shared/api-contract';
import { createWebBridge } from '../../renderer/src/bridge/web-bridge';
import type { SocketConstructor } from '../../renderer/src/bridge/web-bridge-events';
import { packedCase, redactedSource, shipCore } from './ship-jobs-support';
import { MemoryStore } from '../../electron/core/testing/memory-credential-store';

// The renderer "cannot tell which bridge it runs on": the same calls through the
// Electron path (IPC handlers + preload) and the browser path (casekit serve +
// web bridge) against one real core must give the same answers and events.

let dir: string;
let core: Core;
let server: RunningServer;
let source: string;
let shared: Awaited<ReturnType<typeof packedCase>>;

function electronBridge(): CasekitApi {
  const handlers = new Map<string, (event: object, input: unknown) => unknown>();
  const trusted = {};
  registerIpcFromContract<object>(
    { handle: (channel, listener) => handlers.set(channel, listener), removeHandler: (c) => handlers.delete(c) },
    { dispatch: core.dispatch, isTrusted: (event) => event === trusted },
  );
  const listeners = new Set<(message: unknown) => void>();
  const window = {
    isDestroyed: () => false,
    send: (_channel: string, message: EventMessage) => listeners.forEach((l) => l(message)),
  };
  forwardEvents(core.subscribe, () => [window]);
  return buildPreloadApi(
    async (channel, input) => handlers.get(channel)!(trusted, input),
    (listener) => (listeners.add(listener), () => listeners.delete(listener)),
  );
}

function browserBridge(): CasekitApi {
  const origin = `http://127.0.0.1:${server.port}`;
  const auth = { Authorization: `Bearer ${server.token}` };
  class AuthorizedSocket extends WebSocket {
    constructor(url: string) {
      super(url, { headers: { Origin: origin, ...auth } });
    }
  }
  return createWebBridge({
    fetch: (input, init) =>
      fetch(new URL(String(input), origin), {
        ...init,
        headers: { ...(init?.headers as Record<string, string>), ...auth },
      }),
    WebSocket: AuthorizedSocket as unknown as SocketConstructor,
    location: { protocol: 'http:', host: `127.0.0.1:${server.port}` },
  });
}

async function scenario(api: CasekitApi) {
  const events: unknown[] = [];
  const off = api.on('casesChanged', (payload) => events.push(payload));
  await new Promise((resolve) => setTimeout(resolve, 200)); // the browser bridge's socket connects
  const answers: unknown[] = [];
  const created = await api.createCase({ title: '  Queue stuck on mta1  ', caseNumber: null });
  answers.push(created);
  const id = created.ok ? created.data.id : 'none';
  answers.push(await api.renameCase({ id, title: 'Queue stuck on mta1 since 04:00' }));
  answers.push(await api.setCaseNumber({ id, caseNumber: '00012345' }));
  answers.push(await api.getCase({ id }));
  answers.push(await api.listCases({}));
  answers.push(await api.createCase({ title: 'x', caseNumber: '123' }));
  answers.push(await api.getCase({ id: 'c-20260101-zzzzzzzz' }));
  answers.push(await api.updateSettings({ language: 'pl' }));
  answers.push(await api.deleteCase({ id }));
  for (let waited = 0; events.length < 4 && waited < 3000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  off();
  // Ids and times differ between runs by nature; everything else must not.
  const text = JSON.stringify({ answers, events })
    .replaceAll(id, '<id>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>');
  return JSON.parse(text) as { answers: { ok: boolean }[]; events: unknown[] };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-parity-'));
  await mkdir(path.join(dir, 'renderer'));
  await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html>');
  // The Ship step's calls need a real bundle: packed with the leak check on this thread (workers need a build).
  core = await shipCore(path.join(dir, 'home'), new MemoryStore());
  source = await redactedSource(path.join(dir, 'src'), path.join(dir, 'home'));
  shared = await packedCase(core, source);
  server = await startServeServer({ backend: core, rendererRoot: path.join(dir, 'renderer') });
});

afterAll(async () => {
  await server.close();
  await core.close();
  await rm(dir, { recursive: true, force: true });
});

describe('both bridges behave the same', () => {
  it('gives the same answers and events over Electron IPC and over casekit serve', async () => {
    const overIpc = await scenario(electronBridge());
    const overHttp = await scenario(browserBridge());
    expect(overIpc.answers.map((answer) => answer.ok)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      true,
      true,
    ]);
    expect(overIpc.events).toEqual([{ caseId: '<id>' }, { caseId: '<id>' }, { caseId: '<id>' }, { caseId: '<id>' }]);
    expect(overHttp).toEqual(overIpc);
  });
});

/** The Ship step's calls (read-only ones on one shared bundle, recording ones on a case of each run). */
async function shipScenario(api: CasekitApi) {
  const events: unknown[] = [];
  const off = api.on('casesChanged', (payload) => events.push(payload));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const answers: unknown[] = [];
  const created = await api.createCase({ title: 'Ship parity', caseNumber: '00054321' });
  const id = created.ok ? created.data.id : 'none';
  const { caseId, bundle } = shared;
  answers.push(await api.scanBundleSource({ caseId: id, sourceDir: source }));
  answers.push(await api.listBundles({ caseId }));
  answers.push(await api.verifyBundle({ caseId, bundleDir: bundle.dir }));
  answers.push(await api.verifyBundle({ caseId, bundleDir: '../../etc' }));
  answers.push(await api.startPack({ caseId: id, sourceDir: source, partSize: 10 }));
  answers.push(
    await api.startShip({
      caseId,
      bundleDir: 'no-such-bundle',
      channel: { kind: 'ftp', url: 'ftp://h/x', tls: 'off' },
    }),
  );
  answers.push(await api.recordDownloadLink({ caseId: id, link: { url: 'https://cloud.example.com/s/abc' } }));
  answers.push(await api.recordDownloadLink({ caseId: id, link: { url: 'https://u:p@cloud.example.com/s/abc' } }));
  answers.push(await api.listShipments({ caseId: id }));
  answers.push(await api.getReceiptText({ caseId: id, index: 0 }));
  answers.push(await api.getReceiptText({ caseId: id, index: 3 }));
  answers.push(await api.deleteCase({ id }));
  for (let waited = 0; events.length < 3 && waited < 3000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  off();
  const text = JSON.stringify({ answers, events })
    .replaceAll(id, '<id>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/g, '<utc>');
  return JSON.parse(text) as { answers: { ok: boolean }[]; events: unknown[] };
}

describe('both bridges behave the same for the Ship step', () => {
  it('gives the same answers and events over Electron IPC and over casekit serve', async () => {
    const overIpc = await shipScenario(electronBridge());
    const overHttp = await shipScenario(browserBridge());
    expect(overIpc.answers.map((answer) => answer.ok)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      true,
      false,
      true,
      true,
      false,
      true,
    ]);
    expect(overIpc.events).toEqual([{ caseId: '<id>' }, { caseId: '<id>' }, { caseId: '<id>' }]);
    expect(overHttp).toEqual(overIpc);
  });
});
