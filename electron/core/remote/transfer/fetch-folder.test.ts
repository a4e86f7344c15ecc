import { execFileSync } from 'node:child_process';
import { existsSync, promises as fs, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Client, FileEntryWithStats, Stats } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addListingEntries, openSftp } from '../../../../test/support/sshd/sftp-doubles';
import { listFiles, startTransferFixture, type TransferFixture } from '../../../../test/support/sshd/transfer-fixture';
import { caught } from '../../testing/caught';
import { fetchFolder } from './fetch-folder';
import { isInside } from './safe-name';

let fx: TransferFixture;
let client: Client;
let root: string;

// Names a server can really have (Linux allows anything but '/' and NUL), some
// of which must not become local names, plus symlinks and a pipe.
beforeAll(async () => {
  fx = await startTransferFixture();
  client = await fx.connect();
  root = path.join(fx.remote, 'logs');
  const files: Record<string, string> = {
    'a/b/c.log': 'deep\n',
    '..%2f': 'literal percent-encoded dots\n',
    '..%2f..%2fescape.log': 'still one plain name\n',
    'back\\slash.log': 'a folder separator on Windows\n',
    'new\nline.log': 'a control character\n',
    'spaces & $(whoami).log': 'shell-looking\n',
    'línea-ü.log': 'unicode\n',
    'x.log': 'x\n',
    'x.log.part': 'would collide with the temporary file of x.log\n',
  };
  for (const [name, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await fs.writeFile(path.join(root, name), text);
  }
  await fs.symlink('/etc/hostname', path.join(root, 'outside-link'));
  await fs.symlink('a/b/c.log', path.join(root, 'inside-link'));
  await fs.symlink('a', path.join(root, 'folder-link'));
  execFileSync('mkfifo', [path.join(root, 'pipe')]);
});
afterAll(() => fx.stop());

describe('fetchFolder', () => {
  it('copies the tree, and only names that stay inside the local folder', async () => {
    const local = path.join(fx.local, 'one', 'logs');
    const parentBefore = await listFiles(fx.local);
    const result = await fetchFolder(client, root, local);

    expect(await listFiles(local)).toEqual(
      [
        '..%2f',
        '..%2f..%2fescape.log',
        'a/b/c.log',
        'inside-link',
        'línea-ü.log',
        'spaces & $(whoami).log',
        'x.log',
      ].sort(),
    );
    expect(await fs.readFile(path.join(local, 'inside-link'), 'utf8')).toBe('deep\n');
    expect(await fs.readFile(path.join(local, '..%2f'), 'utf8')).toBe('literal percent-encoded dots\n');
    for (const file of await listFiles(local)) expect(isInside(local, realpathSync(path.join(local, file)))).toBe(true);
    expect(await listFiles(fx.local)).toEqual(
      [...parentBefore, ...(await listFiles(local)).map((file) => path.join('one', 'logs', file))].sort(),
    );
    const reasons = Object.fromEntries(
      result.skipped.map(({ remotePath, reason }) => [path.basename(remotePath), reason]),
    );
    expect(reasons).toEqual({
      'back\\slash.log': 'the name contains a backslash',
      'new\nline.log': 'the name contains a NUL or another control character',
      'outside-link': 'the symlink points outside the folder (/etc/hostname)',
      'folder-link': 'the symlink points to a folder, which is not followed',
      pipe: 'it is not a regular file (device, socket or pipe)',
      'x.log.part': 'its name is the temporary name of x.log',
    });
    expect(result.files.every((file) => file.verified === 'size')).toBe(true);
  });

  it('does not copy again what is already complete', async () => {
    const local = path.join(fx.local, 'two');
    await fetchFolder(client, root, local);
    const again = await fetchFolder(client, root, local);
    expect(again.files.map((file) => file.verified)).toEqual(again.files.map(() => 'unchanged'));
  });

  it('skips whatever a malicious server lists to climb out, and writes nothing outside', async () => {
    const attrs = (mode: number): Stats => ({ mode, size: 5, uid: 0, gid: 0, atime: 0, mtime: 0 }) as unknown as Stats;
    const entry = (filename: string, mode = 0o100644): FileEntryWithStats => ({
      filename,
      longname: filename,
      attrs: attrs(mode),
    });
    const hostile = ['../escape.log', '/tmp/absolute.log', 'nul\0byte.log', '..\\..\\win.log', 'sub/../../up.log'];
    const sftp = addListingEntries(await openSftp(client), realpathSync(root), [
      ...hostile.map((name) => entry(name)),
      entry('..', 0o040755),
      entry('.', 0o040755),
    ]);
    const local = path.join(fx.local, 'three', 'inner');
    const result = await fetchFolder(sftp, root, local);

    expect(result.skipped.map(({ remotePath }) => remotePath.slice(realpathSync(root).length + 1))).toEqual(
      expect.arrayContaining(hostile),
    );
    expect(await listFiles(path.join(fx.local, 'three'))).toEqual(
      (await listFiles(local)).map((file) => path.join('inner', file)),
    );
    expect(existsSync(path.join(fx.local, 'three', 'escape.log'))).toBe(false);
    expect(existsSync('/tmp/absolute.log')).toBe(false);
  });

  it('refuses a local folder whose subfolder is a symlink leading elsewhere', async () => {
    const local = path.join(fx.local, 'four');
    const elsewhere = path.join(fx.local, 'elsewhere');
    await fs.mkdir(local, { recursive: true });
    await fs.mkdir(elsewhere);
    await fs.symlink(elsewhere, path.join(local, 'a'));
    const error = await caught(fetchFolder(client, root, local));
    expect(error.code).toBe('IO_ERROR');
    expect(error.message).toMatch(/leads outside/);
    expect(await listFiles(elsewhere)).toEqual([]);
  });
});
