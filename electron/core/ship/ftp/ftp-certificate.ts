import type { PeerCertificate, TLSSocket } from 'node:tls';
import { CasekitError } from '../../../shared/error-codes';

const HEX_FINGERPRINT = /^(?:sha256:)?((?:[0-9a-f]{2}:?){31}[0-9a-f]{2})$/i;

/**
 * Accepts a certificate fingerprint as Casekit prints it (`SHA256:AB:CD:…`),
 * as `openssl x509 -fingerprint -sha256` prints it, or as 64 hex digits, and
 * returns Casekit's form. Throws INVALID_INPUT otherwise.
 */
export function normaliseFingerprint(text: string): string {
  const match = HEX_FINGERPRINT.exec(text.trim().replace(/^sha256 fingerprint=/i, ''));
  const hex = match?.[1]?.replace(/:/g, '').toUpperCase();
  if (hex === undefined || hex.length !== 64) {
    throw new CasekitError(
      'INVALID_INPUT',
      `"${text}" is not a SHA-256 certificate fingerprint: copy the SHA256:… value Casekit printed for the server.`,
    );
  }
  return `SHA256:${(hex.match(/../g) ?? []).join(':')}`;
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
