import type { CredentialStore, SecretRef } from '../../secrets/credential-store';
import { secretAccount } from '../../secrets/credential-store';
import { errorMessage } from '../../common/error-text';
import type { Hop } from '../../../shared/server-schemas';
import type { PromptBroker } from './prompt-broker';
import type { KeyboardInteractiveRequest, LoginPoint, SecretPrompts } from './remote-access';

export interface SecretSession {
  prompts: SecretPrompts;
  /** The sudo password of `login` (the session user on the target), asked like the SSH password. */
  sudoPassword(login: LoginPoint, attempt: number, hop: Hop): Promise<string | null>;
  /** Saves the secrets the user asked to remember; call it only once the server accepted them. */
  commit(): Promise<string[]>;
  /** How many secrets came from the keychain rather than from the user. */
  readonly usedSaved: number;
}

export interface SecretSessionOptions {
  broker: PromptBroker;
  store: CredentialStore;
  canRemember: boolean;
  signal?: AbortSignal;
}

const where = (login: LoginPoint): string => `${login.user}@${login.host}:${login.port}`;

/**
 * The secret half of one connection attempt. A saved secret is offered first
 * (attempt 1 only: a second attempt means it was refused, so the user is asked);
 * what the user types is kept in the keychain only if they ticked "remember",
 * and only after the server accepted it, so a mistyped password is never saved.
 */
export function secretSession(opts: SecretSessionOptions): SecretSession {
  const { broker, store, canRemember, signal } = opts;
  const toRemember = new Map<string, { ref: SecretRef; value: string }>();
  let usedSaved = 0;

  async function saved(ref: SecretRef): Promise<string | null> {
    try {
      return await store.get(ref);
    } catch (err) {
      // A locked or broken keychain is no reason to fail the login: ask instead.
      console.warn(`[casekit] could not read the saved secret ${secretAccount(ref)}: ${errorMessage(err)}`);
      return null;
    }
  }

  async function secret(ref: SecretRef, subject: string, attempt: number, hop: Hop): Promise<string | null> {
    const account = secretAccount(ref);
    // A later attempt means the previous value was refused: it must not be remembered.
    toRemember.delete(account);
    if (attempt === 1) {
      const value = await saved(ref);
      if (value !== null) {
        usedSaved += 1;
        return value;
      }
    }
    const purpose = ref.kind === 'ssh-passphrase' || ref.kind === 'sudo-password' ? ref.kind : 'ssh-password';
    const answer = await broker.ask({ kind: 'secret', purpose, subject, attempt, canRemember, hop }, { signal });
    if (answer.kind !== 'secret') return null;
    if (answer.remember && canRemember) toRemember.set(account, { ref, value: answer.value });
    return answer.value;
  }

  const prompts: SecretPrompts = {
    passphrase: (keyFile, attempt, hop) => secret({ kind: 'ssh-passphrase', keyFile }, keyFile, attempt, hop),
    password: (login, attempt, hop) => secret({ kind: 'ssh-password', ...login }, where(login), attempt, hop),
    keyboardInteractive: async (login: LoginPoint, request: KeyboardInteractiveRequest, hop: Hop) => {
      const question = { kind: 'keyboardInteractive' as const, subject: where(login), ...request, hop };
      const answer = await broker.ask(question, { signal });
      return answer.kind === 'keyboardInteractive' ? answer.responses : null;
    },
  };

  return {
    prompts,
    sudoPassword: (login, attempt, hop) => secret({ kind: 'sudo-password', ...login }, where(login), attempt, hop),
    get usedSaved() {
      return usedSaved;
    },
    commit: async () => {
      const problems: string[] = [];
      for (const { ref, value } of toRemember.values()) {
        try {
          await store.set(ref, value);
        } catch (err) {
          problems.push(`The secret for ${secretAccount(ref)} was not saved: ${errorMessage(err)}`);
        }
      }
      toRemember.clear();
      return problems;
    },
  };
}
