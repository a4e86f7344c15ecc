import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { createCore, type Core } from '../../electron/core/api/create-core';
import { packWith } from '../../electron/core/bundle/pack-bundle';
import { testRunner, writeRedactedTree } from '../../electron/core/bundle/testing/redacted-tree';
import { defaultMapFile } from '../../electron/core/redact/index';
import type { CredentialStore } from '../../electron/core/secrets/credential-store';
import type { ChannelTuning } from '../../electron/core/ship/jobs/ship-channels';
import type { EventMessage } from '../../electron/shared/api-contract';
import type { JobSummary } from '../../electron/shared/job-schemas';
import type { PromptAnswer, PromptRequest } from '../../electron/shared/prompt-schemas';
import type { BundleInfo } from '../../electron/shared/ship-api-schemas';

/** Short timeouts and retries, one upload at a time, so a test sees parts arrive one by one. */
export const FAST_TUNING: ChannelTuning = {
  ftp: { timeoutMs: 5000, retries: 2, backoff: { baseMs: 50, maxMs: 200 } },
  portal: { concurrency: 1, idleTimeoutMs: 5000, retry: { maxAttempts: 2, baseDelayMs: 50, maxDelayMs: 100 } },
};

/** A core like the app's, packing with the real leak check on the test's thread (worker threads need a build). */
export function shipCore(home: string, credentialStore: CredentialStore): Promise<Core> {
  return createCore({
    home,
    version: '0.0.0-test',
    credentialStore,
    sshAgent: null,
    ship: { pack: (options) => packWith(options, testRunner), tuning: FAST_TUNING },
  });
}

/** Calls through the dispatcher, as both bridges do; fails the test on an error answer. */
export async function call<T>(core: Core, name: string, input: unknown): Promise<T> {
  const result = await core.dispatch(name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

export async function finished(core: Core, jobId: string): Promise<JobSummary> {
  return core.jobs.waitFor(jobId);
}

/**
 * A redacted tree (the real engine's output) plus a log of numbers, so the
 * bundle takes several parts at a small part size; its map is where the app
 * looks for it.
 */
export async function redactedSource(work: string, home: string): Promise<string> {
  const { source, mapFile } = await writeRedactedTree(work);
  const host = (await readdir(source))[0] ?? 'host';
  const lines = Array.from(
    { length: 2500 },
    (_, i) => `tick ${i} queue ${(i * 7919) % 10007} wait ${(i * 104729) % 997}ms`,
  );
  await mkdir(path.join(source, host, 'extra'), { recursive: true });
  await writeFile(path.join(source, host, 'extra', 'queue.log'), `${lines.join('\n')}\n`);
  await mkdir(path.dirname(defaultMapFile(home)), { recursive: true });
  await copyFile(mapFile, defaultMapFile(home));
  return source;
}

/** Creates a case with a number and packs `source` into it through the API; returns the bundle. */
export async function packedCase(
  core: Core,
  source: string,
  partSize = 4096,
): Promise<{ caseId: string; bundle: BundleInfo }> {
  const record = await call<{ id: string }>(core, 'createCase', { title: 'Queue stuck', caseNumber: '00012345' });
  const { jobId } = await call<{ jobId: string }>(core, 'startPack', {
    caseId: record.id,
    sourceDir: source,
    partSize,
  });
  const job = await finished(core, jobId);
  expect(job.error).toBeNull();
  expect(job.state).toBe('succeeded');
  const { bundles } = await call<{ bundles: BundleInfo[] }>(core, 'listBundles', { caseId: record.id });
  expect(bundles).toHaveLength(1);
  return { caseId: record.id, bundle: bundles[0] as BundleInfo };
}

/** Every event a core emits, and the prompts it asks, in order, for a test to answer. */
export function listen(core: Core) {
  const events: EventMessage[] = [];
  const waiting: { kind: PromptRequest['kind']; resolve: (p: PromptRequest) => void }[] = [];
  const prompts: PromptRequest[] = [];
  const unsubscribe = core.subscribe((msg) => {
    events.push(msg);
    if (msg.event !== 'prompt') return;
    prompts.push(msg.payload);
    const index = waiting.findIndex((w) => w.kind === msg.payload.kind);
    if (index >= 0) waiting.splice(index, 1)[0]?.resolve(msg.payload);
  });
  let seen = 0;
  return {
    events,
    prompts,
    unsubscribe,
    /** The next prompt not yet handed out; it must be of `kind`. */
    next: (kind: PromptRequest['kind']): Promise<PromptRequest> => {
      const ready = prompts[seen];
      if (ready !== undefined) {
        seen += 1;
        expect(ready.kind).toBe(kind);
        return Promise.resolve(ready);
      }
      return new Promise((resolve) =>
        waiting.push({
          kind,
          resolve: (p) => {
            seen += 1;
            resolve(p);
          },
        }),
      );
    },
    answer: (prompt: PromptRequest, answer: PromptAnswer) => call(core, 'answerPrompt', { id: prompt.id, answer }),
  };
}
