import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Client, ClientChannel } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSftp, slowReads } from '../../../../test/support/sshd/sftp-doubles';
import {
  sha256OfFile,
  startTransferFixture,
  writeLogFile,
  writeRandomFile,
  type TransferFixture,
} from '../../../../test/support/sshd/transfer-fixture';
import { caught } from '../../testing/caught';
import { fetchAuto } from './fetch-auto';
import {
  armCommand,
  collectOutput,
  execVia,
  rangeFromInputCommand,
  serverCompressors,
  sha256Over,
  type RemoteExec,
} from './remote-shell';
import { localZstd, streamFetch } from './stream-fetch';

const MB = 1024 * 1024;
const SIZE = 24 * MB;
const MTIME = new Date('2025-01-02T03:04:05Z');

let fx: TransferFixture;
let client: Client;
let log: string;
let logSha: string;

beforeAll(async () => {
  fx = await startTransferFixture();
  client = await fx.connect();
  log = path.join(fx.remote, 'mailbox.log');
  await writeLogFile(log, SIZE);
  await fs.utimes(log, MTIME, MTIME);
  logSha = await sha256OfFile(log);
});
afterAll(() => fx.stop());

const localFile = (name: string) => path.join(fx.local, name);

describe('streamFetch', () => {
  it('streams a file as it is, like scp, checked against sha256sum on the server', async () => {
    const target = localFile('plain.log');
    const seen: number[] = [];
    const result = await streamFetch(client, log, target, { onProgress: (p) => seen.push(p.bytesDone) });
    expect(result).toMatchObject({ bytes: SIZE, sha256: logSha, verified: 'sha256', resumedFrom: 0, wireBytes: SIZE });
    expect(await sha256OfFile(target)).toBe(logSha);
    expect((await fs.stat(target)).mtime.getTime()).toBe(MTIME.getTime());
    expect(existsSync(`${target}.part`)).toBe(false);
    expect(seen.at(-1)).toBe(SIZE);
  });

  it('resumes a plain stream after the bytes already in .part, sending only the rest', async () => {
    const target = localFile('plain-resumed.log');
    const head = (await fs.readFile(log)).subarray(0, 7 * MB + 3);
    await fs.writeFile(`${target}.part`, head);
    const result = await streamFetch(client, log, target);
    expect(result).toMatchObject({ resumedFrom: head.length, sha256: logSha, verified: 'sha256' });
    expect(result.wireBytes).toBe(SIZE - head.length);
  });

  it('stops when cancelled and keeps what arrived as a prefix for a resume', async () => {
    const target = localFile('plain-cancelled.log');
    const stop = new AbortController();
    const real = execVia(client);
    // The stream pauses after 3 MB, so the cancel lands mid-copy however fast the rest would be.
    const pausing: RemoteExec = (command) =>
      real(command.startsWith('from=') ? `{ ${command}; } | { head -c ${3 * MB}; sleep 5; cat; }` : command);
    const error = await caught(
      streamFetch(client, log, target, {
        exec: pausing,
        signal: stop.signal,
        onProgress: (p) => (p.bytesDone > 2 * MB ? stop.abort() : undefined),
      }),
    );
    expect(error.code).toBe('CANCELLED');
    const kept = await fs.readFile(`${target}.part`);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.equals((await fs.readFile(log)).subarray(0, kept.length))).toBe(true);
  });

  it('streams a log through gzip and gets it back identical, checked against sha256sum on the server', async () => {
    const target = localFile('gzip.log');
    const result = await streamFetch(client, log, target, { compressor: 'gzip' });
    expect(result).toMatchObject({ bytes: SIZE, sha256: logSha, verified: 'sha256', resumedFrom: 0 });
    expect(result.wireBytes).toBeLessThan(SIZE / 4);
    expect(await sha256OfFile(target)).toBe(logSha);
    expect((await fs.stat(target)).mtime.getTime()).toBe(MTIME.getTime());
  });

  it('resumes after the bytes already in .part', async () => {
    const target = localFile('resumed.log');
    const head = (await fs.readFile(log)).subarray(0, 5 * MB + 17);
    await fs.writeFile(`${target}.part`, head);
    const result = await streamFetch(client, log, target, { compressor: 'gzip' });
    expect(result).toMatchObject({ resumedFrom: head.length, sha256: logSha, verified: 'sha256' });
  });

  it('reports a missing file as NOT_FOUND and leaves nothing behind', async () => {
    const target = localFile('missing.log');
    const error = await caught(streamFetch(client, path.join(fx.remote, 'missing.log'), target));
    expect(error.code).toBe('NOT_FOUND');
    expect(existsSync(`${target}.part`)).toBe(false);
  });

  it.runIf(localZstd() !== null)('streams through zstd when Node can decompress it', async () => {
    const result = await streamFetch(client, log, localFile('zstd.log'), { compressor: 'zstd' });
    expect(result).toMatchObject({ sha256: logSha, verified: 'sha256' });
  });

  it.runIf(localZstd() === null)('refuses zstd on a Node that cannot decompress it', async () => {
    const error = await caught(streamFetch(client, log, localFile('zstd.log'), { compressor: 'zstd' }));
    expect(error.code).toBe('IO_ERROR');
  });

  it('hashes on the server with OpenSSL, or sha256sum where there is none, and says when it cannot', async () => {
    const real = execVia(client);
    const withSha256sum: RemoteExec = (command) => real(command.replace('command -v openssl', 'command -v no-openssl'));
    expect(await sha256Over(real)({ remotePath: log, bytes: SIZE })).toBe(logSha);
    expect(await sha256Over(withSha256sum)({ remotePath: log, bytes: SIZE })).toBe(logSha);
    const noHasher: RemoteExec = (command) => withSha256sum(command.replace('else sha256sum;', 'else no-sha256sum;'));
    expect(await sha256Over(noHasher)({ remotePath: log, bytes: SIZE })).toBeNull();
  });

  it('starts a command ahead, sends it the range when known, or ends it without one', async () => {
    const real = execVia(client);
    const armed = armCommand(real, rangeFromInputCommand(log));
    const output = await collectOutput(await armed.fire(5, 10), 1024);
    expect(output.stdout).toBe((await fs.readFile(log)).subarray(5, 15).toString('utf8'));
    let started: ClientChannel | undefined;
    const capturing: RemoteExec = async (command) => (started = await real(command));
    const abandoned = armCommand(capturing, 'read a b || { echo no range >&2; exit 3; }; echo "$a $b"');
    abandoned.abandon();
    await vi.waitFor(() => expect(started).toBeDefined());
    expect(await collectOutput(started as ClientChannel)).toEqual({ stdout: '', stderr: 'no range\n', code: 3 });
  });

  it('finds the compressors on the server', async () => {
    expect(await serverCompressors(execVia(client))).toEqual({ gzip: true, zstd: existsSync('/usr/bin/zstd') });
  });
});

describe('fetchAuto', () => {
  it('streams a large file on a fast link, and takes a small one by SFTP', async () => {
    const result = await fetchAuto(client, log, localFile('auto-fast.log'));
    expect(result).toMatchObject({ mode: 'stream', sha256: logSha, verified: 'sha256' });
    const small = await fetchAuto(client, log, localFile('auto-small.log'), { streamFrom: SIZE + 1 });
    expect(small).toMatchObject({ mode: 'sftp', sha256: logSha });
  });

  it('falls back to SFTP when the server cannot run the stream', async () => {
    const real = execVia(client);
    // As on a server without dd or head: every command that reads the file fails.
    const noHead: RemoteExec = (command) =>
      real(command.includes('if dd --version') ? 'echo "sh: 1: head: not found" >&2; exit 127' : command);
    const result = await fetchAuto(client, log, localFile('auto-nohead.log'), { exec: noHead });
    expect(result).toMatchObject({ mode: 'sftp', sha256: logSha });
  });

  it('switches to gzip mid-copy on a slow link, resuming after what SFTP brought', async () => {
    const slow = slowReads(await openSftp(client), 4 * MB);
    const result = await fetchAuto(client, log, localFile('auto-slow.log'), {
      sftp: slow,
      probeMs: 500,
      streamFrom: Infinity,
    });
    expect(result.mode).toBe('gzip');
    expect(result.resumedFrom).toBeGreaterThan(MB);
    expect(result).toMatchObject({ sha256: logSha, verified: 'sha256' });
  });

  it('keeps plain SFTP for data that does not compress, however slow the link', async () => {
    const random = path.join(fx.remote, 'random.bin');
    await writeRandomFile(random, 6 * MB);
    const slow = slowReads(await openSftp(client), 4 * MB);
    const result = await fetchAuto(client, random, localFile('random.bin'), {
      sftp: slow,
      probeMs: 500,
      streamFrom: Infinity,
    });
    // Decided from the first MB while copying on, so never stopped and restarted.
    expect(result).toMatchObject({ mode: 'sftp', resumedFrom: 0, sha256: await sha256OfFile(random) });
  });

  it('does what the user chose', async () => {
    const result = await fetchAuto(client, log, localFile('chosen.log'), { mode: 'gzip' });
    expect(result).toMatchObject({ mode: 'gzip', sha256: logSha });
  });
});
