import { FTPError } from 'basic-ftp';
import { describe, expect, it } from 'vitest';
import { CasekitError } from '../../../shared/error-codes';
import { ftpError } from './ftp-errors';

const reply = (code: number, message: string) => new FTPError({ code, message: `${code} ${message}` });
const errno = (code: string, message = code) => Object.assign(new Error(message), { code });
const where = 'The FTP server h:21';

describe('ftpError', () => {
  it.each([
    [reply(530, 'Login incorrect.'), 'login', 'AUTH_FAILED', false],
    [reply(553, 'Could not create file.'), 'transfer', 'UPLOAD_REJECTED', false],
    [reply(550, 'Permission denied.'), 'transfer', 'UPLOAD_REJECTED', false],
    [reply(426, 'Failure writing network stream.'), 'transfer', 'UPLOAD_FAILED', true],
    [reply(421, 'Timeout.'), 'transfer', 'UPLOAD_FAILED', true],
    [errno('ECONNREFUSED'), 'connect', 'CONNECTION_REFUSED', true],
    [errno('ENOTFOUND'), 'connect', 'DNS_FAILED', true],
    [errno('ETIMEDOUT'), 'connect', 'CONNECTION_TIMEOUT', true],
    [new Error('Timeout (data socket)'), 'transfer', 'CONNECTION_TIMEOUT', true],
    [errno('ECONNRESET'), 'transfer', 'CONNECTION_LOST', true],
    [new Error('Server sent FIN packet unexpectedly, closing connection.'), 'transfer', 'CONNECTION_LOST', true],
    [errno('EACCES', 'EACCES: permission denied, open part001'), 'transfer', 'IO_ERROR', false],
  ] as const)('%s at %s is %s', (error, stage, code, retryable) => {
    const mapped = ftpError(error, where, stage);
    expect(mapped.code).toBe(code);
    expect(mapped.retryable).toBe(retryable);
  });

  it("quotes the server's reply on one line", () => {
    const mapped = ftpError(new FTPError({ code: 553, message: '553-Not\r\n553 allowed here' }), where, 'transfer');
    expect(mapped.message).toContain('"553-Not 553 allowed here"');
  });

  it('keeps a CasekitError as it is', () => {
    const original = new CasekitError('TLS_CERT_UNTRUSTED', 'no');
    expect(ftpError(original, where, 'transfer')).toBe(original);
  });
});
