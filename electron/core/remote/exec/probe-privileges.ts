import type { Client } from 'ssh2';
import { CasekitError } from '../../../shared/error-codes';
import { execRemote } from './exec-remote';

export interface PrivilegeProbe {
  isRoot: boolean;
  /** 'none': sudo is installed but this user may not use it; 'unavailable': sudo is not installed. */
  sudo: 'none' | 'nopasswd' | 'password' | 'unavailable';
  zimbraUser: boolean;
}

// Every sudo call is -n with stdin from /dev/null: the probe must never wait
// for a password. `sudo -n -v` tells "may not run sudo" from "a password is
// required", which `sudo -n true` does not. sudo is looked up on the session's own PATH, as runAsRoot will; id anywhere.
const PROBE = `t() { (PATH=$PATH:/usr/bin:/bin; "$@"); }
printf 'uid=%s\\n' "$(t id -u)"
if command -v sudo >/dev/null 2>&1; then
  if LC_ALL=C sudo -n true </dev/null >/dev/null 2>&1; then echo sudo=nopasswd
  else
    case $(LC_ALL=C sudo -n -v </dev/null 2>&1) in
      *'password is required'*) echo sudo=password ;;
      *) echo sudo=none ;;
    esac
  fi
else echo sudo=unavailable; fi
if t id -u zimbra >/dev/null 2>&1; then echo zimbra=yes; else echo zimbra=no; fi`;

/** What the session user can do on the server, for the Servers screen's "does sudo work" check. */
export async function probePrivileges(
  client: Client,
  sessionUser: string,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<PrivilegeProbe> {
  const result = await execRemote(client, PROBE, {
    signal: options.signal,
    timeoutMs: options.timeoutMs ?? 15_000,
    label: 'privilege check',
  });
  const answers = new Map(
    result.stdout
      .toString()
      .split('\n')
      .map((line) => line.split('=', 2) as [string, string | undefined]),
  );
  const sudo = answers.get('sudo');
  const uid = answers.get('uid');
  if (
    uid === undefined ||
    !/^\d+$/.test(uid) ||
    (sudo !== 'none' && sudo !== 'nopasswd' && sudo !== 'password' && sudo !== 'unavailable')
  )
    throw new CasekitError(
      'PERMISSION_DENIED',
      `Casekit could not check ${sessionUser}'s privileges on this server: the check printed "${result.stdout.toString().trim().slice(0, 200)}" (exit status ${result.exitCode}). Check that ${sessionUser}'s login shell is a POSIX shell (sh or bash).`,
    );
  return { isRoot: uid === '0', sudo, zimbraUser: answers.get('zimbra') === 'yes' };
}
