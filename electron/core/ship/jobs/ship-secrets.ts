import { CasekitError } from '../../../shared/error-codes';
import type { PromptBroker } from '../../remote/servers/prompt-broker';
import type { CredentialStore, SecretRef } from '../../secrets/credential-store';
import type { SeenCertificate } from './tls-probe';

/** FTP and the portal are reached directly: every prompt is about the target itself. */
export const DIRECT_HOP = { role: 'target', position: 1, jumpHosts: 0 } as const;

export interface SecretSource {
  /** The secret for this attempt: the keychain's on attempt 1, else the user's; null when the user gave none. */
  get(attempt: number): Promise<string | null>;
  /** The server accepted the current secret: keep it if the user asked to. Problems are returned, never thrown. */
  accepted(): Promise<string | null>;
}

export interface SecretSourceOptions {
  broker: PromptBroker;
  store: CredentialStore;
  canRemember: boolean;
  ref: SecretRef;
  purpose: 'ftp-password' | 'portal-token';
  /** The address without credentials, shown to the user. */
  subject: string;
  signal: AbortSignal;
}

/**
 * One shipment's secret: offered from the keychain first (a locked keychain
 * only means asking), then asked through the prompt broker. What the user
 * types reaches the keychain only if they ticked "remember" and the server took it.
 */
export function secretSource(opts: SecretSourceOptions): SecretSource {
  let toRemember: string | null = null;
  return {
    get: async (attempt) => {
      toRemember = null;
      if (attempt === 1) {
        const saved = await opts.store.get(opts.ref).catch(() => null);
        if (saved !== null && saved !== '') return saved;
      }
      const answer = await opts.broker.ask(
        {
          kind: 'secret',
          purpose: opts.purpose,
          subject: opts.subject,
          attempt,
          canRemember: opts.canRemember,
          hop: DIRECT_HOP,
        },
        { signal: opts.signal },
      );
      if (answer.kind !== 'secret') return null;
      if (answer.remember && opts.canRemember) toRemember = answer.value;
      return answer.value;
    },
    accepted: async () => {
      const value = toRemember;
      toRemember = null;
      if (value === null) return null;
      try {
        await opts.store.set(opts.ref, value);
        return null;
      } catch (error) {
        return `The ${opts.purpose === 'ftp-password' ? 'password' : 'token'} for ${opts.subject} was not saved in the keychain: ${(error as Error).message}`;
      }
    },
  };
}

/** The user gave no secret: nothing was sent, and the job says so. */
export function noSecretGiven(purpose: 'ftp-password' | 'portal-token', subject: string): CasekitError {
  const what = purpose === 'ftp-password' ? 'No password was given' : 'No token was given';
  return new CasekitError(
    'CANCELLED',
    `${what} for ${subject}, so nothing was sent. Start the shipment again when you have it.`,
  );
}

/** Asks whether to trust exactly this certificate; true only for an explicit "trust". */
export async function askCertificate(
  broker: PromptBroker,
  subject: string,
  seen: SeenCertificate,
  signal: AbortSignal,
): Promise<boolean> {
  const answer = await broker.ask(
    {
      kind: 'certificate',
      subject,
      fingerprint: seen.fingerprint,
      subjectName: seen.subjectName,
      issuer: seen.issuer,
      validTo: seen.validTo,
      hop: DIRECT_HOP,
    },
    { signal },
  );
  return answer.kind === 'certificate' && answer.trust;
}
