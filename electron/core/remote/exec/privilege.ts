import type { Client } from 'ssh2';
import { CasekitError } from '../../../shared/error-codes';
import { commandCancelled, commandLabel } from './exec-errors';
import { execRemote, type ExecOptions, type ExecResult } from './exec-remote';
import { command, toCommand, withEnv } from './shell-quote';
import { classifySudoRefusal, sudoNotAllowed, sudoPasswordRequired, sudoWrongPassword } from './sudo-errors';
import { runSudo, sudoRefusesUser } from './sudo-run';

export { probePrivileges, type PrivilegeProbe } from './probe-privileges';

export interface PrivilegedOptions extends ExecOptions {
  /**
   * Asked only when sudo wants a password and the account may use sudo at
   * all; resolve null if the user declines. The password goes to sudo's stdin
   * after its prompt appears: never into a command line, log or error.
   */
  sudoPassword?: () => Promise<string | null>;
}

/**
 * Runs a command as root: directly when the session user is root, else
 * through sudo, first without a password (`sudo -n`), then with one if sudo
 * asks and `sudoPassword` gives one. `what` is argv (quoted here) or a shell
 * command line. Rejects with SUDO_PASSWORD_REQUIRED, SUDO_WRONG_PASSWORD,
 * SUDO_NOT_ALLOWED, or PERMISSION_DENIED when sudo is missing.
 */
export async function runAsRoot(
  client: Client,
  sessionUser: string,
  what: readonly string[] | string,
  options: PrivilegedOptions = {},
): Promise<ExecResult> {
  const { sudoPassword, env, ...exec } = options;
  const commandLine = toCommand(what);
  const inner = withEnv(commandLine, env);
  const run = { ...exec, label: exec.label ?? commandLabel(commandLine) };
  if (sessionUser === 'root') return execRemote(client, inner, run);

  const first = await runSudo(client, sessionUser, inner, run);
  if (first.ran) return first.result;
  const refusal = classifySudoRefusal(first.said, first.exitCode, sessionUser);
  if (refusal !== 'password-required') throw refusal;
  if (await sudoRefusesUser(client, run)) throw sudoNotAllowed(sessionUser, 'may not run sudo');

  const password = sudoPassword ? await askPassword(sudoPassword, run.label, exec.signal) : null;
  if (password === null) throw sudoPasswordRequired(sessionUser, sudoPassword !== undefined);
  const second = await runSudo(client, sessionUser, inner, run, password);
  if (second.ran) return second.result;
  const failure = classifySudoRefusal(second.said, second.exitCode, sessionUser);
  // sudo asked again after getting a password: it did not accept it.
  throw failure === 'password-required' ? sudoWrongPassword(sessionUser) : failure;
}

export interface ServiceUserOptions extends PrivilegedOptions {
  /** The account the tools must run as (a vendor profile's service user); default `zimbra`. */
  user?: string;
}

/**
 * Runs a Zimbra tool as the zimbra user (or `options.user`) with its login
 * environment (`su - zimbra -c`), which the tools require: they refuse to run
 * as root. Checks first that the server has that user (ZIMBRA_USER_MISSING).
 */
export async function runAsZimbra(
  client: Client,
  sessionUser: string,
  what: readonly string[] | string,
  options: ServiceUserOptions = {},
): Promise<ExecResult> {
  const { env, user = 'zimbra', ...rest } = options;
  const commandLine = toCommand(what);
  await requireServiceUser(client, user, rest.signal);
  const su = command(['su', '-', user, '-c', withEnv(commandLine, env)]);
  return runAsRoot(client, sessionUser, su, { ...rest, label: rest.label ?? commandLabel(commandLine) });
}

async function requireServiceUser(client: Client, user: string, signal: AbortSignal | undefined): Promise<void> {
  const probe = command(['id', '-u', user]);
  const check = await execRemote(client, probe, { signal, timeoutMs: 15_000, label: probe });
  if (check.exitCode === 0) return;
  throw new CasekitError(
    'ZIMBRA_USER_MISSING',
    `This server has no ${user} user ("${probe}" said: ${check.stderr.toString().trim() || `exit status ${check.exitCode}`}), so Zimbra's tools cannot run here. Check that this is the Zimbra mail server and that Zimbra is installed on it.`,
  );
}

/** The password provider, abandoned (CANCELLED) if the operation is cancelled while the user is still typing. */
function askPassword(
  provider: () => Promise<string | null>,
  label: string,
  signal: AbortSignal | undefined,
): Promise<string | null> {
  if (!signal) return provider();
  const cancelled = () => commandCancelled(label, { kind: 'not-started' }, signal.reason);
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    provider().then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
