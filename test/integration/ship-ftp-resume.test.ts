import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shipFtp } from '../../electron/core/ship/ftp/index';
import { CasekitError } from '../../electron/shared/error-codes';
import { makeBundle, sumsOf } from '../support/ftpd/bundle-fixture';
import { type FtpCut, startFtpProxy } from '../support/ftpd/ftp-proxy';
import { startFtpd, type TestFtpd } from '../support/ftpd/start-ftpd';

const MiB = 1024 * 1024;
const FAST = { timeoutMs: 5000, retries: 3, backoff: { baseMs: 50, maxMs: 200 } };

let work: string;
let bundle: string;
let names: string[];

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'casekit-ship-ftp-cut-'));
  bundle = path.join(work, 'bundle');
  names = makeBundle(bundle, [4 * MiB, 4 * MiB, 4 * MiB]);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(['off', 'explicit'] as const)('a connection cut in the middle of a part, TLS %s', (tls) => {
  let server: TestFtpd;
  beforeAll(async () => {
    server = await startFtpd({ tls });
  });
  afterAll(() => server.stop());

  it.each(['data', 'both', 'control'] as FtpCut[])(
    'recovers when %s connection(s) drop, byte-identical',
    async (which) => {
      const folder = `cut-${which}`;
      const proxy = await startFtpProxy(server);
      try {
        // 6 MiB into the data stream is half-way through the second part.
        const cut = proxy.cutAfter(6 * MiB, which);
        const receipt = await shipFtp({
          ...FAST,
          bundleDir: bundle,
          url: `ftp://${server.user}@[::1]:${proxy.port}/${folder}`,
          password: server.password,
          tls,
          trustedCertificate: server.fingerprint ?? undefined,
        });
        await cut;
        expect(receipt.complete).toBe(true);
        const second = receipt.files.find((file) => file.name === names[1]);
        expect(second?.status).toBe('sent');
        expect(second?.attempts).toBeGreaterThanOrEqual(2);
        expect(receipt.files.filter((file) => file.name !== names[1]).every((file) => file.attempts === 1)).toBe(true);
        if (which === 'control') {
          // The data connection may still deliver the whole part (loopback buffers hold megabytes) before it is closed.
          expect(second?.serverAnswer).toMatch(/resumed at byte [1-9]\d*|complete on the server/);
        } else {
          expect(second?.serverAnswer).toMatch(/resumed at byte [1-9]\d*/);
          expect(server.log()).toContain(`APPE ${names[1]}`);
        }
        expect(sumsOf(path.join(server.root, folder))).toEqual(sumsOf(bundle));
      } finally {
        await proxy.close();
      }
    },
  );
});

describe('cancelling an FTP upload', () => {
  let server: TestFtpd;
  beforeAll(async () => {
    server = await startFtpd({ tls: 'explicit' });
  });
  afterAll(() => server.stop());

  it('stops promptly with CANCELLED, and a second run completes what the first left', async () => {
    const controller = new AbortController();
    const url = `ftp://${server.user}@127.0.0.1:${server.port}/cancel`;
    let abortedAt = 0;
    const options = {
      ...FAST,
      bundleDir: bundle,
      url,
      password: server.password,
      trustedCertificate: server.fingerprint!,
    };
    const error = await shipFtp({
      ...options,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.bytesDone > 5 * MiB && abortedAt === 0) {
          abortedAt = Date.now();
          controller.abort();
        }
      },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CasekitError);
    expect((error as CasekitError).code).toBe('CANCELLED');
    expect(Date.now() - abortedAt).toBeLessThan(1000);

    const receipt = await shipFtp(options);
    expect(receipt.complete).toBe(true);
    expect(receipt.files[0]?.status).toBe('already-there');
    expect(sumsOf(path.join(server.root, 'cancel'))).toEqual(sumsOf(bundle));
  });
});
