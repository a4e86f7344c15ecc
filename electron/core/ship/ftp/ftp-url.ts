import net from 'node:net';
import { CasekitError } from '../../../shared/error-codes';

export type FtpTls = 'explicit' | 'implicit' | 'off';

export interface FtpTarget {
  host: string;
  port: number;
  user: string;
  /** The case's folder, relative to the account's login folder (as curl reads an ftp:// path). */
  dir: string;
  tls: FtpTls;
  /** `ftp://user@host:port/dir`: where it went, without any secret. */
  destination: string;
}

export const ANONYMOUS = 'anonymous';
const IMPLICIT_PORT = 990;
const FTP_PORT = 21;

function invalid(message: string): CasekitError {
  return new CasekitError('INVALID_INPUT', message);
}

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw invalid(`The FTP URL's ${what} "${part}" has a broken %-escape.`);
  }
}

/**
 * Which TLS to use when the user did not say: `ftps://` on port 990 (its
 * default) is implicit TLS, `ftps://` on another port and `ftp://` are explicit
 * TLS (AUTH TLS), required, never silently dropped. Plain FTP only when the user
 * asks for it with `tls: 'off'`.
 */
function chooseTls(scheme: 'ftp' | 'ftps', port: number | null, asked: FtpTls | undefined): FtpTls {
  if (scheme === 'ftps' && asked === 'off') {
    throw invalid('An ftps:// URL asks for TLS, but --tls off turns it off: use ftp:// for plain FTP.');
  }
  if (asked !== undefined) return asked;
  if (scheme === 'ftps' && (port === null || port === IMPLICIT_PORT)) return 'implicit';
  return 'explicit';
}

/** Reads `ftp[s]://[user@]host[:port]/dir`; throws INVALID_INPUT saying what is wrong and how to write it. */
export function parseFtpUrl(text: string, tls?: FtpTls): FtpTarget {
  const example =
    'Write it as ftp://[user@]host[:port]/folder (or ftps://…), e.g. ftp://upload@ftp.example.com/case-00012345.';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(`"${text}" is not a URL. ${example}`);
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (scheme !== 'ftp' && scheme !== 'ftps') throw invalid(`"${scheme}:" is not an FTP URL. ${example}`);
  if (url.password !== '') {
    throw invalid(
      'The FTP URL carries a password: it would show in the process list and the shell history. Put it in an environment variable and name it with --password-env VAR.',
    );
  }
  if (url.search !== '' || url.hash !== '') throw invalid(`The FTP URL may not have a ?query or #fragment. ${example}`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw invalid(`The FTP URL names no server. ${example}`);
  if (host.includes('%') || (!net.isIP(host) && !/^[A-Za-z0-9.-]+$/.test(host))) {
    throw invalid(`"${host}" is not a server name or address.`);
  }
  const segments = url.pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decode(segment, 'folder'));
  for (const segment of segments) {
    if (segment === '.' || segment === '..' || /[\0\r\n/\\]/.test(segment)) {
      throw invalid(
        `The FTP folder may not contain "${segment.replace(/[\0\r\n]/g, '?')}": name the case's folder plainly.`,
      );
    }
  }
  if (segments.length === 0) {
    throw invalid(`The FTP URL names no folder: each case goes into its own. ${example}`);
  }
  const explicitPort = url.port === '' ? null : Number(url.port);
  const mode = chooseTls(scheme, explicitPort, tls);
  const port = explicitPort ?? (mode === 'implicit' ? IMPLICIT_PORT : FTP_PORT);
  const user = url.username === '' ? ANONYMOUS : decode(url.username, 'user name');
  if (/[\0\r\n]/.test(user)) throw invalid('The FTP user name may not contain line breaks.');
  const dir = segments.join('/');
  const hostPart = net.isIPv6(host) ? `[${host}]` : host;
  const userPart = user === ANONYMOUS ? '' : `${encodeURIComponent(user)}@`;
  const destination = `${scheme}://${userPart}${hostPart}:${port}/${segments.map(encodeURIComponent).join('/')}`;
  return { host, port, user, dir, tls: mode, destination };
}
