import type { ShipChannelInput } from '../../../shared/ship-api-schemas';
import type { SecretRef } from '../../secrets/credential-store';
import { ANONYMOUS, ftpPasswordRef, parseFtpUrl, shipFtp, type ShipFtpOptions } from '../ftp/index';
import { checkPortalUrl, portalTokenRef, shipPortal, type ShipPortalOptions } from '../portal/index';
import { portalDestination, PortalJournal } from '../portal/portal-journal';
import { listShipFiles } from '../ship-files';
import type { ShipFileResult, ShipProgress, ShipReceipt } from '../ship-types';
import type { PortalProfile } from '../../vendor/index';
import { probeFtpCertificate, probeHttpsCertificate, type SeenCertificate } from './tls-probe';

/** A certificate the user trusted for this shipment: its fingerprint, and the certificate for TLS to anchor on. */
export type TrustedCertificate = Pick<SeenCertificate, 'fingerprint' | 'pem'>;

/** Settings tests shorten (timeouts, retries); the user's choices come from the channel input. */
export interface ChannelTuning {
  ftp?: Pick<ShipFtpOptions, 'timeoutMs' | 'retries' | 'backoff'>;
  portal?: Pick<ShipPortalOptions, 'retry' | 'idleTimeoutMs' | 'concurrency'>;
}

export interface SendOptions {
  secret: string | null;
  trusted: TrustedCertificate | null;
  signal: AbortSignal;
  onProgress: (progress: ShipProgress) => void;
}

/** One channel as the ship job drives it. */
export interface ShipChannel {
  purpose: 'ftp-password' | 'portal-token';
  /** Where it goes, without credentials: shown in prompts. */
  subject: string;
  /** Anonymous FTP needs no password. */
  needsSecret: boolean;
  ref: SecretRef;
  send(options: SendOptions): Promise<ShipReceipt>;
  probe(): Promise<SeenCertificate>;
  /**
   * What reached the server when a run ended without a receipt (cancelled,
   * or stopped by an error): null when nothing did.
   */
  arrived(startedAt: string, last: ShipProgress | null): Promise<ShipFileResult[] | null>;
}

const notSent = (file: { name: string; size: number; sha256: string | null }): ShipFileResult => ({
  ...file,
  status: 'not-sent',
  attempts: 0,
  serverAnswer: null,
  error: null,
});

export function openChannel(
  input: ShipChannelInput,
  bundleDir: string,
  caseNumber: string,
  tuning: ChannelTuning,
  /** The vendor's portal: its field names, limit and concurrency, where the input gives none. */
  portal: PortalProfile,
): ShipChannel {
  if (input.kind === 'ftp') {
    const target = parseFtpUrl(input.url, input.tls);
    return {
      purpose: 'ftp-password',
      subject: target.destination,
      needsSecret: target.user !== ANONYMOUS,
      ref: ftpPasswordRef(target),
      send: ({ secret, trusted, signal, onProgress }) =>
        shipFtp({
          ...tuning.ftp,
          bundleDir,
          url: input.url,
          tls: input.tls,
          password: secret,
          ...(trusted === null ? {} : { trustedCertificate: trusted.fingerprint }),
          signal,
          onProgress,
        }),
      probe: () => probeFtpCertificate(target),
      // FTP sends one file after the other: the first `filesDone` are on the server.
      arrived: async (_startedAt, last) => {
        if (last === null || last.filesDone === 0) return null;
        const files = await listShipFiles(bundleDir);
        return files.map((file, index) =>
          index < last.filesDone ? { ...notSent(file), status: 'sent', attempts: 1 } : notSent(file),
        );
      },
    };
  }
  const url = checkPortalUrl(input.url);
  return {
    purpose: 'portal-token',
    subject: portalDestination(url),
    needsSecret: true,
    ref: portalTokenRef(input.url),
    send: ({ secret, trusted, signal, onProgress }) =>
      shipPortal({
        ...tuning.portal,
        bundleDir,
        url: input.url,
        caseNumber,
        token: secret ?? '',
        fields: portal.fields,
        limit: input.limit ?? portal.limit,
        concurrency: tuning.portal?.concurrency ?? portal.concurrency,
        ...(trusted === null ? {} : { trustedCertificate: trusted.fingerprint, caCertificates: [trusted.pem] }),
        signal,
        onProgress,
      }),
    probe: () => probeHttpsCertificate(url),
    // The portal sends several files at once; its journal says which were stored, and when.
    arrived: async (startedAt) => {
      const journal = await PortalJournal.open(bundleDir, url, caseNumber);
      const files = await listShipFiles(bundleDir);
      const results = files.map((file): ShipFileResult => {
        const entry = journal.entry(file.name);
        if (entry === undefined || (file.sha256 !== null && entry.sha256 !== file.sha256)) return notSent(file);
        const status = entry.storedAt >= startedAt ? 'sent' : 'already-there';
        return { ...file, status, attempts: status === 'sent' ? 1 : 0, serverAnswer: entry.serverAnswer, error: null };
      });
      return results.some((file) => file.status === 'sent') ? results : null;
    },
  };
}
