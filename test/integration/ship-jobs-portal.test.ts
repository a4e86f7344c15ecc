import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/api/create-core';
import { portalTokenRef } from '../../electron/core/ship/portal/index';
import { secretAccount } from '../../electron/core/secrets/credential-store';
import { MemoryStore } from '../../electron/core/testing/memory-credential-store';
import type { ShipReceipt } from '../../electron/shared/ship-schemas';
import { selfSignedCert } from '../support/portal/self-signed-cert';
import { startPortalServer, type TestPortal } from '../support/portal/portal-server';
import { call, finished, listen, packedCase, redactedSource, shipCore } from './ship-jobs-support';

const TOKEN = 'portal-token-0123456789';

let work: string;
let source: string;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'casekit-ship-jobs-portal-'));
  source = await redactedSource(path.join(work, 'src'), path.join(work, 'seed-home'));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => rm(work, { recursive: true, force: true }));

async function setUp(portalOptions: Parameters<typeof startPortalServer>[0], store = new MemoryStore()) {
  const home = await mkdtemp(path.join(work, 'home-'));
  await redactedSource(await mkdtemp(path.join(work, 'src-')), home);
  const portal = await startPortalServer(portalOptions);
  cleanups.push(
    () => rm(portal.storeDir, { recursive: true, force: true }),
    () => portal.close(),
  );
  const core = await shipCore(home, store);
  cleanups.push(() => core.close());
  const { caseId, bundle } = await packedCase(core, source);
  return { home, portal, core, caseId, bundle, store };
}

const shipments = async (core: Core, caseId: string) =>
  (await call<{ shipments: ShipReceipt[] }>(core, 'listShipments', { caseId })).shipments;

function storedOnce(portal: TestPortal, names: string[]): void {
  expect([...portal.stored.keys()].sort()).toEqual([...names].sort());
  for (const file of portal.stored.values()) expect(file.count).toBe(1);
}

describe('the ship job to a portal', () => {
  it('asks for the token, asks again after a refusal, remembers only the accepted one, and records the receipt', async () => {
    const { portal, core, caseId, bundle, store } = await setUp({ token: TOKEN });
    const heard = listen(core);
    const channel = { kind: 'portal', url: portal.url };
    const { jobId } = await call<{ jobId: string }>(core, 'startShip', { caseId, bundleDir: bundle.dir, channel });

    const first = await heard.next('secret');
    expect(first).toMatchObject({ purpose: 'portal-token', subject: portal.url, attempt: 1, canRemember: true });
    await heard.answer(first, { kind: 'secret', value: 'wrong-token', remember: true });
    const second = await heard.next('secret');
    expect(second).toMatchObject({ purpose: 'portal-token', attempt: 2 });
    await heard.answer(second, { kind: 'secret', value: TOKEN, remember: true });

    const job = await finished(core, jobId);
    expect(job).toMatchObject({ state: 'succeeded', error: null, kind: 'ship', caseId });
    expect(job.progress).toMatchObject({ itemsDone: job.progress.itemsTotal, bytesDone: job.progress.bytesTotal });
    const names = [...bundle.parts.map((p) => p.name), `${bundle.bundleName}.sha256`, 'README.txt', 'SHA256SUMS'];
    storedOnce(portal, names);
    expect(bundle.parts.length).toBeGreaterThan(1);
    // The refused token was never saved; the accepted one was, because "remember" was ticked.
    expect([...store.saved.entries()]).toEqual([[secretAccount(portalTokenRef(portal.url)), TOKEN]]);

    const recorded = await shipments(core, caseId);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ channel: 'portal', destination: portal.url, complete: true });
    expect(recorded[0]?.files.every((file) => file.status === 'sent')).toBe(true);
    expect(heard.events.some((m) => m.event === 'casesChanged' && m.payload.caseId === caseId)).toBe(true);

    const { text } = await call<{ text: string }>(core, 'getReceiptText', { caseId, index: 0 });
    expect(text).toContain('Case 00012345');
    expect(text).toContain(bundle.parts[0]?.sha256);
    expect(text).not.toContain(TOKEN);
    const missing = await core.dispatch('getReceiptText', { caseId, index: 1 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('uses the saved token without asking; cancelled, it records what arrived, and starting again sends only the rest', async () => {
    const store = new MemoryStore();
    const { portal, core, caseId, bundle } = await setUp({ token: TOKEN, holdMs: 250 }, store);
    await store.set(portalTokenRef(portal.url), TOKEN);
    const heard = listen(core);
    const input = { caseId, bundleDir: path.basename(bundle.dir), channel: { kind: 'portal', url: portal.url } };
    const { jobId } = await call<{ jobId: string }>(core, 'startShip', input);
    for (let waited = 0; portal.stored.size < 2 && waited < 10_000; waited += 20) await sleep(20);
    const cancelled = await call<{ state: string }>(core, 'cancelJob', { jobId });
    expect(cancelled.state).toBe('cancelled');
    expect(heard.prompts).toEqual([]);

    const partial = await shipments(core, caseId);
    expect(partial).toHaveLength(1);
    expect(partial[0]?.complete).toBe(false);
    const arrived = partial[0]?.files.filter((file) => file.status === 'sent').map((file) => file.name) ?? [];
    expect(arrived.sort()).toEqual([...portal.stored.keys()].sort());
    const requestsBefore = portal.requests.length;
    // Progress names the part being sent and counts parts and bytes.
    const currents = heard.events.flatMap((m) =>
      m.event === 'jobProgress' && m.payload.jobId === jobId ? [m.payload] : [],
    );
    expect(currents.some((p) => p.current === bundle.parts[0]?.name || p.current === bundle.parts[1]?.name)).toBe(true);
    expect(currents.at(-1)).toMatchObject({ itemsTotal: bundle.parts.length + 3 });
    expect(currents.at(-1)?.bytesDone).toBeGreaterThan(0);

    const again = await call<{ jobId: string }>(core, 'startShip', input);
    expect((await finished(core, again.jobId)).state).toBe('succeeded');
    const names = [...bundle.parts.map((p) => p.name), `${bundle.bundleName}.sha256`, 'README.txt', 'SHA256SUMS'];
    storedOnce(portal, names);
    const resent = portal.requests.slice(requestsBefore).map((r) => r.fileName);
    for (const name of arrived) expect(resent).not.toContain(name);
    const all = await shipments(core, caseId);
    expect(all).toHaveLength(2);
    expect(all[1]?.complete).toBe(true);
    expect(
      all[1]?.files
        .filter((file) => file.status === 'already-there')
        .map((f) => f.name)
        .sort(),
    ).toEqual(arrived.sort());
  });

  it('resumes an interrupted ship job in a new core on the same data folder', async () => {
    const store = new MemoryStore();
    const { home, portal, core, caseId, bundle } = await setUp({ token: TOKEN, holdMs: 250 }, store);
    await store.set(portalTokenRef(portal.url), TOKEN);
    const channel = { kind: 'portal', url: portal.url };
    const { jobId } = await call<{ jobId: string }>(core, 'startShip', { caseId, bundleDir: bundle.dir, channel });
    for (let waited = 0; portal.stored.size < 1 && waited < 10_000; waited += 20) await sleep(20);
    await core.close();
    expect(core.jobs.get(jobId).state).toBe('interrupted');
    const storedBefore = [...portal.stored.keys()];
    expect(storedBefore.length).toBeGreaterThan(0);

    const restarted = await shipCore(home, store);
    cleanups.push(() => restarted.close());
    const resumed = await restarted.jobs.resumeInterrupted();
    expect(resumed.map((job) => job.id)).toEqual([jobId]);
    expect((await finished(restarted, jobId)).state).toBe('succeeded');
    const names = [...bundle.parts.map((p) => p.name), `${bundle.bundleName}.sha256`, 'README.txt', 'SHA256SUMS'];
    storedOnce(portal, names);
    // One receipt, written when the job ended; parts sent before the restart count as sent by it.
    const recorded = await shipments(restarted, caseId);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.complete).toBe(true);
    expect(recorded[0]?.files.every((file) => file.status === 'sent')).toBe(true);
  });

  it('shows an untrusted certificate; trusted, the job goes on with it pinned; refused, nothing is sent', async () => {
    const tls = await selfSignedCert();
    const { portal, core, caseId, bundle } = await setUp({ token: TOKEN, tls });
    const heard = listen(core);
    const channel = { kind: 'portal', url: portal.url };
    const expected = `SHA256:${new X509Certificate(tls.cert).fingerprint256}`;

    const refused = await call<{ jobId: string }>(core, 'startShip', { caseId, bundleDir: bundle.dir, channel });
    await heard.answer(await heard.next('secret'), { kind: 'secret', value: TOKEN, remember: false });
    const question = await heard.next('certificate');
    expect(question).toMatchObject({ kind: 'certificate', subject: portal.url, fingerprint: expected });
    expect(question.kind === 'certificate' && question.subjectName).toContain('CN=127.0.0.1');
    await heard.answer(question, { kind: 'certificate', trust: false });
    const failed = await finished(core, refused.jobId);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'TLS_CERT_UNTRUSTED' } });
    expect(portal.requests).toEqual([]);
    expect(await shipments(core, caseId)).toEqual([]);

    const trusted = await call<{ jobId: string }>(core, 'startShip', { caseId, bundleDir: bundle.dir, channel });
    await heard.answer(await heard.next('secret'), { kind: 'secret', value: TOKEN, remember: false });
    await heard.answer(await heard.next('certificate'), { kind: 'certificate', trust: true });
    expect(await finished(core, trusted.jobId)).toMatchObject({ state: 'succeeded', error: null });
    expect(portal.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect((await shipments(core, caseId))[0]?.complete).toBe(true);
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
