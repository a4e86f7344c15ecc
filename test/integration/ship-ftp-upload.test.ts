import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { shipFtp } from '../../electron/core/ship/ftp/index';
import { CasekitError } from '../../electron/shared/error-codes';
import { makeBundle, placeOnServer, sumsOf } from '../support/ftpd/bundle-fixture';
import { startFtpProxy } from '../support/ftpd/ftp-proxy';
import { startFtpd, type TestFtpd } from '../support/ftpd/start-ftpd';
import { startSilentServer } from '../support/sshd/silent-server';

const MiB = 1024 * 1024;
const FAST = { timeoutMs: 5000, retries: 2, backoff: { baseMs: 20, maxMs: 100 } };

let work: string;
let bundle: string;
let names: string[];

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'casekit-ship-ftp-'));
  bundle = path.join(work, 'bundle');
  names = makeBundle(bundle, [3 * MiB, 3 * MiB, 1234]);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function rejection(promise: Promise<unknown>): Promise<CasekitError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CasekitError);
  return error as CasekitError;
}

describe.each(['off', 'explicit', 'implicit'] as const)('shipFtp with TLS %s (real vsftpd)', (tls) => {
  let server: TestFtpd;
  beforeAll(async () => {
    server = await startFtpd({ tls });
  });
  afterAll(() => server.stop());

  it('uploads every file into the case folder, byte-identical, SHA256SUMS last', async () => {
    const scheme = tls === 'implicit' ? 'ftps' : 'ftp';
    const seen: string[] = [];
    const receipt = await shipFtp({
      ...FAST,
      bundleDir: bundle,
      url: `${scheme}://${server.user}@127.0.0.1:${server.port}/cases/case-${tls}`,
      password: server.password,
      tls,
      trustedCertificate: server.fingerprint ?? undefined,
      onProgress: (p) => {
        if (p.file !== null && seen.at(-1) !== p.file) seen.push(p.file);
      },
    });
    expect(receipt.files.map((f) => [f.name, f.status, f.error])).toEqual(names.map((n) => [n, 'sent', null]));
    expect(receipt.complete).toBe(true);
    expect(seen.at(-1)).toBe('SHA256SUMS');
    expect(receipt.destination).toBe(`${scheme}://${server.user}@127.0.0.1:${server.port}/cases/case-${tls}`);
    expect(sumsOf(path.join(server.root, 'cases', `case-${tls}`))).toEqual(sumsOf(bundle));
    // New files go up with APPE: a STOR truncates, and ext4 then makes the server flush the file on close.
    expect(server.log()).toContain(`APPE ${names[0]}`);
    expect(server.log()).not.toMatch(/"STOR /);
    // The folder was created by this session, so no file is asked for before it is sent: SIZE only after, to verify.
    const sizeQuestions = (name: string) => server.log().split(`"SIZE ${name}"`).length - 1;
    expect(names.map(sizeQuestions)).toEqual(names.map(() => 1));
    if (tls === 'off') {
      expect(receipt.certificate).toBeNull();
      expect(receipt.warnings.join(' ')).toMatch(/password .* unencrypted/);
    } else {
      expect(receipt.certificate).toEqual({ fingerprint: server.fingerprint, by: 'fingerprint' });
      expect(receipt.warnings).toEqual([]);
    }
  });
});

describe('shipFtp security and resume (real vsftpd, explicit TLS)', () => {
  let server: TestFtpd;
  beforeAll(async () => {
    server = await startFtpd({ tls: 'explicit' });
  });
  afterAll(() => server.stop());
  const url = (dir: string) => `ftp://${server.user}@127.0.0.1:${server.port}/${dir}`;

  it('refuses an untrusted certificate before sending the user name or the password', async () => {
    const before = server.log().split('\n').length;
    const error = await rejection(
      shipFtp({ ...FAST, bundleDir: bundle, url: url('untrusted'), password: server.password }),
    );
    expect(error.code).toBe('TLS_CERT_UNTRUSTED');
    expect(error.message).toContain(server.fingerprint!);
    expect(error.message).toContain('subject CN=127.0.0.1');
    expect(error.message).toContain(`--trust-cert ${server.fingerprint}`);
    const session = server.log().split('\n').slice(before).join('\n');
    expect(session).toContain('AUTH TLS');
    expect(session).not.toMatch(/FTP command: .*"(USER|PASS)/);
  });

  it('refuses a certificate other than the one trusted', async () => {
    const other = `SHA256:${'AB:'.repeat(31)}AB`;
    const error = await rejection(
      shipFtp({ ...FAST, bundleDir: bundle, url: url('other'), password: server.password, trustedCertificate: other }),
    );
    expect(error.code).toBe('TLS_CERT_UNTRUSTED');
    expect(error.message).toMatch(/NOT the certificate you trusted/);
  });

  it('says AUTH_FAILED for a wrong password, without retrying', async () => {
    const error = await rejection(
      shipFtp({
        ...FAST,
        bundleDir: bundle,
        url: url('wrong'),
        password: 'not it',
        trustedCertificate: server.fingerprint!,
      }),
    );
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toMatch(/530/);
  });

  it('says CONNECTION_REFUSED when nothing listens', async () => {
    const error = await rejection(
      shipFtp({ ...FAST, bundleDir: bundle, url: 'ftp://127.0.0.1:1/x', password: null, tls: 'off' }),
    );
    expect(error.code).toBe('CONNECTION_REFUSED');
  });

  it('skips complete files, resumes a partial one with APPE and replaces a larger one', async () => {
    const folder = path.join(server.root, 'resume');
    const [first, second] = names;
    const secondBytes = readFileSync(path.join(bundle, second!));
    placeOnServer(folder, first!, readFileSync(path.join(bundle, first!)), server.uid);
    placeOnServer(folder, second!, secondBytes.subarray(0, MiB), server.uid);
    placeOnServer(folder, 'README.txt', Buffer.alloc(4096, 1), server.uid);
    const proxy = await startFtpProxy(server);
    try {
      const receipt = await shipFtp({
        ...FAST,
        bundleDir: bundle,
        url: `ftp://${server.user}@[::1]:${proxy.port}/resume`,
        password: server.password,
        trustedCertificate: server.fingerprint!,
      });
      const byName = Object.fromEntries(receipt.files.map((f) => [f.name, f]));
      expect(byName[first!]!.status).toBe('already-there');
      expect(byName[second!]!.status).toBe('sent');
      expect(byName[second!]!.serverAnswer).toMatch(`resumed at byte ${MiB}`);
      expect(byName['README.txt']!.serverAnswer).toMatch(/replaced a larger 4096-byte file/);
      expect(sumsOf(folder)).toEqual(sumsOf(bundle));
      const rest = receipt.files
        .filter((f) => f.name !== first && f.name !== second)
        .reduce((sum, f) => sum + f.size, 0);
      // On the wire (TLS adds a few per cent): the remaining 2 MiB of the part and the small files, not the whole part again.
      expect(proxy.dataBytes()).toBeGreaterThan(2 * MiB + rest);
      expect(proxy.dataBytes()).toBeLessThan(2.2 * MiB + rest + 64 * 1024);
      expect(server.log()).toContain(`APPE ${second}`);
      // An existing folder: each file's size is asked before (resume) and after (verification).
      expect(server.log().split(`"SIZE ${second}"`).length - 1).toBe(2);
    } finally {
      await proxy.close();
    }
  });
});

describe('shipFtp when the server cannot be used', () => {
  it('says CONNECTION_TIMEOUT for a server that never answers, after the retries', async () => {
    const silent = await startSilentServer();
    try {
      const error = await rejection(
        shipFtp({
          ...FAST,
          timeoutMs: 200,
          retries: 1,
          bundleDir: bundle,
          url: `ftp://127.0.0.1:${silent.port}/x`,
          password: null,
          tls: 'off',
        }),
      );
      expect(error.code).toBe('CONNECTION_TIMEOUT');
      expect(error.message).toMatch(/Gave up after 2 attempts/);
    } finally {
      await silent.stop();
    }
  });

  it('stops before the login when the server offers no TLS (the default asks for it)', async () => {
    const plain = await startFtpd({ tls: 'off' });
    try {
      const error = await rejection(
        shipFtp({
          ...FAST,
          bundleDir: bundle,
          url: `ftp://${plain.user}@127.0.0.1:${plain.port}/x`,
          password: plain.password,
        }),
      );
      expect(error.code).toBe('UPLOAD_REJECTED');
      expect(error.message).toMatch(/does not offer TLS .*--tls off/);
      expect(plain.log()).toContain('AUTH TLS');
      expect(plain.log()).not.toMatch(/FTP command: .*"(USER|PASS)/);
    } finally {
      await plain.stop();
    }
  });
});

describe('shipFtp against a server that refuses the upload', () => {
  let server: TestFtpd | null = null;
  afterEach(async () => {
    await server?.stop();
    server = null;
  });

  it('marks each file UPLOAD_REJECTED with the server text when writing is off', async () => {
    server = await startFtpd({ config: ['write_enable=NO'] });
    mkdirSync(path.join(server.root, 'readonly'));
    const receipt = await shipFtp({
      ...FAST,
      bundleDir: bundle,
      url: `ftp://${server.user}@127.0.0.1:${server.port}/readonly`,
      password: server.password,
      tls: 'off',
    });
    expect(receipt.complete).toBe(false);
    for (const file of receipt.files) {
      expect(file.status).toBe('failed');
      expect(file.attempts).toBe(1);
      expect(file.error?.code).toBe('UPLOAD_REJECTED');
      expect(file.error?.message).toMatch(/550/);
    }
  });
});
