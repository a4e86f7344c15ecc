import { CasekitError } from '../../../shared/error-codes';
import { errnoCode, errorMessage } from '../../common/error-text';

// SFTP status codes (draft-ietf-secsh-filexfer-02) as ssh2 puts them on `err.code`.
const SFTP_NO_SUCH_FILE = 2;
const SFTP_PERMISSION_DENIED = 3;

const codeOf = (err: unknown): unknown =>
  typeof err === 'object' && err !== null && 'code' in err ? (err as { code: unknown }).code : undefined;

export const cancelledError = (what: string): CasekitError =>
  new CasekitError('CANCELLED', `The copy of ${what} was cancelled; what arrived is kept so it can resume.`);

export const connectionLostError = (what: string, cause?: unknown): CasekitError =>
  new CasekitError(
    'CONNECTION_LOST',
    `The connection to the server was lost while copying ${what}; the part already copied is kept, so copying again resumes from there.`,
    { cause },
  );

export const remoteChangedError = (what: string, detail: string): CasekitError =>
  new CasekitError(
    'REMOTE_FILE_CHANGED',
    `${what} changed on the server while it was being copied (${detail}); it was probably rotated or truncated. Copy it again.`,
  );

/** True for ssh2's way of failing requests whose channel or connection closed under them. */
export function isConnectionGone(err: unknown): boolean {
  const message = errorMessage(err);
  return /No response from server|Channel (is )?(not open|closed)|Not connected|ECONNRESET|EPIPE|socket/i.test(message);
}

/** A failure of an SFTP call on `remotePath`, as the code the user can act on. */
export function remoteError(err: unknown, action: string, remotePath: string): CasekitError {
  if (err instanceof CasekitError) return err;
  const code = codeOf(err);
  if (code === SFTP_NO_SUCH_FILE)
    return new CasekitError('NOT_FOUND', `${remotePath} does not exist on the server.`, { cause: err });
  if (code === SFTP_PERMISSION_DENIED)
    return new CasekitError(
      'PERMISSION_DENIED',
      `The server refused to let this account ${action} ${remotePath}. Connect as a user that may read it.`,
      { cause: err },
    );
  if (isConnectionGone(err)) return connectionLostError(remotePath, err);
  return new CasekitError('IO_ERROR', `Could not ${action} ${remotePath} on the server (${errorMessage(err)}).`, {
    cause: err,
  });
}

/** A failure of the local disk while writing `localPath`. */
export function localError(err: unknown, action: string, localPath: string): CasekitError {
  if (err instanceof CasekitError) return err;
  const code = errnoCode(err);
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new CasekitError(
      'LOCAL_DISK_FULL',
      `The disk holding ${localPath} is full. Free some space and copy again; the part already copied is kept.`,
      { cause: err },
    );
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new CasekitError(
      'IO_ERROR',
      `Could not ${action} ${localPath}: this computer does not allow it (${code}).`,
      {
        cause: err,
      },
    );
  return new CasekitError('IO_ERROR', `Could not ${action} ${localPath} (${errorMessage(err)}).`, { cause: err });
}
