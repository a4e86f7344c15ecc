import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caught } from '../../testing/caught';
import { makeTempHome } from '../../testing/temp-home';
import { readSshConfig } from './ssh-config-file';
import { resolveTarget } from './ssh-target';

let home: string;
let remove: () => Promise<void>;
beforeEach(async () => {
  ({ home, remove } = await makeTempHome());
  mkdirSync(path.join(home, '.ssh', 'config.d'), { recursive: true });
});
afterEach(() => remove());

const write = (relative: string, text: string) => writeFileSync(path.join(home, relative), text);
const resolve = async (spec: string) =>
  resolveTarget(spec, { sshConfigText: await readSshConfig(home), defaultUser: 'ann', homedir: home });

describe('readSshConfig', () => {
  it('is null without a config', async () => {
    expect(await readSshConfig(home)).toBeNull();
  });

  it('follows Include (relative to ~/.ssh, globbed and sorted) and keeps what follows it global', async () => {
    write('.ssh/config', 'Include config.d/*\nUser everyone\n\nHost direct\n  Port 2200\n');
    write('.ssh/config.d/10-mail', 'Host mail\n  HostName 10.0.0.5\n');
    write('.ssh/config.d/20-bastion', 'Host bastion\n  HostName 10.0.0.1\n  User ops\n');
    expect(await resolve('mail')).toMatchObject({ host: '10.0.0.5', user: 'everyone' });
    expect(await resolve('bastion')).toMatchObject({ host: '10.0.0.1', user: 'ops' });
    expect(await resolve('direct')).toMatchObject({ port: 2200, user: 'everyone' });
  });

  it('keeps an Include inside a Host block conditional, and the rest of the block in it', async () => {
    write('.ssh/config', `Host mail\n  Include ${path.join(home, 'mail.conf')}\n  Port 2222\nHost *\n  Port 22\n`);
    write('mail.conf', 'User zimbra\n');
    expect(await resolve('mail')).toMatchObject({ user: 'zimbra', port: 2222 });
    expect(await resolve('other')).toMatchObject({ user: 'ann', port: 22 });
  });

  it('skips Include lines that name nothing, as OpenSSH does', async () => {
    write('.ssh/config', 'Include missing.conf nothing/*\nHost m\n  User u\n');
    expect(await resolve('m')).toMatchObject({ user: 'u' });
  });

  it('refuses a file that includes itself', async () => {
    write('.ssh/config', 'Include config\n');
    expect((await caught(readSshConfig(home))).code).toBe('SSH_CONFIG_INVALID');
  });
});
