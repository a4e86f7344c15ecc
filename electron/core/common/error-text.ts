import { CasekitError } from '../../shared/error-codes';

/** The message of anything that was thrown, without its stack. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : String(err);
}

/** The errno code (`ENOENT`, `EACCES`, …) of a Node file-system error, if it is one. */
export function errnoCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const code: unknown = err.code;
  return typeof code === 'string' ? code : undefined;
}

const DEFAULT_IO_ADVICE =
  'Check that the disk is not full and that your user account may read and write the Casekit data folder, then try again.';

/**
 * Wraps a file-system failure as IO_ERROR (retryable: full disks and locked
 * files are usually transient). `action` completes "Could not …", e.g.
 * "read the case file /x/case.json".
 */
export function ioError(action: string, err: unknown, advice: string = DEFAULT_IO_ADVICE): CasekitError {
  return new CasekitError('IO_ERROR', `Could not ${action} (${errorMessage(err)}). ${advice}`, { cause: err });
}
