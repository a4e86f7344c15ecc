import type { Client } from 'ssh2';
import type { Hop, SudoCheck } from '../../../shared/server-schemas';
import type { LoginPoint, RemoteAccess } from './remote-access';
import type { SecretSession } from './secret-prompts';

export interface SudoCheckRequest {
  remote: RemoteAccess;
  client: Client;
  /** Who the session is logged in as on the server (whoami). */
  sessionUser: string;
  /** Where the sudo password is kept in the keychain: the login of the target server. */
  login: LoginPoint;
  /** The target's place in the chain, shown with the password prompt. */
  hop: Hop;
  secrets: SecretSession;
  signal?: AbortSignal;
}

/**
 * "Does sudo work": runs a command as root through sudo, asking for the sudo
 * password through the secret session (keychain first, then the user, again
 * after a rejected password). A password the user asked to remember is saved
 * only after sudo accepted it; `warnings` says if the keychain refused it.
 */
export async function checkSudo(request: SudoCheckRequest): Promise<{ check: SudoCheck; warnings: string[] }> {
  const { remote, client, sessionUser, login, hop, secrets, signal } = request;
  let fromKeychain = false;
  const verification = await remote.verifySudo(client, sessionUser, {
    signal,
    password: async (attempt) => {
      const savedBefore = secrets.usedSaved;
      const value = await secrets.sudoPassword(login, attempt, hop);
      fromKeychain = secrets.usedSaved > savedBefore;
      return value;
    },
  });
  if (verification.status === 'failed') {
    const { code, message } = verification.error;
    return { check: { status: 'failed', error: { code, message } }, warnings: [] };
  }
  const password = !verification.passwordUsed ? 'not-needed' : fromKeychain ? 'saved' : 'entered';
  return { check: { status: 'verified', password }, warnings: await secrets.commit() };
}
