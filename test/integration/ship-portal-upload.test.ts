import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  multipartOverhead,
  PORTAL_DEFAULTS,
  shipPortal,
  type ShipPortalOptions,
} from '../../electron/core/ship/portal/index';
import type { ShipProgress } from '../../electron/core/ship/ship-types';
import { CasekitError } from '../../electron/shared/error-codes';
import { shipReceiptSchema } from '../../electron/shared/ship-schemas';
import { type BundleFixture, makeBundle } from '../support/portal/bundle-fixture';
import { selfSignedCert } from '../support/portal/self-signed-cert';
import { type PortalServerOptions, startPortalServer, type TestPortal } from '../support/portal/portal-server';

// shipPortal against a real HTTP portal (test/support/portal) that enforces
// the token, the case field and the 10 MB limit, and fails chosen requests
// with 503, 429, 408, 400 or a dropped connection. What arrives is compared
// byte for byte with the bundle.

const TOKEN = 'tok-5b1e9c07d2a84f36';
const CASE = '00012345';
const FAST_RETRY = { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 5 };
const PARTS = [2_500_000, 2_500_000, 2_500_000, 1_200_000];

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(parts: number[] = PARTS, server: Partial<PortalServerOptions> = {}) {
  const portal = await startPortalServer({ token: TOKEN, ...server });
  cleanups.push(() => portal.close());
  const bundle = await makeBundle(parts);
  cleanups.push(() => rm(bundle.dir, { recursive: true, force: true }));
  return { portal, bundle };
}

function options(portal: TestPortal, bundle: BundleFixture, extra: Partial<ShipPortalOptions> = {}): ShipPortalOptions {
  return { bundleDir: bundle.dir, url: portal.url, caseNumber: CASE, token: TOKEN, retry: FAST_RETRY, ...extra };
}

/** Every file of the bundle is on the portal exactly once, with the same bytes. */
async function expectAllStoredOnce(portal: TestPortal, bundle: BundleFixture): Promise<void> {
  expect([...portal.stored.keys()].sort()).toEqual([...bundle.contents.keys()].sort());
  for (const [name, bytes] of bundle.contents) {
    const stored = portal.stored.get(name);
    expect(stored?.count, name).toBe(1);
    expect((await readFile(stored?.path ?? '')).equals(bytes), name).toBe(true);
  }
}

async function rejection(promise: Promise<unknown>): Promise<CasekitError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CasekitError);
  return error as CasekitError;
}

describe('shipPortal', () => {
  it('delivers every file once and intact through 503s, 429 with Retry-After, 408 and dropped connections', async () => {
    const { portal, bundle } = await setup();
    const [p1, p2, p3, p4] = [...bundle.contents.keys()];
    portal.fault = ({ fileName, attempt }) => {
      if (fileName === p1 && attempt === 0) return { kind: 'status', status: 503, retryAfter: '0' };
      if (fileName === p2 && attempt < 2) return { kind: 'drop', afterBytes: 1_000_000 };
      if (fileName === p3 && attempt === 0) return { kind: 'status', status: 429, retryAfter: '1' };
      if (fileName === p3 && attempt === 1) return { kind: 'status', status: 503 };
      if (fileName === 'README.txt' && attempt === 0) return { kind: 'status', status: 408 };
      return null;
    };
    const seen: ShipProgress[] = [];
    const receipt = await shipPortal(options(portal, bundle, { onProgress: (p) => seen.push(p) }));

    expect(receipt.complete).toBe(true);
    expect(shipReceiptSchema.parse(receipt)).toEqual(receipt);
    await expectAllStoredOnce(portal, bundle);
    const attempts = Object.fromEntries(receipt.files.map((file) => [file.name, file.attempts]));
    expect(attempts).toEqual({
      [p1 ?? '']: 2,
      [p2 ?? '']: 3,
      [p3 ?? '']: 3,
      [p4 ?? '']: 1,
      'README.txt': 2,
      SHA256SUMS: 1,
    });
    for (const file of receipt.files) {
      expect(file.status).toBe('sent');
      expect(file.serverAnswer).toMatch(/^201 Created: Stored /);
    }
    // Each drop happened mid-body: the server saw part of the file, never all of it.
    const drops = portal.requests.filter((r) => r.fileName === p2 && r.status === 0);
    expect(drops).toHaveLength(2);
    for (const drop of drops) expect(drop.bodyBytes).toBeLessThan(PARTS[1] ?? 0);

    // Retry-After: 1 was honoured although the backoff alone would have waited 20-100 ms.
    const p3Requests = portal.requests.filter((r) => r.fileName === p3);
    expect(p3Requests.map((r) => r.status)).toEqual([429, 503, 201]);
    const waited = (p3Requests[1]?.startedAt ?? 0) - (p3Requests[0]?.endedAt ?? 0);
    expect(waited).toBeGreaterThanOrEqual(950);

    const last = seen.at(-1);
    expect(last).toMatchObject({ filesDone: 6, filesTotal: 6, file: null });
    expect(last?.bytesDone).toBe(last?.bytesTotal);
    expect(seen.some((p) => p.file !== null && p.bytesDone > 0 && p.bytesDone < p.bytesTotal)).toBe(true);
    for (const request of portal.requests) expect(request.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.stringify(receipt)).not.toContain(TOKEN);
  });

  it('stops at a refused token: AUTH_FAILED with the server message, no retries, nothing else started', async () => {
    const { portal, bundle } = await setup([300_000, 300_000, 300_000, 300_000]);
    const receipt = await shipPortal(options(portal, bundle, { token: 'not-the-token', concurrency: 2 }));

    expect(receipt.complete).toBe(false);
    expect(portal.requests.length).toBeLessThanOrEqual(2);
    expect(portal.requests.every((r) => r.status === 401)).toBe(true);
    const tried = receipt.files.filter((file) => file.attempts > 0);
    expect(tried.length).toBe(portal.requests.length);
    for (const file of tried) {
      expect(file.status).toBe('failed');
      expect(file.attempts).toBe(1);
      expect(file.error?.code).toBe('AUTH_FAILED');
      expect(file.error?.message).toContain('The token is not valid.');
    }
    for (const file of receipt.files.filter((f) => f.attempts === 0)) {
      expect(file.status).toBe('not-sent');
      expect(file.error?.code).toBe('AUTH_FAILED');
    }
    expect(JSON.stringify(receipt)).not.toContain('not-the-token');
  });

  it('fails a file the portal refuses (400) with its cleaned message, and stores the others', async () => {
    const { portal, bundle } = await setup([200_000, 200_000, 200_000]);
    const rejected = [...bundle.contents.keys()][1] ?? '';
    portal.fault = ({ fileName }) =>
      fileName === rejected
        ? { kind: 'status', status: 400, message: 'Part names\x1b[31m must not\r\ncontain dots.' }
        : null;
    const receipt = await shipPortal(options(portal, bundle));

    expect(receipt.complete).toBe(false);
    const failed = receipt.files.find((file) => file.name === rejected);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed?.error?.code).toBe('UPLOAD_REJECTED');
    expect(failed?.error?.message).toContain('400 Bad Request: Part names [31m must not contain dots.');
    expect(failed?.serverAnswer).toBe('400 Bad Request: Part names [31m must not contain dots.');
    expect(portal.requests.filter((r) => r.fileName === rejected)).toHaveLength(1);
    expect(portal.stored.has(rejected)).toBe(false);
    expect(portal.stored.size).toBe(bundle.contents.size - 1);
  });

  it('gives up after the attempts allowed when the portal keeps answering 503', async () => {
    const { portal, bundle } = await setup([100_000]);
    const part = [...bundle.contents.keys()][0] ?? '';
    portal.fault = ({ fileName }) =>
      fileName === part ? { kind: 'status', status: 503, message: 'Maintenance' } : null;
    const receipt = await shipPortal(options(portal, bundle, { retry: { ...FAST_RETRY, maxAttempts: 3 } }));
    const file = receipt.files.find((f) => f.name === part);
    expect(file).toMatchObject({ status: 'failed', attempts: 3 });
    expect(file?.error?.code).toBe('UPLOAD_FAILED');
    expect(file?.error?.message).toContain('503 Service Unavailable: Maintenance');
    expect(portal.requests.filter((r) => r.fileName === part)).toHaveLength(3);
  });

  it('refuses a part over the limit before any request, naming the part size to pack with', async () => {
    const { portal, bundle } = await setup([1_000_000, 10_000_001, 1_000_000]);
    const error = await rejection(shipPortal(options(portal, bundle)));
    expect(error.code).toBe('PART_TOO_LARGE');
    expect(error.message).toMatch(/Nothing was sent\. Pack again with --part-size \d+ or smaller/);
    expect(portal.requests).toHaveLength(0);
  });

  it('sends a part whose request is exactly the limit, which the portal accepts, and refuses one byte more', async () => {
    const limit = 300_000;
    const name = 'case-00012345-20261126T015000Z.tar.gz.part001';
    const fits = limit - multipartOverhead(PORTAL_DEFAULTS.fields, CASE, name);
    const { portal, bundle } = await setup([fits], { limit });
    const receipt = await shipPortal(options(portal, bundle, { limit }));
    expect(receipt.complete).toBe(true);
    expect(portal.requests.find((r) => r.fileName === name)?.bodyBytes).toBe(limit);

    const { portal: other, bundle: larger } = await setup([fits + 1], { limit });
    expect((await rejection(shipPortal(options(other, larger, { limit })))).code).toBe('PART_TOO_LARGE');
    expect(other.requests).toHaveLength(0);
  });

  it('takes an early 413 from a portal with a lower limit as PART_TOO_LARGE and goes on with the next file', async () => {
    const { portal, bundle } = await setup([400_000, 100_000], { limit: 150_000 });
    const [big, small] = [...bundle.contents.keys()];
    const receipt = await shipPortal(options(portal, bundle, { concurrency: 1 }));
    const refused = receipt.files.find((f) => f.name === big);
    expect(refused).toMatchObject({ status: 'failed', attempts: 1 });
    expect(refused?.error?.code).toBe('PART_TOO_LARGE');
    expect(refused?.error?.message).toContain("the portal's limit is lower");
    // The portal answered 413 as the body passed its limit; the connection is dropped, not reused half-sent.
    expect(portal.requests.find((r) => r.fileName === big)?.status).toBe(413);
    expect(receipt.files.find((f) => f.name === small)?.status).toBe('sent');
    expect(portal.stored.has(small ?? '')).toBe(true);
  });

  it.each([2, 3])('keeps %i uploads in flight at once, never more', async (concurrency) => {
    const { portal, bundle } = await setup([50_000, 50_000, 50_000, 50_000, 50_000, 50_000], { holdMs: 150 });
    const receipt = await shipPortal(options(portal, bundle, { concurrency }));
    expect(receipt.complete).toBe(true);
    expect(portal.maxInFlight).toBe(concurrency);
  });

  it('does not send a part that does not match SHA256SUMS', async () => {
    const { portal, bundle } = await setup([100_000, 100_000]);
    const damaged = [...bundle.contents.keys()][0] ?? '';
    const bytes = bundle.contents.get(damaged) ?? Buffer.alloc(0);
    bytes[500] = (bytes[500] ?? 0) ^ 0xff;
    await import('node:fs/promises').then((fs) => fs.writeFile(path.join(bundle.dir, damaged), bytes));
    const receipt = await shipPortal(options(portal, bundle));
    expect(receipt.files.find((f) => f.name === damaged)).toMatchObject({ status: 'not-sent', attempts: 0 });
    expect(receipt.files.find((f) => f.name === damaged)?.error?.code).toBe('BUNDLE_INVALID');
    expect(portal.requests.some((r) => r.fileName === damaged)).toBe(false);
    expect(portal.stored.size).toBe(bundle.contents.size - 1);
  });

  it('refuses plain http to another host and a bad case number before anything', async () => {
    const { portal, bundle } = await setup([1000]);
    const http = await rejection(shipPortal(options(portal, bundle, { url: 'http://portal.example/upload' })));
    expect(http.code).toBe('INVALID_INPUT');
    expect(http.message).toContain('plain http');
    const badCase = await rejection(shipPortal(options(portal, bundle, { caseNumber: '12345' })));
    expect(badCase.code).toBe('INVALID_INPUT');
    expect(portal.requests).toHaveLength(0);
    expect((await readdir(bundle.dir)).some((name) => name.startsWith('.casekit-portal-'))).toBe(false);
  });
});

describe('shipPortal over https', () => {
  it('refuses a certificate it does not trust, without retrying and without sending the token', async () => {
    const { portal, bundle } = await setup([10_000, 10_000], { tls: await selfSignedCert() });
    expect(portal.url.startsWith('https://127.0.0.1:')).toBe(true);
    const receipt = await shipPortal(options(portal, bundle, { concurrency: 1 }));
    const [first, ...rest] = receipt.files;
    expect(first).toMatchObject({ status: 'failed', attempts: 1 });
    expect(first?.error?.code).toBe('TLS_CERT_UNTRUSTED');
    expect(first?.error?.message).toContain('certificate Casekit does not trust');
    // It would fail the same way for every file: the others are not tried.
    for (const file of rest) expect(file).toMatchObject({ status: 'not-sent', attempts: 0 });
    expect(rest.every((file) => file.error?.code === 'TLS_CERT_UNTRUSTED')).toBe(true);
    expect(portal.requests).toHaveLength(0);
  });
});
