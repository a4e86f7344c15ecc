// Apart from ftp-certificate (which loads zod through CasekitError) so the CLI can check --trust-cert at start-up.

const HEX_FINGERPRINT = /^(?:sha256:)?((?:[0-9a-f]{2}:?){31}[0-9a-f]{2})$/i;

/**
 * Accepts a certificate fingerprint as Casekit prints it (`SHA256:AB:CD:…`),
 * as `openssl x509 -fingerprint -sha256` prints it, or as 64 hex digits, and
 * returns Casekit's form; null otherwise.
 */
export function fingerprintOrNull(text: string): string | null {
  const match = HEX_FINGERPRINT.exec(text.trim().replace(/^sha256 fingerprint=/i, ''));
  const hex = match?.[1]?.replace(/:/g, '').toUpperCase();
  if (hex === undefined || hex.length !== 64) return null;
  return `SHA256:${(hex.match(/../g) ?? []).join(':')}`;
}

export function notAFingerprint(text: string): string {
  return `"${text}" is not a SHA-256 certificate fingerprint: copy the SHA256:… value Casekit printed for the server.`;
}
