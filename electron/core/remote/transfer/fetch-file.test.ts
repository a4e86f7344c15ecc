import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionPid } from '../../../../test/support/sshd/remote-command';
import { gateReads, openSftp } from '../../../../test/support/sshd/sftp-doubles';
import {
  sha256OfFile,
  startTransferFixture,
  writeRandomFile,
  type TransferFixture,
} from '../../../../test/support/sshd/transfer-fixture';
import { caught } from '../../testing/caught';
import { fetchFile } from './fetch-file';
import type { TransferProgress } from './progress-meter';
import { execVia, sha256Over } from './remote-shell';

// Against a real OpenSSH sshd on 127.0.0.1 (internal-sftp), as root.
const MB = 1024 * 1024;
const SIZE = 32 * MB;
const MTIME = new Date('2024-02-29T12:34:56Z');

let fx: TransferFixture;
let client: Client;
let source: string;
let sourceSha: string;

beforeAll(async () => {
  fx = await startTransferFixture({ users: [{ name: 'casekit', uid: 2201 }] });
  client = await fx.connect();
  source = path.join(fx.remote, 'dump.bin');
  await writeRandomFile(source, SIZE);
  await fs.utimes(source, MTIME, MTIME);
  sourceSha = await sha256OfFile(source);
});
afterAll(() => fx.stop());

const localFile = (name: string) => path.join(fx.local, name);

/** How many of this process's file descriptors (any thread's) point at `file`. */
async function descriptorsOpenOn(file: string): Promise<number> {
  const links = await Promise.all(
    (await fs.readdir('/proc/self/fd')).map((fd) => fs.readlink(`/proc/self/fd/${fd}`).catch(() => '')),
  );
  return links.filter((link) => link === file).length;
}

describe('fetchFile', () => {
  it('copies a random binary file byte for byte, verified by the server, keeping its times and reporting progress', async () => {
    const target = localFile('copy.bin');
    const reports: TransferProgress[] = [];
    const result = await fetchFile(client, source, target, {
      remoteSha256: sha256Over(execVia(client)),
      onProgress: (progress) => reports.push(progress),
    });

    expect(result).toEqual({
      bytes: SIZE,
      sha256: sourceSha,
      resumedFrom: 0,
      verified: 'sha256',
      grewDuringCopy: false,
    });
    expect(await sha256OfFile(target)).toBe(sourceSha);
    expect((await fs.stat(target)).mtime.getTime()).toBe(MTIME.getTime());
    expect(existsSync(`${target}.part`)).toBe(false);
    expect(reports.length).toBeGreaterThan(1);
    expect(reports.every((report) => report.bytesTotal === SIZE)).toBe(true);
    const done = reports.map((report) => report.bytesDone);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(reports.at(-1)).toMatchObject({ bytesDone: SIZE, eta: 0 });
  });

  it('copies an empty file', async () => {
    const empty = path.join(fx.remote, 'empty.log');
    await fs.writeFile(empty, '');
    const result = await fetchFile(client, empty, localFile('empty.log'), {
      remoteSha256: sha256Over(execVia(client)),
    });
    expect(result.sha256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(result.verified).toBe('sha256');
    expect((await fs.stat(localFile('empty.log'))).size).toBe(0);
  });

  it('stops promptly when cancelled, keeps the .part, and a second call resumes to an identical file', async () => {
    const target = localFile('cancelled.bin');
    // Reads past half the file wait at a gate, so the cancel lands mid-transfer with requests outstanding.
    const gate = gateReads(await openSftp(client), SIZE / 2);
    const controller = new AbortController();
    let progressed = () => {};
    const thirdDone = new Promise<void>((resolve) => (progressed = resolve));
    const copying = caught(
      fetchFile(gate.sftp, source, target, {
        signal: controller.signal,
        onProgress: ({ bytesDone }) => bytesDone >= SIZE * 0.3 && progressed(),
      }),
    );
    await Promise.all([gate.reached, thirdDone]);
    const abortedAt = performance.now();
    controller.abort();
    const error = await copying;
    const stopMs = performance.now() - abortedAt;
    gate.open();

    expect(error.code).toBe('CANCELLED');
    expect(stopMs).toBeLessThan(500);
    expect(existsSync(target)).toBe(false);
    const kept = (await fs.stat(`${target}.part`)).size;
    expect(kept).toBeGreaterThanOrEqual(SIZE * 0.3);
    expect(kept).toBeLessThan(SIZE / 2 + 261_120);
    await expect.poll(() => descriptorsOpenOn(`${target}.part`)).toBe(0);

    const result = await fetchFile(client, source, target, { remoteSha256: sha256Over(execVia(client)) });
    expect(result).toMatchObject({ resumedFrom: kept, sha256: sourceSha, verified: 'sha256' });
    expect(await sha256OfFile(target)).toBe(sourceSha);
  });

  it('reports a cut connection as CONNECTION_LOST, and a new connection resumes with a matching checksum', async () => {
    const target = localFile('cut.bin');
    const doomed = await fx.connect();
    const pid = await sessionPid(doomed);
    const gate = gateReads(await openSftp(doomed), SIZE * 0.4);
    let progressed = () => {};
    const thirdDone = new Promise<void>((resolve) => (progressed = resolve));
    const copying = caught(
      fetchFile(gate.sftp, source, target, { onProgress: ({ bytesDone }) => bytesDone >= SIZE * 0.3 && progressed() }),
    );
    await Promise.all([gate.reached, thirdDone]);
    // Kill exactly the sshd process serving this connection: the server side goes away mid-transfer.
    process.kill(pid, 'SIGKILL');
    const error = await copying;

    expect(error.code).toBe('CONNECTION_LOST');
    const kept = (await fs.stat(`${target}.part`)).size;
    expect(kept).toBeGreaterThanOrEqual(SIZE * 0.3);
    expect(kept).toBeLessThan(SIZE * 0.4 + 261_120); // the last read before the gate may cross it

    const fresh = await fx.connect();
    const result = await fetchFile(fresh, source, target, { remoteSha256: sha256Over(execVia(fresh)) });
    expect(result).toMatchObject({ resumedFrom: kept, sha256: sourceSha, verified: 'sha256' });
  });

  it('refuses with LOCAL_DISK_FULL, naming needed and free space, before writing a byte', async () => {
    const target = localFile('no-room.bin');
    const error = await caught(fetchFile(client, source, target, { freeSpace: async () => 10 * MB }));
    expect(error.code).toBe('LOCAL_DISK_FULL');
    expect(error.message).toMatch(/needs 48\.0 MB but only 10\.0 MB is free/);
    expect(existsSync(`${target}.part`)).toBe(false);
    expect(existsSync(target)).toBe(false);
  });

  it('checks the real free space by default (a sparse 10 TiB remote file cannot fit)', async () => {
    const huge = path.join(fx.remote, 'huge.sparse');
    await fs.writeFile(huge, '');
    await fs.truncate(huge, 10 * 1024 ** 4);
    const target = localFile('huge.sparse');
    const error = await caught(fetchFile(client, huge, target));
    expect(error.code).toBe('LOCAL_DISK_FULL');
    expect(existsSync(`${target}.part`)).toBe(false);
  });

  it('discards the copy with TRANSFER_VERIFY_FAILED when the server’s checksum differs', async () => {
    const target = localFile('mismatch.bin');
    const error = await caught(fetchFile(client, source, target, { remoteSha256: async () => '0'.repeat(64) }));
    expect(error.code).toBe('TRANSFER_VERIFY_FAILED');
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.part`)).toBe(false);
  });

  it('falls back to the size check when the server cannot hash', async () => {
    const result = await fetchFile(client, source, localFile('size-only.bin'), { remoteSha256: async () => null });
    expect(result).toMatchObject({ verified: 'size', sha256: sourceSha });
  });

  it('names a missing file NOT_FOUND and an unreadable one PERMISSION_DENIED', async () => {
    expect((await caught(fetchFile(client, path.join(fx.remote, 'nope'), localFile('nope')))).code).toBe('NOT_FOUND');
    const secret = path.join(fx.remote, 'secret');
    await fs.writeFile(secret, 'root only');
    await fs.chmod(secret, 0o600);
    const casekit = await fx.connect({}, 'casekit');
    expect((await caught(fetchFile(casekit, secret, localFile('secret')))).code).toBe('PERMISSION_DENIED');
  });
});
