import { describe, expect, it } from 'vitest';
import {
  checkSize,
  emailProblem,
  expiryInstant,
  ftpUrlProblem,
  LINK_SCHEMES,
  PORTAL_SCHEMES,
  resolveTls,
  tlsProblem,
  webUrlProblem,
} from './ship-inputs';

describe('sizes in the CLI notation', () => {
  it('reads what casekit pack --part-size reads', () => {
    expect(checkSize('9.5MiB')).toEqual({ ok: true, bytes: 9_961_472 });
    expect(checkSize('10MB')).toEqual({ ok: true, bytes: 10_000_000 });
    expect(checkSize(' 1024 ')).toEqual({ ok: true, bytes: 1024 });
  });

  it('says what is wrong', () => {
    expect(checkSize('')).toEqual({ ok: false, problem: 'required' });
    expect(checkSize('ten megabytes')).toEqual({ ok: false, problem: 'invalid' });
    expect(checkSize('-5MB')).toEqual({ ok: false, problem: 'invalid' });
    expect(checkSize('1023')).toEqual({ ok: false, problem: 'tooSmall' });
  });
});

describe('addresses', () => {
  it('takes FTP and FTPS with a user, never a password, query or fragment', () => {
    expect(ftpUrlProblem('ftp://upload@ftp.example.com/case')).toBeNull();
    expect(ftpUrlProblem('ftps://[::1]:2121/x')).toBeNull();
    expect(ftpUrlProblem(' ')).toBe('required');
    expect(ftpUrlProblem('ftp.example.com/case')).toBe('invalid');
    expect(ftpUrlProblem('sftp://ftp.example.com/')).toBe('scheme');
    expect(ftpUrlProblem('ftp://u:p@ftp.example.com/')).toBe('password');
    expect(ftpUrlProblem('ftp://ftp.example.com/?x=1')).toBe('query');
  });

  it('takes portal addresses over http(s) and links over https only, without credentials', () => {
    expect(webUrlProblem('https://support.example.com/upload', PORTAL_SCHEMES)).toBeNull();
    expect(webUrlProblem('http://127.0.0.1:8080/upload', PORTAL_SCHEMES)).toBeNull();
    expect(webUrlProblem('http://files.example.com/s/1', LINK_SCHEMES)).toBe('scheme');
    expect(webUrlProblem('https://me@files.example.com/s/1', LINK_SCHEMES)).toBe('credentials');
    expect(webUrlProblem('https://', LINK_SCHEMES)).toBe('invalid');
  });

  it('chooses TLS as casekit ship ftp does and refuses ftps:// without it', () => {
    expect(resolveTls('ftps://h/x', 'auto')).toBe('implicit');
    expect(resolveTls('ftps://h:990/x', 'auto')).toBe('implicit');
    expect(resolveTls('ftps://h:21/x', 'auto')).toBe('explicit');
    expect(resolveTls('ftp://h/x', 'auto')).toBe('explicit');
    expect(resolveTls('ftp://h/x', 'off')).toBe('off');
    expect(tlsProblem('ftps://h/x', 'off')).toBe('contradiction');
    expect(tlsProblem('ftp://h/x', 'off')).toBeNull();
  });
});

describe('other fields', () => {
  it('checks e-mail addresses, the sender being optional', () => {
    expect(emailProblem('support@zimbra.example', true)).toBeNull();
    expect(emailProblem('', true)).toBe('required');
    expect(emailProblem('', false)).toBeNull();
    expect(emailProblem('two words@example.com', false)).toBe('invalid');
  });

  it('turns the local expiry into an instant, empty meaning "does not expire"', () => {
    expect(expiryInstant('')).toEqual({ ok: true, iso: undefined });
    expect(expiryInstant('2025-03-12T18:00')).toEqual({ ok: true, iso: new Date('2025-03-12T18:00').toISOString() });
    expect(expiryInstant('soon')).toEqual({ ok: false });
  });
});
