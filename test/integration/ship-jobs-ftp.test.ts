import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/api/create-core';
import { secretAccount } from '../../electron/core/secrets/credential-store';
import { ftpPasswordRef } from '../../electron/core/ship/ftp/index';
import { MemoryStore } from '../../electron/core/testing/memory-credential-store';
import type { ShipReceipt } from '../../electron/shared/ship-schemas';
import type { BundleInfo } from '../../electron/shared/ship-api-schemas';
import { sumsOf } from '../support/ftpd/bundle-fixture';
import { startFtpd, type TestFtpd } from '../support/ftpd/start-ftpd';
import { call, finished, listen, packedCase, redactedSource, shipCore } from './ship-jobs-support';

let work: string;
let server: TestFtpd;
let core: Core;
let store: MemoryStore;
let caseId: string;
let bundle: BundleInfo;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'casekit-ship-jobs-ftp-'));
  server = await startFtpd({ tls: 'explicit' });
  const home = path.join(work, 'home');
  const source = await redactedSource(path.join(work, 'src'), home);
  store = new MemoryStore();
  core = await shipCore(home, store);
  ({ caseId, bundle } = await packedCase(core, source));
});

afterAll(async () => {
  await core?.close();
  await server?.stop();
  await rm(work, { recursive: true, force: true });
});

describe('the ship job over FTPS', () => {
  it('asks for the password and about the certificate, asks again after a refusal, and uploads the bundle', async () => {
    const heard = listen(core);
    const url = `ftp://${server.user}@127.0.0.1:${server.port}/case-00012345`;
    const channel = { kind: 'ftp', url, tls: 'explicit' };
    const { jobId } = await call<{ jobId: string }>(core, 'startShip', { caseId, bundleDir: bundle.dir, channel });

    const first = await heard.next('secret');
    expect(first).toMatchObject({ purpose: 'ftp-password', subject: url, attempt: 1, canRemember: true });
    await heard.answer(first, { kind: 'secret', value: 'not the password', remember: true });
    // The certificate is decided on before the user name and password go out.
    const question = await heard.next('certificate');
    expect(question).toMatchObject({ kind: 'certificate', subject: url, fingerprint: server.fingerprint });
    await heard.answer(question, { kind: 'certificate', trust: true });
    const second = await heard.next('secret');
    expect(second).toMatchObject({ purpose: 'ftp-password', attempt: 2 });
    await heard.answer(second, { kind: 'secret', value: server.password, remember: true });

    const job = await finished(core, jobId);
    expect(job).toMatchObject({ state: 'succeeded', error: null });
    expect(job.progress.itemsDone).toBe(bundle.parts.length + 3);
    expect(sumsOf(path.join(server.root, 'case-00012345'))).toEqual(sumsOf(bundle.dir));
    expect([...store.saved.entries()]).toEqual([
      [secretAccount(ftpPasswordRef({ user: server.user, host: '127.0.0.1', port: server.port })), server.password],
    ]);
    expect(heard.prompts).toHaveLength(3);

    const { shipments } = await call<{ shipments: ShipReceipt[] }>(core, 'listShipments', { caseId });
    expect(shipments.at(-1)).toMatchObject({ channel: 'ftp', destination: url, complete: true });
    expect(JSON.stringify(shipments)).not.toContain(server.password);
    heard.unsubscribe();
  });

  it('ships again with the saved password without asking: everything is already there', async () => {
    const heard = listen(core);
    const url = `ftp://${server.user}@127.0.0.1:${server.port}/case-00012345`;
    const channel = { kind: 'ftp', url, tls: 'explicit' };
    const { jobId } = await call<{ jobId: string }>(core, 'startShip', { caseId, bundleDir: bundle.dir, channel });
    // A new job trusts nothing from an earlier one: the certificate is asked about again, the password is not.
    await heard.answer(await heard.next('certificate'), { kind: 'certificate', trust: true });
    expect((await finished(core, jobId)).state).toBe('succeeded');
    expect(heard.prompts.map((p) => p.kind)).toEqual(['certificate']);
    const { shipments } = await call<{ shipments: ShipReceipt[] }>(core, 'listShipments', { caseId });
    expect(shipments.at(-1)?.files.every((file) => file.status === 'already-there')).toBe(true);
    heard.unsubscribe();
  });

  it('fails with TLS_CERT_UNTRUSTED and sends nothing when the certificate is refused', async () => {
    const heard = listen(core);
    const url = `ftp://${server.user}@127.0.0.1:${server.port}/refused`;
    const channel = { kind: 'ftp', url, tls: 'explicit' };
    const before = (await call<{ shipments: ShipReceipt[] }>(core, 'listShipments', { caseId })).shipments.length;
    const { jobId } = await call<{ jobId: string }>(core, 'startShip', { caseId, bundleDir: bundle.dir, channel });
    await heard.answer(await heard.next('certificate'), { kind: 'certificate', trust: false });
    expect(await finished(core, jobId)).toMatchObject({ state: 'failed', error: { code: 'TLS_CERT_UNTRUSTED' } });
    expect(existsSync(path.join(server.root, 'refused'))).toBe(false);
    const after = (await call<{ shipments: ShipReceipt[] }>(core, 'listShipments', { caseId })).shipments.length;
    expect(after).toBe(before);
    heard.unsubscribe();
  });
});
