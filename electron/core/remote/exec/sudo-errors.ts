import { CasekitError } from '../../../shared/error-codes';

/** The end of what sudo said, for an error message: enough to recognise, never the password (sudo -S does not echo it). */
function excerpt(said: string): string {
  const text = said.trim().replace(/\s+/g, ' ');
  return text.length > 300 ? `…${text.slice(-300)}` : text;
}

/**
 * Why sudo refused, from its own words (in the C locale, which Casekit sets for it).
 * 'password-required' is not an error yet: a password may still be asked for.
 */
export function classifySudoRefusal(
  said: string,
  exitCode: number | null,
  user: string,
): 'password-required' | CasekitError {
  if (exitCode === 127 || /sudo: (command )?not found|sudo: No such file/i.test(said)) return sudoMissing(user);
  if (exitCode === 126) return sudoNotExecutable(user, said);
  if (/incorrect password attempt|Sorry, try again|authentication failure/i.test(said)) return sudoWrongPassword(user);
  if (/is not in the sudoers file|may not run sudo|not allowed to execute|is not allowed to run sudo/i.test(said))
    return sudoNotAllowed(user, said);
  if (/a password is required|a terminal is required|no tty present/i.test(said)) return 'password-required';
  return new CasekitError(
    'PERMISSION_DENIED',
    `sudo did not run the command as root for ${user}${exitCode === null ? '' : ` (exit status ${exitCode})`}: "${excerpt(said)}". Check sudo on the server (sudo -v as ${user}), or log in as root.`,
  );
}

export function sudoMissing(user: string): CasekitError {
  return new CasekitError(
    'PERMISSION_DENIED',
    `sudo is not installed on this server (or not on ${user}'s PATH), so Casekit cannot run commands as root while logged in as ${user}. Log in as root instead, or install sudo and allow ${user} to use it.`,
  );
}

function sudoNotExecutable(user: string, said: string): CasekitError {
  return new CasekitError(
    'PERMISSION_DENIED',
    `${user} may not execute sudo on this server ("${excerpt(said)}"; servers often limit sudo to a group such as wheel or sudo). Add ${user} to that group, or log in as root.`,
  );
}

export function sudoWrongPassword(user: string): CasekitError {
  return new CasekitError(
    'SUDO_WRONG_PASSWORD',
    `sudo rejected the password for ${user}. Enter ${user}'s own login password on the server (not root's), then try again; after several failures the account may be locked for a while.`,
  );
}

export function sudoNotAllowed(user: string, said: string): CasekitError {
  return new CasekitError(
    'SUDO_NOT_ALLOWED',
    `${user} may not run commands as root with sudo on this server ("${excerpt(said)}"). Ask the server's administrator to allow it in the sudoers file, or log in as root.`,
  );
}

export function sudoPasswordRequired(user: string, declined: boolean): CasekitError {
  return new CasekitError(
    'SUDO_PASSWORD_REQUIRED',
    declined
      ? `sudo needs ${user}'s password to run this as root, and none was entered. Enter the password to continue, or log in as root.`
      : `sudo needs ${user}'s password to run this as root, and Casekit was not given a way to ask for it. Enter the password when asked, allow ${user} NOPASSWD in sudoers, or log in as root.`,
  );
}

export function sudoPasswordUnusable(user: string): CasekitError {
  return new CasekitError(
    'SUDO_WRONG_PASSWORD',
    `The password entered for ${user} contains a line break or NUL character, which sudo cannot receive: it reads the password up to the first line break. Enter it again without one.`,
  );
}
