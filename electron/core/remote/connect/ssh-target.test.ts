import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CasekitError } from '../../../shared/error-codes';
import { parseTargetSpec, resolveTarget, type ResolveOptions, type SshTarget } from './ssh-target';

const HOME = '/home/ann';
const resolve = (spec: string, sshConfigText: string | null = null, extra: Partial<ResolveOptions> = {}) =>
  resolveTarget(spec, { sshConfigText, defaultUser: 'ann', homedir: HOME, ...extra });
const hop = (t: SshTarget) => `${t.user}@${t.host}:${t.port}`;

function configError(run: () => unknown): CasekitError {
  try {
    run();
  } catch (err) {
    if (err instanceof CasekitError && err.code === 'SSH_CONFIG_INVALID') return err;
    throw err;
  }
  throw new Error('expected SSH_CONFIG_INVALID');
}

describe('parseTargetSpec', () => {
  it.each([
    ['mail.example.com', { user: null, host: 'mail.example.com', port: null }],
    ['zimbra@mail', { user: 'zimbra', host: 'mail', port: null }],
    ['mail:2222', { user: null, host: 'mail', port: 2222 }],
    ['root@10.0.0.5:22', { user: 'root', host: '10.0.0.5', port: 22 }],
    ['[::1]:2222', { user: null, host: '::1', port: 2222 }],
    ['ann@[fe80::1%eth0]', { user: 'ann', host: 'fe80::1%eth0', port: null }],
    ['2001:db8::5', { user: null, host: '2001:db8::5', port: null }],
    ['ssh://ops@bastion:2200', { user: 'ops', host: 'bastion', port: 2200 }],
    ['first.last@corp@mail', { user: 'first.last@corp', host: 'mail', port: null }],
  ])('reads %s', (spec, expected) => {
    expect(parseTargetSpec(spec)).toEqual(expected);
  });

  it.each([
    ['', /empty/],
    ['mail server', /spaces/],
    ['mail:0', /outside 1–65535/],
    ['mail:70000', /outside 1–65535/],
    ['mail:ssh', /not a number/],
    ['@mail', /user name/],
    ['[::1', /matching "]"/],
    ['[::1]22', /after "]"/],
    ['-oProxyCommand=evil', /not a host name/],
    ['mail;reboot', /not a host name/],
    ['zz::', /not a host name/],
  ])('refuses %j with a specific reason', (spec, why) => {
    const err = configError(() => parseTargetSpec(spec));
    expect(err.message).toMatch(why);
    expect(err.message).toContain('user@host');
  });
});

describe('resolveTarget', () => {
  it('uses the local user, port 22 and OpenSSH’s default keys without a config', () => {
    expect(resolve('mail')).toEqual({
      host: 'mail',
      port: 22,
      user: 'ann',
      identityFiles: [],
      jump: [],
      alias: null,
      legacyAlgorithms: false,
    });
  });

  it('applies HostName, User, Port and IdentityFile, first value winning as in OpenSSH', () => {
    const config = `
Host mail
  HostName %h.prod.example.com
  User zimbra
  Port 2222
  IdentityFile ~/.ssh/%h_%r_%u
  IdentityFile "%d/keys/with space/%p"
  IdentityFile relative/key%%1
Host *
  User nobody
  Port 22
  IdentityFile ~/.ssh/id_fallback
`;
    expect(resolve('mail', config)).toEqual({
      host: 'mail.prod.example.com',
      port: 2222,
      user: 'zimbra',
      identityFiles: [
        `${HOME}/.ssh/mail.prod.example.com_zimbra_ann`,
        `${HOME}/keys/with space/2222`,
        `${HOME}/relative/key%1`,
        `${HOME}/.ssh/id_fallback`,
      ],
      jump: [],
      alias: 'mail',
      legacyAlgorithms: false,
    });
    // what the user typed beats the config
    expect(hop(resolve('root@mail:2200', config))).toBe('root@mail.prod.example.com:2200');
    expect(hop(resolve('other', config))).toBe('nobody@other:22');
  });

  it('reads directives in any letter case', () => {
    expect(hop(resolve('m', 'Host m\n  hostname 10.1.1.1\n  USER ops\n  port 2022\n'))).toBe('ops@10.1.1.1:2022');
  });

  it('refuses unknown tokens, other users’ homes and bad ports, naming the directive', () => {
    expect(configError(() => resolve('m', 'Host m\n  IdentityFile ~/.ssh/%z\n')).message).toMatch(
      /IdentityFile for "m".*%z/,
    );
    expect(configError(() => resolve('m', 'Host m\n  IdentityFile ~bob/.ssh/id\n')).message).toMatch(/another user/);
    expect(configError(() => resolve('m', 'Host m\n  Port 99999\n')).message).toMatch(/Port for "m".*outside/);
    expect(configError(() => resolve('m', 'Host m\n  IdentityFile "unclosed\n')).message).toMatch(/could not be read/);
  });

  it('resolves a ProxyJump alias through the config, with its own user, port and keys', () => {
    const config = `
Host mail
  HostName 10.0.0.5
  ProxyJump bastion
Host bastion
  HostName bastion.example.com
  User ops
  Port 2200
  IdentityFile ~/.ssh/bastion_key
`;
    const target = resolve('mail', config);
    expect(hop(target)).toBe('ann@10.0.0.5:22');
    expect(target.jump).toEqual([
      {
        host: 'bastion.example.com',
        port: 2200,
        user: 'ops',
        identityFiles: [`${HOME}/.ssh/bastion_key`],
        jump: [],
        alias: 'bastion',
        legacyAlgorithms: false,
      },
    ]);
  });

  it('follows ProxyJump chains through aliases to any length', () => {
    const config = `
Host mail
  ProxyJump j3
Host j3
  HostName 10.3.0.1
  ProxyJump j2
Host j2
  HostName 10.2.0.1
  ProxyJump admin@j1:2201
Host j1
  HostName 10.1.0.1
`;
    expect(resolve('mail', config).jump.map(hop)).toEqual([
      'admin@10.1.0.1:2201',
      'ann@10.2.0.1:22',
      'ann@10.3.0.1:22',
    ]);
  });

  it('reads comma-separated lists like ssh -J: the list replaces later hops’ own ProxyJump', () => {
    const config = `
Host mail
  ProxyJump a,ops@b:2200,c
Host a
  ProxyJump z
Host b
  ProxyJump ignored-because-the-list-says-how
Host c
  ProxyJump also-ignored
`;
    expect(resolve('mail', config).jump.map(hop)).toEqual(['ann@z:22', 'ann@a:22', 'ops@b:2200', 'ann@c:22']);
  });

  it('honours ProxyJump none ahead of a catch-all', () => {
    const config = 'Host bastion\n  ProxyJump none\nHost *\n  ProxyJump bastion\n';
    expect(resolve('mail', config).jump.map(hop)).toEqual(['ann@bastion:22']);
    expect(resolve('bastion', config).jump).toEqual([]);
  });

  it('refuses ProxyJump loops and malformed hops', () => {
    const loop = configError(() => resolve('a', 'Host a\n  ProxyJump b\nHost b\n  ProxyJump a\n'));
    expect(loop.message).toContain('a → b → a');
    // a catch-all ProxyJump with no exception for the jump host loops in OpenSSH too
    expect(configError(() => resolve('mail', 'Host *\n  ProxyJump bastion\n')).message).toContain('loop');
    expect(configError(() => resolve('m', 'Host m\n  ProxyJump b:notaport\n')).message).toMatch(
      /ProxyJump for "m".*not a number/,
    );
  });

  it('refuses ProxyCommand, which would need Casekit to run a command', () => {
    expect(configError(() => resolve('m', 'Host m\n  ProxyCommand ssh -W %h:%p b\n')).message).toMatch(/ProxyJump/);
    expect(resolve('m', 'Host m\n  ProxyCommand none\n').jump).toEqual([]);
  });

  it('never runs Match exec commands from the config', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'casekit-match-exec-'));
    try {
      const marker = path.join(dir, 'ran');
      const target = resolve('m', `Match exec "touch ${marker}"\n  User hijacked\n`);
      expect(existsSync(marker)).toBe(false);
      expect(target.user).toBe('ann');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('turns legacy algorithms on when asked, or when the config already enables a legacy one', () => {
    expect(resolve('m', null, { legacyAlgorithms: true }).legacyAlgorithms).toBe(true);
    expect(resolve('m', 'Host m\n  Ciphers +aes256-cbc\n').legacyAlgorithms).toBe(true);
    expect(resolve('m', 'Host m\n  HostKeyAlgorithms +ssh-rsa\n').legacyAlgorithms).toBe(true);
    expect(resolve('m', 'Host m\n  Ciphers aes128-ctr,aes256-gcm@openssh.com\n').legacyAlgorithms).toBe(false);
  });
});
