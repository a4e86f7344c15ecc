import type { AgentOptions } from 'node:https';
import tls, { rootCertificates } from 'node:tls';
import { fingerprintOf, normaliseFingerprint } from '../ftp/ftp-certificate';

export interface PinnedTls {
  /** `SHA256:…` of a certificate the user accepted after seeing it; it passes even if its name does not match. */
  trustedCertificate?: string;
  /** Certificates (PEM) trusted besides the system's authorities: the pinned certificate itself goes here. */
  caCertificates?: string[];
}

/**
 * TLS options for the portal's agent. The system's authorities stay trusted;
 * extra certificates are added to them (`allowPartialTrustChain`, so a pinned
 * server certificate that is not self-signed anchors its own chain), and only
 * the pinned fingerprint skips the host name check. Anything else is refused
 * by Node before a byte of the request (token included) is sent.
 */
export function pinnedTlsOptions(options: PinnedTls): AgentOptions {
  const extra = options.caCertificates ?? [];
  const pinned =
    options.trustedCertificate === undefined ? undefined : normaliseFingerprint(options.trustedCertificate);
  if (extra.length === 0 && pinned === undefined) return {};
  return {
    ...(extra.length > 0 ? { ca: [...rootCertificates, ...extra], allowPartialTrustChain: true } : {}),
    checkServerIdentity: (host, cert) =>
      pinned !== undefined && fingerprintOf(cert) === pinned ? undefined : tls.checkServerIdentity(host, cert),
  };
}
