import { Client } from 'basic-ftp';
import net from 'node:net';
import tls, { type TLSSocket } from 'node:tls';
import { CasekitError } from '../../../shared/error-codes';
import { errorMessage } from '../../common/error-text';
import { distinguishedName, fingerprintOf } from '../ftp/ftp-certificate';
import type { FtpTarget } from '../ftp/index';

/** What the user sees before trusting a certificate nothing vouches for. */
export interface SeenCertificate {
  /** `SHA256:AB:CD:…`, as the channels pin it. */
  fingerprint: string;
  subjectName: string;
  issuer: string;
  /** ISO time. */
  validTo: string;
  /** The certificate itself, so a pinned one can be handed to TLS as trusted. */
  pem: string;
}

const PROBE_TIMEOUT_MS = 15_000;

function describe(socket: TLSSocket): SeenCertificate {
  const cert = socket.getPeerCertificate(true);
  if (!cert || Object.keys(cert).length === 0) {
    throw new CasekitError('TLS_CERT_UNTRUSTED', 'The server presented no certificate; nothing was sent.');
  }
  const validTo = new Date(cert.valid_to);
  const der = cert.raw.toString('base64');
  return {
    fingerprint: fingerprintOf(cert),
    subjectName: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    validTo: Number.isNaN(validTo.getTime()) ? cert.valid_to : validTo.toISOString(),
    pem: `-----BEGIN CERTIFICATE-----\n${(der.match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`,
  };
}

function probeFailed(where: string, error: unknown): CasekitError {
  return new CasekitError(
    'TLS_CERT_UNTRUSTED',
    `Casekit could not read the certificate of ${where} to show it to you (${errorMessage(error)}). Nothing was sent. Check the address and try again.`,
  );
}

const serverName = (host: string) => (net.isIP(host) === 0 ? { servername: host } : {});

/**
 * Reads the certificate a TLS server presents, sending nothing but the TLS
 * handshake (and, for explicit FTPS, `AUTH TLS`): no user name, no password,
 * no file. The channel checks the pinned fingerprint again on every connection.
 */
export async function probeHttpsCertificate(url: URL): Promise<SeenCertificate> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port === '' ? 443 : Number(url.port);
  return new Promise<SeenCertificate>((resolve, reject) => {
    const socket = tls.connect({ host, port, rejectUnauthorized: false, ...serverName(host) });
    socket.setTimeout(PROBE_TIMEOUT_MS, () => socket.destroy(new Error('no answer in time')));
    socket.once('secureConnect', () => {
      try {
        resolve(describe(socket));
      } catch (error) {
        reject(error instanceof CasekitError ? error : probeFailed(url.host, error));
      } finally {
        socket.end();
      }
    });
    socket.once('error', (error) => reject(probeFailed(url.host, error)));
  });
}

export async function probeFtpCertificate(target: FtpTarget): Promise<SeenCertificate> {
  const client = new Client(PROBE_TIMEOUT_MS);
  const options = { host: target.host, rejectUnauthorized: false, ...serverName(target.host) };
  try {
    if (target.tls === 'implicit') await client.connectImplicitTLS(target.host, target.port, options);
    else {
      await client.connect(target.host, target.port);
      await client.useTLS(options);
    }
    return describe(client.ftp.socket as TLSSocket);
  } catch (error) {
    throw error instanceof CasekitError ? error : probeFailed(target.destination, error);
  } finally {
    client.close();
  }
}
