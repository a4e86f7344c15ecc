import { FTPError } from 'basic-ftp';
import { CasekitError } from '../../../shared/error-codes';

const NETWORK_LOST = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);
const LOCAL_IO = new Set(['ENOENT', 'EACCES', 'EISDIR', 'EIO', 'EMFILE', 'EPERM']);
// What basic-ftp says when a socket ends under it, in its own words.
const LOST_WORDS =
  /closed connection|FIN packet|Socket closed|transmission error|Client is closed|data connection|not connected|disconnected/i;

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The server's reply, trimmed to one line: it is untrusted text shown to the user. */
export function serverText(error: FTPError): string {
  return error.message.replace(/\s+/g, ' ').trim().slice(0, 300);
}

/**
 * Turns what basic-ftp or a socket threw into a CasekitError whose `retryable`
 * says whether a new connection may help: dropped connections, timeouts and 4xx
 * replies (421, 426, 450, 451…) are worth retrying; 5xx replies are the
 * server's final word (UPLOAD_REJECTED, or AUTH_FAILED at login).
 */
export function ftpError(error: unknown, where: string, stage: 'connect' | 'login' | 'transfer'): CasekitError {
  if (error instanceof CasekitError) return error;
  if (error instanceof FTPError) {
    const text = serverText(error);
    if (stage === 'login' && (error.code === 530 || error.code === 332 || error.code === 331)) {
      return new CasekitError(
        'AUTH_FAILED',
        `${where} refused the login: "${text}". Check the user name in the URL and the password (--password-env VAR or the saved one).`,
      );
    }
    if (error.code >= 400 && error.code < 500) {
      return new CasekitError('UPLOAD_FAILED', `${where} answered "${text}" (a temporary failure).`, {
        retryable: true,
      });
    }
    return new CasekitError('UPLOAD_REJECTED', `${where} refused it: "${text}".`, { retryable: false });
  }
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  const message = reason(error);
  if (code === 'ECONNREFUSED') {
    return new CasekitError(
      'CONNECTION_REFUSED',
      `${where} refused the connection: no FTP server listens there. Check the host and port in the URL.`,
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new CasekitError(
      'DNS_FAILED',
      `The name of ${where} could not be resolved (${code}). Check the host in the URL.`,
    );
  }
  if (code === 'ETIMEDOUT' || /timeout/i.test(message)) {
    return new CasekitError('CONNECTION_TIMEOUT', `${where} did not answer in time (${message}).`);
  }
  if (LOCAL_IO.has(code)) {
    return new CasekitError('IO_ERROR', `A local file could not be read: ${message}`, { retryable: false });
  }
  if (
    NETWORK_LOST.has(code) ||
    LOST_WORDS.test(message) ||
    /^ERR_SSL|^ERR_TLS/.test(code) ||
    code.startsWith('EPROTO')
  ) {
    return new CasekitError('CONNECTION_LOST', `The connection to ${where} was lost (${message}).`);
  }
  if (stage === 'connect') {
    return new CasekitError('CONNECTION_LOST', `Could not talk to ${where}: ${message}`);
  }
  return new CasekitError('UPLOAD_FAILED', `The upload to ${where} failed: ${message}`, { retryable: true });
}
