import type { Client } from 'ssh2';
import { CasekitError } from '../../../shared/error-codes';
import { runAsRoot } from './privilege';

/** The refusals a sudo check reports as its result; anything else (cancel, lost connection) is thrown. */
export type SudoRefusalCode =
  'SUDO_PASSWORD_REQUIRED' | 'SUDO_WRONG_PASSWORD' | 'SUDO_NOT_ALLOWED' | 'PERMISSION_DENIED';

export type SudoVerification =
  { status: 'verified'; passwordUsed: boolean } | { status: 'failed'; error: CasekitError & { code: SudoRefusalCode } };

export interface VerifySudoOptions {
  /**
   * Asked only when sudo wants a password; `attempt` counts from 1 and grows
   * after each password sudo rejected. Resolve null when the user declines.
   */
  password: (attempt: number) => Promise<string | null>;
  /** How many passwords to try before giving up (default 3, as for SSH passwords). */
  attempts?: number;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export const DEFAULT_SUDO_ATTEMPTS = 3;

const REFUSALS: ReadonlySet<string> = new Set<SudoRefusalCode>([
  'SUDO_PASSWORD_REQUIRED',
  'SUDO_WRONG_PASSWORD',
  'SUDO_NOT_ALLOWED',
  'PERMISSION_DENIED',
]);

const isRefusal = (err: unknown): err is CasekitError & { code: SudoRefusalCode } =>
  err instanceof CasekitError && REFUSALS.has(err.code);

/**
 * Whether sudo really works for `sessionUser`: runs `id -u` as root exactly
 * the way collection runs its commands (runAsRoot: `sudo -n` first, then
 * `sudo -S -p <marker>` with the password written only once the marker shows).
 * Running a command, rather than `sudo -v`, also catches sudoers rules that
 * accept the password but allow only some commands.
 *
 * A rejected password is asked again, up to `attempts` times; every other
 * refusal is final. Cancel, timeout and a lost connection are thrown.
 */
export async function verifySudo(
  client: Client,
  sessionUser: string,
  options: VerifySudoOptions,
): Promise<SudoVerification> {
  const attempts = options.attempts ?? DEFAULT_SUDO_ATTEMPTS;
  let passwordUsed = false;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const result = await runAsRoot(client, sessionUser, ['id', '-u'], {
        signal: options.signal,
        timeoutMs: options.timeoutMs ?? 30_000,
        label: 'sudo id -u',
        sudoPassword: () => {
          passwordUsed = true;
          return options.password(attempt);
        },
      });
      const uid = result.stdout.toString().trim();
      if (result.exitCode === 0 && uid === '0') return { status: 'verified', passwordUsed };
      return { status: 'failed', error: notRoot(sessionUser, uid, result.exitCode) };
    } catch (err) {
      if (!isRefusal(err)) throw err;
      if (err.code === 'SUDO_WRONG_PASSWORD' && attempt < attempts) continue;
      return { status: 'failed', error: err };
    }
  }
}

function notRoot(user: string, uid: string, exitCode: number | null): CasekitError & { code: 'PERMISSION_DENIED' } {
  const what = exitCode === 0 ? `ran as uid "${uid.slice(0, 40)}", not root` : `failed (exit status ${exitCode})`;
  return new CasekitError(
    'PERMISSION_DENIED',
    `sudo accepted ${user}, but "id -u" through sudo ${what}. Check the sudoers rules for ${user} (sudo -l on the server), or log in as root.`,
  ) as CasekitError & { code: 'PERMISSION_DENIED' };
}
