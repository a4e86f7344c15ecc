import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprintSha256 } from './host-key';
import { checkHostKey, formatKnownHostsLine, parseKnownHosts } from './known-hosts';
import { globMatches, hostFieldMatches, knownHostsName, parseHostField } from './known-hosts-match';

const dir = mkdtempSync(path.join(os.tmpdir(), 'casekit-known-hosts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let made = 0;
function key(type: string, bits?: number): { type: string; base64: string; blob: Buffer } {
  const file = path.join(dir, `k${made++}`);
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(bits ? ['-b', String(bits)] : []), '-N', '', '-f', file]);
  const [keyType, base64] = readFileSync(`${file}.pub`, 'utf8').split(' ');
  return { type: keyType!, base64: base64!, blob: Buffer.from(base64!, 'base64') };
}

const ed = key('ed25519');
const ed2 = key('ed25519');
const rsa = key('rsa', 2048);
const ec256 = key('ecdsa', 256);
const ec384 = key('ecdsa', 384);
const line = (hosts: string, k: { type: string; base64: string }) => `${hosts} ${k.type} ${k.base64}`;
const parse = (...lines: string[]) => parseKnownHosts(lines.join('\n'), '/kh');

describe('knownHostsName', () => {
  it('writes port 22 bare and other ports in brackets, lower-cased', () => {
    expect(knownHostsName('Mail.Example.COM', 22)).toBe('mail.example.com');
    expect(knownHostsName('mail', 2222)).toBe('[mail]:2222');
    expect(knownHostsName('::1', 2222)).toBe('[::1]:2222');
  });
});

describe('host patterns', () => {
  const matches = (field: string, host: string, port = 22) =>
    hostFieldMatches(parseHostField(field)!, knownHostsName(host, port));

  it('matches plain names and comma-separated lists, case-insensitively', () => {
    expect(matches('mail,10.0.0.5', '10.0.0.5')).toBe(true);
    expect(matches('MAIL.example.com', 'mail.EXAMPLE.com')).toBe(true);
    expect(matches('mail', 'mail2')).toBe(false);
  });

  it('treats * as any run and ? as exactly one character', () => {
    expect(matches('*.example.com', 'mx1.example.com')).toBe(true);
    expect(matches('*.example.com', 'example.com')).toBe(false);
    expect(matches('mx?.example.com', 'mx1.example.com')).toBe(true);
    expect(matches('mx?.example.com', 'mx12.example.com')).toBe(false);
    expect(matches('mx?.example.com', 'mx.example.com')).toBe(false);
    expect(globMatches('a.b', 'aXb')).toBe(false); // dots are literal
  });

  it('lets one matching negation exclude the line, and a line of negations match nothing', () => {
    expect(matches('*.example.com,!secret.example.com', 'secret.example.com')).toBe(false);
    expect(matches('*.example.com,!secret.example.com', 'mx.example.com')).toBe(true);
    expect(matches('!secret.example.com', 'mx.example.com')).toBe(false);
  });

  it('matches [host]:port only on that port, and a bare name only on port 22', () => {
    expect(matches('[mail]:2222', 'mail', 2222)).toBe(true);
    expect(matches('[mail]:2222', 'mail', 22)).toBe(false);
    expect(matches('mail', 'mail', 2222)).toBe(false);
    // OpenSSH never looks up "[host]:22": port 22 is always written bare
    expect(matches('[mail]:22', 'mail', 22)).toBe(false);
    expect(matches('[*.example.com]:*', 'mx.example.com', 2200)).toBe(true);
  });

  it('refuses malformed fields', () => {
    expect(parseHostField('a,,b')).toBeNull();
    expect(parseHostField('|2|abc|def')).toBeNull();
    expect(parseHostField('|1|c2hvcnQ=|c2hvcnQ=')).toBeNull();
  });
});

describe('parseKnownHosts', () => {
  it('reads markers, skips comments and blank lines, and reports bad lines by number', () => {
    const parsed = parseKnownHosts(
      [
        '# a comment',
        '',
        line('mail', ed),
        `@revoked * ${rsa.type} ${rsa.base64}`,
        `@cert-authority *.example.com ${ec256.type} ${ec256.base64}`,
        `@bogus mail ${ed.type} ${ed.base64}`,
        'mail ssh-ed25519',
        `mail ssh-rsa ${ed.base64}`,
        `  ${line('indented', ed2)} trailing comment\r`,
      ].join('\n'),
      '/home/ann/.ssh/known_hosts',
    );
    expect(parsed.entries.map((e) => [e.marker, e.line, e.keyType])).toEqual([
      [null, 3, 'ssh-ed25519'],
      ['revoked', 4, 'ssh-rsa'],
      ['cert-authority', 5, 'ecdsa-sha2-nistp256'],
      [null, 9, 'ssh-ed25519'],
    ]);
    expect(parsed.problems.map((p) => [p.line, p.message])).toEqual([
      [6, 'unknown marker @bogus'],
      [7, 'expected "hosts key-type base64-key"'],
      [8, 'the key is not a valid ssh-rsa key'],
    ]);
    expect(parsed.entries[0]!.file).toBe('/home/ann/.ssh/known_hosts');
  });

  it('matches entries hashed by ssh-keygen -H (HMAC-SHA1 of the name)', () => {
    const file = path.join(dir, 'hashed_known_hosts');
    writeFileSync(file, `${line('mail.example.com', ed)}\n${line('[10.1.2.3]:2222', rsa)}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('mail.example.com');
    const { entries } = parseKnownHosts(text, file);
    expect(entries.every((e) => e.hosts.kind === 'hashed')).toBe(true);
    expect(checkHostKey(entries, 'mail.example.com', 22, ed.type, ed.blob).status).toBe('trusted');
    expect(checkHostKey(entries, '10.1.2.3', 2222, rsa.type, rsa.blob).status).toBe('trusted');
    expect(checkHostKey(entries, '10.1.2.3', 22, rsa.type, rsa.blob).status).toBe('unknown');
    expect(checkHostKey(entries, 'mail.example.com', 22, ed2.type, ed2.blob).status).toBe('changed');
  });
});

describe('checkHostKey', () => {
  it('trusts a listed key and calls an unlisted host unknown', () => {
    const { entries } = parse(line('mail', ed));
    expect(checkHostKey(entries, 'mail', 22, ed.type, ed.blob)).toMatchObject({ status: 'trusted' });
    expect(checkHostKey(entries, 'other', 22, ed.type, ed.blob)).toEqual({ status: 'unknown', knownKeyTypes: [] });
  });

  it('reports a different key of the same type as changed, with the fingerprints it expected', () => {
    const { entries } = parse(line('mail', ed));
    const check = checkHostKey(entries, 'mail', 22, ed2.type, ed2.blob);
    expect(check).toMatchObject({ status: 'changed', expectedFingerprints: [fingerprintSha256(ed.blob)] });
  });

  it('calls a key unknown when only keys of other types are known, and says which', () => {
    const { entries } = parse(line('mail', rsa), line('mail', ec256));
    expect(checkHostKey(entries, 'mail', 22, ed.type, ed.blob)).toEqual({
      status: 'unknown',
      knownKeyTypes: ['ssh-rsa', 'ecdsa-sha2-nistp256'],
    });
    // ECDSA keys on other curves are other types, as in OpenSSH
    expect(checkHostKey(entries, 'mail', 22, ec384.type, ec384.blob).status).toBe('unknown');
  });

  it('trusts a key listed among other keys of its type (several lines, several files)', () => {
    const { entries } = parse(line('mail', ed2), line('mail', ed));
    expect(checkHostKey(entries, 'mail', 22, ed.type, ed.blob).status).toBe('trusted');
  });

  it('lets @revoked win over any line that trusts the key', () => {
    const { entries } = parse(line('mail', ed), `@revoked mail ${ed.type} ${ed.base64}`);
    expect(checkHostKey(entries, 'mail', 22, ed.type, ed.blob)).toMatchObject({ status: 'revoked' });
    const wildcard = parse(line('mail', ed), `@revoked * ${ed.type} ${ed.base64}`).entries;
    expect(checkHostKey(wildcard, 'mail', 22, ed.type, ed.blob).status).toBe('revoked');
    const elsewhere = parse(line('mail', ed), `@revoked other ${ed.type} ${ed.base64}`).entries;
    expect(checkHostKey(elsewhere, 'mail', 22, ed.type, ed.blob).status).toBe('trusted');
  });

  it('ignores @cert-authority lines for plain host keys', () => {
    const { entries } = parse(
      `@cert-authority mail ${ed.type} ${ed.base64}`,
      `@cert-authority mail ${ed2.type} ${ed2.base64}`,
    );
    expect(checkHostKey(entries, 'mail', 22, ed.type, ed.blob)).toEqual({ status: 'unknown', knownKeyTypes: [] });
  });
});

describe('formatKnownHostsLine', () => {
  it('writes lines OpenSSH finds, plain and hashed', () => {
    const file = path.join(dir, 'written_known_hosts');
    writeFileSync(
      file,
      `${formatKnownHostsLine('10.9.8.7', 2222, ed.type, ed.blob)}\n${formatKnownHostsLine('mail', 22, rsa.type, rsa.blob, { hashed: true })}\n`,
    );
    expect(readFileSync(file, 'utf8')).toMatch(/^\[10\.9\.8\.7\]:2222 ssh-ed25519 /);
    const find = (name: string) => spawnSync('ssh-keygen', ['-F', name, '-f', file], { encoding: 'utf8' });
    expect(find('[10.9.8.7]:2222').stdout).toContain(ed.base64);
    expect(find('mail').stdout).toContain(rsa.base64);
    expect(find('[mail]:2222').status).not.toBe(0);
  });

  it('is stable with a fixed salt and round-trips through the parser', () => {
    const salt = Buffer.alloc(20, 7);
    const text = formatKnownHostsLine('Mail', 2200, ed.type, ed.blob, { hashed: true, salt });
    expect(text).toBe(formatKnownHostsLine('mail', 2200, ed.type, ed.blob, { hashed: true, salt }));
    expect(checkHostKey(parse(text).entries, 'mail', 2200, ed.type, ed.blob).status).toBe('trusted');
  });

  it('refuses a name that would read as a pattern or a list', () => {
    expect(() => formatKnownHostsLine('*.example.com', 22, ed.type, ed.blob)).toThrow(/cannot be written/);
    expect(() => formatKnownHostsLine('a,b', 22, ed.type, ed.blob)).toThrow(/cannot be written/);
  });
});
