import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../electron/core/api/create-core';
import { data } from '../../electron/core/remote/servers/connection-tester-fixture';
import { MemoryStore } from '../../electron/core/testing/memory-credential-store';
import type { EventMessage } from '../../electron/shared/api-contract';
import type { CaseRecord } from '../../electron/shared/case-schemas';
import type { PromptAnswer, PromptRequest } from '../../electron/shared/prompt-schemas';
import type { ServerInput, ServerRecord } from '../../electron/shared/server-schemas';
import type { TestZimbraHost } from '../support/zimbra-host';

export { data };

/** The user at the screen: how each prompt is answered (host keys trusted unless told otherwise). */
export type Answerer = (request: PromptRequest) => PromptAnswer;

export interface CollectApp {
  core: Core;
  /** The data folder; a second core on it is the app after a restart. */
  home: string;
  /** The user's home, with `.ssh/config` naming each test host's address (the installation's names do not resolve). */
  homedir: string;
  store: MemoryStore;
  asked: PromptRequest[];
  events: EventMessage[];
  answer: Answerer;
  /** Stops this core (running jobs become interrupted) and starts another on the same folders. */
  restart(): Promise<Core>;
  remove(): Promise<void>;
}

export const trustKeys: Answerer = (request) =>
  request.kind === 'hostKey' ? { kind: 'hostKey', trust: true } : { kind: 'cancel' };

/**
 * The app's core on fresh folders, reaching the test Zimbra hosts by their
 * installation names through `~/.ssh/config`, as a user whose DNS does not
 * know them would set it up; prompts are answered by `app.answer` on the next
 * turn, as a window would.
 */
export async function makeCollectApp(hosts: readonly TestZimbraHost[]): Promise<CollectApp> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-collect-app-'));
  const home = path.join(dir, 'home');
  const homedir = path.join(dir, 'user-home');
  await mkdir(path.join(homedir, '.ssh'), { recursive: true, mode: 0o700 });
  const config = hosts.map((host) => `Host ${host.hostname}\n  HostName ${host.address}\n`).join('\n');
  await writeFile(path.join(homedir, '.ssh', 'config'), config, { mode: 0o600 });
  const store = new MemoryStore();

  const start = async (): Promise<Core> => {
    const core = await createCore({
      home,
      version: '0.0.0-test',
      credentialStore: store,
      homedir,
      sshAgent: null,
      collect: { hostTimeoutMs: 120_000 },
    });
    core.subscribe((msg) => {
      app.events.push(msg);
      if (msg.event !== 'prompt') return;
      app.asked.push(msg.payload);
      const reply = app.answer(msg.payload);
      setImmediate(() => void core.dispatch('answerPrompt', { id: msg.payload.id, answer: reply }));
    });
    return core;
  };

  const app: CollectApp = {
    core: undefined as unknown as Core,
    home,
    homedir,
    store,
    asked: [],
    events: [],
    answer: trustKeys,
    restart: async () => {
      await app.core.close();
      app.core = await start();
      return app.core;
    },
    remove: async () => {
      await app.core.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  app.core = await start();
  return app;
}

export async function newCase(core: Core, title: string, caseNumber: string | null = null): Promise<CaseRecord> {
  return data<CaseRecord>(await core.dispatch('createCase', { title, caseNumber }));
}

/** A server of the case for a test host, by its installation name, logging in as root with the host's client key. */
export async function addCaseServer(
  core: Core,
  caseId: string,
  host: TestZimbraHost,
  overrides: Partial<ServerInput> = {},
): Promise<ServerRecord> {
  const server: ServerInput = { host: host.hostname, user: 'root', identityFile: host.clientKeyPath, ...overrides };
  return data<ServerRecord>(await core.dispatch('saveServer', { scope: { kind: 'case', caseId }, server }));
}
