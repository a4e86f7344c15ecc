import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gateReads, openSftp } from '../../../../test/support/sshd/sftp-doubles';
import {
  sha256OfFile,
  startTransferFixture,
  writeLogFile,
  writeRandomFile,
  type TransferFixture,
} from '../../../../test/support/sshd/transfer-fixture';
import { caught } from '../../testing/caught';
import { fetchFile } from './fetch-file';
import { execVia, sha256Over } from './remote-shell';

// A live server's logs rotate and get truncated while we copy them. Each test
// holds the transfer at 40 % (reads past it wait), changes the file on the
// server, then lets the transfer go on.
const MB = 1024 * 1024;
const SIZE = 16 * MB;
const GATE = SIZE * 0.4;

let fx: TransferFixture;
let client: Client;
let remoteFile: string;
let localFile: string;

beforeAll(async () => {
  fx = await startTransferFixture();
  client = await fx.connect();
});
afterAll(() => fx.stop());

let n = 0;
beforeEach(async () => {
  n += 1;
  remoteFile = path.join(fx.remote, `mailbox-${n}.log`);
  localFile = path.join(fx.local, `mailbox-${n}.log`);
  await writeRandomFile(remoteFile, SIZE);
});

/** Runs fetchFile, and `change` once everything before the gate has been written locally. */
async function fetchChangingAtGate(change: () => Promise<void>, options = {}) {
  const gate = gateReads(await openSftp(client), GATE);
  let progressed = () => {};
  const beforeGateDone = new Promise<void>((resolve) => (progressed = resolve));
  const copying = fetchFile(gate.sftp, remoteFile, localFile, {
    ...options,
    onProgress: ({ bytesDone }) => bytesDone >= GATE - 261_120 && progressed(),
  });
  // Settled by the caller; until then a failure must not count as unhandled.
  copying.catch(() => undefined);
  await Promise.all([gate.reached, beforeGateDone]);
  await change();
  gate.open();
  return copying;
}

describe('fetchFile on a file that changes during the copy', () => {
  it('reports truncation as REMOTE_FILE_CHANGED and drops a .part that is no longer a prefix', async () => {
    // copytruncate, then new lines: same file, shorter, different bytes.
    const error = await caught(fetchChangingAtGate(() => fs.writeFile(remoteFile, randomBytes(MB))));
    expect(error.code).toBe('REMOTE_FILE_CHANGED');
    expect(error.message).toMatch(
      /changed on the server while it was being copied \(it shrank from 16777216 to 1048576 bytes\)/,
    );
    expect(existsSync(`${localFile}.part`)).toBe(false);
    expect(existsSync(localFile)).toBe(false);
  });

  it('cuts the .part to the new size when the file was truncated below what we had, keeping that prefix', async () => {
    const original = await fs.readFile(remoteFile);
    const error = await caught(fetchChangingAtGate(() => fs.truncate(remoteFile, MB)));
    expect(error.code).toBe('REMOTE_FILE_CHANGED');
    const kept = await fs.readFile(`${localFile}.part`);
    expect(kept.equals(original.subarray(0, MB))).toBe(true);
  });

  it('keeps the .part when the truncated file still starts with what was copied', async () => {
    const original = await fs.readFile(remoteFile);
    const error = await caught(fetchChangingAtGate(() => fs.truncate(remoteFile, Math.floor(SIZE * 0.6))));
    expect(error.code).toBe('REMOTE_FILE_CHANGED');
    const kept = await fs.readFile(`${localFile}.part`);
    expect(kept.length).toBeGreaterThanOrEqual(GATE - 261_120);
    expect(kept.equals(original.subarray(0, kept.length))).toBe(true);
  });

  it('reports rotation (rename, then a new file under the name) as REMOTE_FILE_CHANGED', async () => {
    const error = await caught(
      fetchChangingAtGate(async () => {
        await fs.rename(remoteFile, `${remoteFile}.1`);
        await writeRandomFile(remoteFile, SIZE);
      }),
    );
    expect(error.code).toBe('REMOTE_FILE_CHANGED');
    expect(error.message).toMatch(/its name now points at another file/);
    // What we have is a prefix of the rotated file, not of the one now under the name.
    expect(existsSync(`${localFile}.part`)).toBe(false);
    expect(existsSync(localFile)).toBe(false);
  });

  it('copies a log that grows meanwhile as it was when opened, and says so', async () => {
    await writeLogFile(remoteFile, SIZE);
    const before = await sha256OfFile(remoteFile);
    const result = await fetchChangingAtGate(() => fs.appendFile(remoteFile, 'one more line\n'), {
      remoteSha256: sha256Over(execVia(client)),
    });
    expect(result).toMatchObject({ bytes: SIZE, sha256: before, verified: 'sha256', grewDuringCopy: true });
    expect(await sha256OfFile(localFile)).toBe(before);
  });
});
