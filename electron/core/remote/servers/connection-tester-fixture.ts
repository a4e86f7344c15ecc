import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EventMessage } from '../../../shared/api-contract';
import type { PromptAnswer, PromptRequest } from '../../../shared/prompt-schemas';
import type { Result } from '../../../shared/result';
import type { ServerInput, ServerRecord } from '../../../shared/server-schemas';
import { createCore, type Core } from '../../api/create-core';
import { MemoryStore } from '../../testing/memory-credential-store';

/** The test's stand-in for the user: how each prompt is answered. */
export type Answerer = (request: PromptRequest) => PromptAnswer | 'leave-open';

export interface TesterFixture {
  core: Core;
  store: MemoryStore;
  /** The user's home: empty `.ssh/` unless a test writes there. */
  homedir: string;
  /** Every prompt the core raised, in order. */
  asked: PromptRequest[];
  /** Ids of prompts the core closed (answered, or given up). */
  closed: string[];
  /** Answers each prompt on the next turn, as a window would; 'leave-open' leaves it waiting. */
  answer: Answerer;
  addServer(server: ServerInput): Promise<ServerRecord>;
  remove(): Promise<void>;
}

/** A core on a fresh data folder, with a memory keychain, no agent, and prompts answered by `fixture.answer`. */
export async function makeTesterFixture(): Promise<TesterFixture> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-tester-'));
  const homedir = path.join(dir, 'user-home');
  await mkdir(path.join(homedir, '.ssh'), { recursive: true, mode: 0o700 });
  const store = new MemoryStore();
  const core = await createCore({
    home: path.join(dir, 'home'),
    version: '0.0.0-test',
    credentialStore: store,
    homedir,
    sshAgent: null,
  });
  const fixture: TesterFixture = {
    core,
    store,
    homedir,
    asked: [],
    closed: [],
    answer: () => ({ kind: 'cancel' }),
    addServer: async (server) => data<ServerRecord>(await core.dispatch('saveServer', { scope: GLOBAL, server })),
    remove: async () => {
      await core.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  core.subscribe((msg: EventMessage) => {
    if (msg.event === 'promptClosed') fixture.closed.push(msg.payload.id);
    if (msg.event !== 'prompt') return;
    fixture.asked.push(msg.payload);
    const reply = fixture.answer(msg.payload);
    // The event is delivered synchronously inside ask(): answer on the next turn.
    if (reply !== 'leave-open')
      setImmediate(() => void core.dispatch('answerPrompt', { id: msg.payload.id, answer: reply }));
  });
  return fixture;
}

export const GLOBAL = { kind: 'global' } as const;

export function data<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data as T;
}

/** Trusts every host key, and answers each secret prompt with the next of `secrets` (remembering if asked to). */
export function trustAndAnswer(secrets: string[], remember = false): Answerer {
  return (request) => {
    if (request.kind === 'hostKey') return { kind: 'hostKey', trust: true };
    if (request.kind !== 'secret') return { kind: 'cancel' };
    const value = secrets.shift();
    return value === undefined ? { kind: 'cancel' } : { kind: 'secret', value, remember };
  };
}

/** Resolves once `predicate` holds, polling; fails after `timeoutMs`. */
export async function until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
