import type { PeerCertificate, TLSSocket } from 'node:tls';
import { CasekitError } from '../../../shared/error-codes';
import { fingerprintOrNull, notAFingerprint } from './ftp-fingerprint';

/** Casekit's form of a certificate fingerprint (see ftp-fingerprint.ts); throws INVALID_INPUT if it is not one. */
export function normaliseFingerprint(text: string): string {
  const fingerprint = fingerprintOrNull(text);
  if (fingerprint === null) throw new CasekitError('INVALID_INPUT', notAFingerprint(text));
  return fingerprint;
}

export function fingerprintOf(certificate: PeerCertificate): string {
  return `SHA256:${certificate.fingerprint256}`;
}

/** A certificate's subject or issuer as one line (`CN=…, O=…`), for the user to compare. */
export function distinguishedName(name: PeerCertificate['subject'] | undefined): string {
  if (!name) return '(none)';
  const parts = Object.entries(name).map(
    ([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`,
  );
  return parts.length > 0 ? parts.join(', ') : '(none)';
}

export interface AcceptedCertificate {
  fingerprint: string;
  /** How it was accepted: by the system's certificate authorities, or pinned by the user. */
  by: 'authority' | 'fingerprint';
}

/**
 * Decides about the certificate of a TLS connection that was opened without
 * rejecting anything, before a single FTP command carrying a name or a
 * password is sent. Valid for the host by the known certificate authorities:
 * accepted. Otherwise only the exact certificate the user accepted after seeing
 * it (`trusted`) passes; anything else throws TLS_CERT_UNTRUSTED with what the
 * user needs to decide: fingerprint, subject, issuer, validity, and the flag.
 */
export function acceptCertificate(socket: TLSSocket, where: string, trusted: string | undefined): AcceptedCertificate {
  const certificate = socket.getPeerCertificate();
  if (!certificate || Object.keys(certificate).length === 0) {
    throw new CasekitError(
      'TLS_CERT_UNTRUSTED',
      `The FTPS server ${where} presented no certificate; nothing was sent.`,
    );
  }
  const fingerprint = fingerprintOf(certificate);
  if (socket.authorized) return { fingerprint, by: 'authority' };
  if (trusted !== undefined && normaliseFingerprint(trusted) === fingerprint) return { fingerprint, by: 'fingerprint' };
  const why = String(socket.authorizationError ?? 'not trusted');
  const seen =
    `SHA-256 fingerprint ${fingerprint}; subject ${distinguishedName(certificate.subject)}; ` +
    `issuer ${distinguishedName(certificate.issuer)}; valid ${certificate.valid_from} to ${certificate.valid_to}`;
  const changed =
    trusted === undefined
      ? ''
      : ` It is NOT the certificate you trusted (${normaliseFingerprint(trusted)}): the server's certificate changed, or someone is in between.`;
  throw new CasekitError(
    'TLS_CERT_UNTRUSTED',
    `The FTPS server ${where} presented a certificate that is not trusted (${why}): ${seen}.${changed} ` +
      'Nothing was sent: no user name, no password, no file. If you are sure this is the right server ' +
      '(compare the fingerprint with the one its owner gives you), trust exactly this certificate with ' +
      `--trust-cert ${fingerprint}`,
  );
}
