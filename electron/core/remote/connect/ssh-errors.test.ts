import { describe, expect, it } from 'vitest';
import { KexCapture } from './kex-capture';
import { describeHop, forwardError, mapConnectError, timeoutError } from './ssh-errors';
import type { SshTarget } from './ssh-target';

const target = (host: string, port: number, alias: string | null = null): SshTarget => ({
  host,
  port,
  user: 'root',
  identityFiles: [],
  jump: [],
  alias,
  legacyAlgorithms: false,
});
const withCode = (message: string, code: string | number, extra: object = {}) =>
  Object.assign(new Error(message), { code, ...extra });

describe('describeHop', () => {
  it('names a direct server, a jump host and a target behind jumps', () => {
    expect(describeHop(target('10.0.0.5', 22), 0, 1)).toBe('10.0.0.5:22');
    expect(describeHop(target('::1', 2222), 0, 1)).toBe('[::1]:2222');
    expect(describeHop(target('b.example.com', 22, 'bastion'), 0, 3)).toBe(
      'jump host 1 of 2, bastion (b.example.com:22)',
    );
    expect(describeHop(target('10.0.0.5', 22, 'mail'), 1, 2)).toBe('mail (10.0.0.5:22) (via 1 jump host)');
  });
});

describe('mapConnectError', () => {
  const where = 'mail:22';
  it.each([
    ['ENOTFOUND', 'DNS_FAILED', true],
    ['EAI_AGAIN', 'DNS_FAILED', true],
    ['ECONNREFUSED', 'CONNECTION_REFUSED', true],
    ['ETIMEDOUT', 'CONNECTION_TIMEOUT', true],
    ['EHOSTUNREACH', 'CONNECTION_TIMEOUT', true],
    ['ENETUNREACH', 'CONNECTION_TIMEOUT', true],
    ['ECONNRESET', 'CONNECTION_LOST', true],
    ['EPIPE', 'CONNECTION_LOST', true],
  ])('maps %s to %s', (code, expected, retryable) => {
    const err = mapConnectError(withCode(`connect ${code}`, code), { where });
    expect(err.code).toBe(expected);
    expect(err.retryable).toBe(retryable);
    expect(err.message).toContain(where);
  });

  it('maps keepalive loss, server disconnects and login-ending disconnects', () => {
    expect(mapConnectError(new Error('Keepalive timeout'), { where }).message).toMatch(/stopped answering keepalive/);
    expect(mapConnectError(withCode('Too many authentication failures', 2), { where }).code).toBe('AUTH_FAILED');
    expect(mapConnectError(withCode('No more authentication methods available', 14), { where }).code).toBe(
      'AUTH_FAILED',
    );
    const shutdown = mapConnectError(withCode('Server shutting down', 11), { where });
    expect(shutdown).toMatchObject({ code: 'CONNECTION_LOST' });
    expect(shutdown.message).toContain('"Server shutting down"');
  });

  it('names the key exchange or MAC family that did not match, from what the handshake saw', () => {
    const kex = new KexCapture();
    kex.debug("Remote ident: 'SSH-2.0-OpenSSH_5.3'");
    kex.debug('Handshake: (local) KEX method: curve25519-sha256,ecdh-sha2-nistp256');
    kex.debug('Handshake: (remote) KEX method: diffie-hellman-group1-sha1');
    kex.debug('Handshake: (remote) C->S MAC: hmac-md5');
    const noKex = mapConnectError(new Error('Handshake failed: no matching key exchange algorithm'), { where, kex });
    expect(noKex.code).toBe('NO_COMMON_ALGORITHM');
    expect(noKex.message).toContain('mail:22 (OpenSSH_5.3) and Casekit have no key exchange method in common');
    expect(noKex.message).toContain('The server offers only: diffie-hellman-group1-sha1.');
    expect(noKex.message).toContain('Casekit offered: curve25519-sha256, ecdh-sha2-nistp256.');
    const noMac = mapConnectError(new Error('Handshake failed: no matching C->S MAC'), { where, kex, legacy: true });
    expect(noMac.message).toContain('no MAC in common');
    expect(noMac.message).toContain('already enabled');
  });
});

describe('forwardError', () => {
  const fail = (reason: number, description: string) =>
    forwardError(
      Object.assign(new Error(`(SSH) Channel open failure: ${description}`), { reason }),
      'jump host 1 of 1, b:22',
      'mail:22',
    );
  it('tells a refusing jump host from an unreachable next hop', () => {
    expect(fail(1, 'administratively prohibited: open failed')).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(fail(2, 'Connection refused').code).toBe('CONNECTION_REFUSED');
    expect(fail(2, 'Name or service not known').code).toBe('DNS_FAILED');
    expect(fail(2, 'Connection timed out').code).toBe('CONNECTION_TIMEOUT');
    expect(fail(4, 'resource shortage').code).toBe('CONNECTION_LOST');
    expect(fail(2, 'Connection refused').message).toContain(
      'jump host 1 of 1, b:22 could not connect onward to mail:22',
    );
  });
});

describe('timeoutError', () => {
  it('says which phase stalled', () => {
    expect(timeoutError('mail:22', 'tcp', 20_000).message).toContain('no TCP connection to mail:22 within 20 s');
    expect(timeoutError('mail:22', 'ssh', 1_500).message).toContain('did not complete an SSH handshake within 1.5 s');
    expect(timeoutError('mail:22', 'login', 20_000).message).toContain('stopped answering during the login');
  });
});
