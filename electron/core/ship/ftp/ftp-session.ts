import net from 'node:net';
import { type ConnectionOptions, rootCertificates, TLSSocket } from 'node:tls';
import { Client, FTPContext, FTPError } from 'basic-ftp';
import { CasekitError } from '../../../shared/error-codes';
import { acceptCertificate, type AcceptedCertificate, fingerprintOf } from './ftp-certificate';
import { ftpError } from './ftp-errors';
import { enterFolder } from './ftp-folder';
import { ANONYMOUS, type FtpTarget } from './ftp-url';

export interface FtpSessionOptions {
  target: FtpTarget;
  password: string | null;
  trustedCertificate?: string;
  /** Extra certificate authorities (PEM) trusted besides the system's. */
  caCertificates?: string[];
  timeoutMs: number;
}

export interface FtpSession {
  client: Client;
  certificate: AcceptedCertificate | null;
  /** Set when a data connection presented another certificate than the control connection. */
  certificateMismatch: CasekitError | null;
  /** The upload folder was created by this session's login: files not yet sent in it are known to be absent. */
  freshFolder: boolean;
}

/** `host:port` as the user wrote it, for messages. */
export function describeTarget(target: FtpTarget): string {
  return `${net.isIPv6(target.host) ? `[${target.host}]` : target.host}:${target.port}`;
}

/**
 * Every data connection must resume the control connection's TLS session or
 * present the very certificate accepted there: Node checks nothing on
 * connections opened with rejectUnauthorized false, so a data socket is
 * checked on its handshake, before basic-ftp (which waits for 'secureConnect')
 * writes a byte to it.
 */
function guardDataConnections(ftp: FTPContext, fingerprint: string, mismatch: (error: CasekitError) => void): void {
  const accessor = Object.getOwnPropertyDescriptor(FTPContext.prototype, 'dataSocket');
  if (!accessor?.get || !accessor.set) throw new Error('basic-ftp changed: FTPContext.dataSocket is not an accessor');
  const { get, set } = accessor;
  Object.defineProperty(ftp, 'dataSocket', {
    configurable: true,
    get() {
      return get.call(this) as unknown;
    },
    set(socket: unknown) {
      if (socket instanceof TLSSocket) {
        socket.once('secureConnect', () => {
          // A resumed session proves the peer holds the secrets of the checked control session
          // (and Node then shows no certificate); a fresh handshake must show the same certificate.
          if (socket.isSessionReused()) return;
          const seen = fingerprintOf(socket.getPeerCertificate());
          if (seen === fingerprint) return;
          const error = new CasekitError(
            'TLS_CERT_UNTRUSTED',
            `The FTPS data connection presented another certificate (${seen}) than the control connection (${fingerprint}): someone may be in between. Nothing more was sent.`,
          );
          mismatch(error);
          socket.destroy(error);
        });
      }
      set.call(this, socket);
    },
  });
}

/**
 * Connects, secures and logs in, then enters the case's folder (made if
 * missing). With TLS the certificate is decided on after the handshake and
 * before USER/PASS, so no name or password reaches a server that is not
 * trusted. Closes the client on any failure.
 */
export async function openFtpSession(
  options: FtpSessionOptions,
  onClient: (client: Client) => void,
): Promise<FtpSession> {
  const { target } = options;
  const where = `The FTP server ${describeTarget(target)}`;
  const client = new Client(options.timeoutMs);
  onClient(client);
  const session: FtpSession = { client, certificate: null, certificateMismatch: null, freshFolder: false };
  let stage: 'connect' | 'login' | 'transfer' = 'connect';
  try {
    const tlsOptions: ConnectionOptions = {
      host: target.host,
      // A certificate's name is checked here (not by Node) so that an untrusted one reaches acceptCertificate.
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
      ...(net.isIP(target.host) === 0 ? { servername: target.host } : {}),
      ...(options.caCertificates && options.caCertificates.length > 0
        ? // `ca` replaces Node's bundled authorities: extra ones must add to them, not narrow them.
          { ca: [...rootCertificates, ...options.caCertificates] }
        : {}),
    };
    if (target.tls === 'implicit') {
      await client.connectImplicitTLS(target.host, target.port, tlsOptions);
    } else {
      await client.connect(target.host, target.port);
      if (target.tls === 'explicit') {
        try {
          await client.useTLS(tlsOptions);
        } catch (error) {
          if (!(error instanceof FTPError)) throw error;
          throw new CasekitError(
            'UPLOAD_REJECTED',
            `${where} does not offer TLS (it answered AUTH TLS with "${error.message.trim()}"). Nothing was sent. If sending the password unencrypted is acceptable, run again with --tls off.`,
          );
        }
      }
    }
    if (target.tls !== 'off') {
      session.certificate = acceptCertificate(
        client.ftp.socket as TLSSocket,
        describeTarget(target),
        options.trustedCertificate,
      );
      guardDataConnections(
        client.ftp,
        session.certificate.fingerprint,
        (error) => (session.certificateMismatch = error),
      );
    }
    stage = 'login';
    // Only matters for a name with non-ASCII letters; some servers refuse it before login, which is fine.
    await client.sendIgnoringError('OPTS UTF8 ON');
    const password = options.password ?? (target.user === ANONYMOUS ? 'casekit@' : '');
    await client.login(target.user, password);
    stage = 'transfer';
    await client.useDefaultSettings();
    session.freshFolder = (await enterFolder(client, target.dir)).created;
    return session;
  } catch (error) {
    client.close();
    throw session.certificateMismatch ?? ftpError(error, where, stage);
  }
}
