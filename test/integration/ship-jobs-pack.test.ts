import { execFileSync } from 'node:child_process';
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/api/create-core';
import { MemoryStore } from '../../electron/core/testing/memory-credential-store';
import type { JobSummary } from '../../electron/shared/job-schemas';
import type { BundleInfo } from '../../electron/shared/ship-api-schemas';
import type { ShipReceipt } from '../../electron/shared/ship-schemas';
import { call, finished, packedCase, redactedSource, shipCore } from './ship-jobs-support';

let work: string;
let home: string;
let source: string;
let core: Core;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'casekit-ship-jobs-pack-'));
  home = path.join(work, 'home');
  source = await redactedSource(path.join(work, 'src'), home);
  core = await shipCore(home, new MemoryStore());
});
afterAll(async () => {
  await core.close();
  await rm(work, { recursive: true, force: true });
});

const newCase = (caseNumber: string | null = '00012345') =>
  call<{ id: string }>(core, 'createCase', { title: 'Queue stuck', caseNumber }).then((record) => record.id);

async function packJob(input: Record<string, unknown>): Promise<JobSummary> {
  const { jobId } = await call<{ jobId: string }>(core, 'startPack', input);
  return finished(core, jobId);
}

describe('packing through the API', () => {
  it('packs into the case bundles folder; the bundle checks out with the real sha256sum and verifyBundle', async () => {
    const { caseId, bundle } = await packedCase(core, source);
    expect(path.dirname(bundle.dir)).toBe(path.join(home, 'cases', caseId, 'bundles'));
    expect(path.basename(bundle.dir)).toBe(bundle.bundleName);
    expect(bundle.bundleName).toMatch(/^case-00012345-\d{8}T\d{6}Z\.tar\.gz$/);
    expect(bundle.parts.length).toBeGreaterThan(1);
    expect(bundle.parts.every((part) => part.size <= 4096)).toBe(true);
    execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: bundle.dir });
    const whole = execFileSync('sh', ['-c', `cat ${bundle.bundleName}.part* | sha256sum`], { cwd: bundle.dir });
    expect(whole.toString().split(' ')[0]).toBe(bundle.bundleSha256);
    expect(bundle.bundleSize).toBe(bundle.parts.reduce((sum, part) => sum + part.size, 0));
    expect(await call(core, 'verifyBundle', { caseId, bundleDir: bundle.dir })).toEqual({ ok: true, problems: [] });

    await appendFile(path.join(bundle.dir, bundle.parts[0]?.name ?? ''), 'x');
    const damaged = await call<{ ok: boolean; problems: { file: string | null }[] }>(core, 'verifyBundle', {
      caseId,
      bundleDir: path.basename(bundle.dir),
    });
    expect(damaged.ok).toBe(false);
    expect(damaged.problems.map((p) => p.file)).toContain(bundle.parts[0]?.name);
  });

  it('reports progress in files and bytes, and lists bundles newest first', async () => {
    const caseId = await newCase();
    const events: { itemsDone: number; itemsTotal: number | null; bytesTotal: number | null }[] = [];
    const off = core.subscribe((msg) => msg.event === 'jobProgress' && events.push(msg.payload));
    const first = await packJob({ caseId, sourceDir: source, format: 'zip' });
    const second = await packJob({ caseId, sourceDir: source });
    off();
    expect([first.state, second.state]).toEqual(['succeeded', 'succeeded']);
    expect(second.progress.itemsDone).toBe(second.progress.itemsTotal);
    expect(second.progress.bytesDone).toBe(second.progress.bytesTotal);
    expect(events.some((p) => p.itemsTotal !== null && p.itemsTotal > 0)).toBe(true);
    const { bundles } = await call<{ bundles: BundleInfo[] }>(core, 'listBundles', { caseId });
    expect(bundles.map((b) => b.format)).toEqual(['tar.gz', 'zip']);
    // Two packs in one second get separate folders.
    expect(new Set(bundles.map((b) => b.dir)).size).toBe(2);
  });

  it('lists binaries for consent, fails CONSENT_REQUIRED without it and packs with it', async () => {
    const caseId = await newCase();
    const dir = await mkdtemp(path.join(work, 'binary-'));
    execFileSync('cp', ['-r', `${source}/.`, dir]);
    const host = (await readdir(dir))[0] ?? '';
    await writeFile(path.join(dir, host, 'core.dump'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 0, 0]));
    const scan = await call<{ files: number; bytes: number; binaries: { path: string; size: number }[] }>(
      core,
      'scanBundleSource',
      { caseId, sourceDir: dir },
    );
    expect(scan.binaries).toEqual([{ path: `${host}/core.dump`, size: 10 }]);
    expect(scan.files).toBe(5);

    const refused = await packJob({ caseId, sourceDir: dir });
    expect(refused).toMatchObject({ state: 'failed', error: { code: 'CONSENT_REQUIRED' } });
    expect(refused.error?.message).toContain(`${host}/core.dump`);
    expect(refused.error?.message).not.toContain('--allow-binary');
    const packed = await packJob({ caseId, sourceDir: dir, consentedBinaries: [`${host}/core.dump`] });
    expect(packed.state).toBe('succeeded');
  });

  it('fails LEAK_CHECK_FAILED for a folder with an original left in it, writing no bundle', async () => {
    const caseId = await newCase();
    const dir = await mkdtemp(path.join(work, 'leak-'));
    execFileSync('cp', ['-r', `${source}/.`, dir]);
    const host = (await readdir(dir))[0] ?? '';
    await writeFile(path.join(dir, host, 'missed.log'), 'login from alice@example.com failed\n');
    const job = await packJob({ caseId, sourceDir: dir });
    expect(job).toMatchObject({ state: 'failed', error: { code: 'LEAK_CHECK_FAILED' } });
    expect(job.error?.message).toContain('missed.log');
    expect(job.error?.message).not.toContain('alice@example.com');
    expect((await call<{ bundles: unknown[] }>(core, 'listBundles', { caseId })).bundles).toEqual([]);
  });

  it('refuses to pack or ship without a case number, and a bundle outside the case', async () => {
    const caseId = await newCase(null);
    expect(await core.dispatch('startPack', { caseId, sourceDir: source })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('Set the case number') },
    });
    const other = await newCase();
    const channel = { kind: 'portal', url: 'https://portal.example.com/upload' };
    for (const bundleDir of ['../../x', path.join(work, 'src'), 'no-such-bundle']) {
      const answer = await core.dispatch('startShip', { caseId: other, bundleDir, channel });
      expect(answer.ok).toBe(false);
    }
    // A bad address is refused before a job (and its journal) exists; a password in it never reaches the disk.
    const packed = await packedCase(core, source);
    const jobsBefore = core.jobs.list().length;
    for (const bad of [
      { kind: 'ftp', url: 'ftp://user:hunter2@127.0.0.1/in', tls: 'explicit' },
      { kind: 'portal', url: 'http://portal.example.com/upload' },
      { kind: 'ftp', url: 'not a url', tls: 'off' },
    ]) {
      const answer = await core.dispatch('startShip', {
        caseId: packed.caseId,
        bundleDir: packed.bundle.dir,
        channel: bad,
      });
      expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(JSON.stringify(answer)).not.toContain('hunter2');
    }
    expect(core.jobs.list()).toHaveLength(jobsBefore);
  });

  it('resumes a pack interrupted by a shutdown in a new core', async () => {
    const caseId = await newCase();
    const { jobId } = await call<{ jobId: string }>(core, 'startPack', { caseId, sourceDir: source });
    await core.close();
    // Closing right after the start stops the pack before it finished: the next core resumes it.
    expect(core.jobs.get(jobId).state).toBe('interrupted');
    core = await shipCore(home, new MemoryStore());
    expect((await core.jobs.resumeInterrupted()).map((job) => job.id)).toEqual([jobId]);
    expect((await finished(core, jobId)).state).toBe('succeeded');
    const { bundles } = await call<{ bundles: BundleInfo[] }>(core, 'listBundles', { caseId });
    expect(bundles).toHaveLength(1);
    execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: bundles[0]?.dir });
  });
});

describe('e-mail and link shipments', () => {
  it('writes the messages beside the bundle, records both shipments, and gives their receipt text', async () => {
    const { caseId, bundle } = await packedCase(core, source);
    const written = await call<{ messages: { path: string; attachments: string[] }[]; receipt: ShipReceipt }>(
      core,
      'writeEmailBundle',
      { caseId, bundleDir: bundle.dir, to: 'support@vendor.example', limit: 20_000 },
    );
    expect(written.messages.length).toBeGreaterThan(1);
    for (const message of written.messages) {
      expect(path.dirname(message.path)).toBe(`${bundle.dir}-mail`);
      const parsed = await simpleParser(await readFile(message.path));
      expect(parsed.subject).toContain('case 00012345');
      expect(parsed.attachments.map((a) => a.filename)).toEqual(message.attachments);
    }
    const attached = written.messages.flatMap((m) => m.attachments).sort();
    expect(attached).toEqual(
      [...bundle.parts.map((p) => p.name), `${bundle.bundleName}.sha256`, 'README.txt', 'SHA256SUMS'].sort(),
    );
    // The messages folder is not a bundle.
    expect((await call<{ bundles: unknown[] }>(core, 'listBundles', { caseId })).bundles).toHaveLength(1);

    const link = { url: 'https://cloud.example.com/s/abc123', note: 'valid a week' };
    const record = await call<{ shipments: ShipReceipt[] }>(core, 'recordDownloadLink', { caseId, link });
    expect(record.shipments?.map((s) => s.channel)).toEqual(['email', 'link']);
    const bad = await core.dispatch('recordDownloadLink', { caseId, link: { url: 'http://x.example/s' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const { shipments } = await call<{ shipments: ShipReceipt[] }>(core, 'listShipments', { caseId });
    expect(shipments.map((s) => s.channel)).toEqual(['email', 'link']);
    const mail = await call<{ text: string }>(core, 'getReceiptText', { caseId, index: 0 });
    expect(mail.text).toContain('attached to e-mail');
    const shared = await call<{ text: string }>(core, 'getReceiptText', { caseId, index: 1 });
    expect(shared.text).toContain('https://cloud.example.com/s/abc123');
  });
});
