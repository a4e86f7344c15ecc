import { CasekitError } from '../../shared/error-codes';

/**
 * The messages a user sees about a case. Kept in one place so that `list`
 * problems and thrown errors say exactly the same thing.
 */

/** A case folder Casekit will not touch: what is wrong with it and how the user can fix it. */
export interface UnusableCase {
  code: 'CASE_CORRUPT' | 'CASE_FROM_NEWER_VERSION';
  reason: string;
  fix: string;
}

const RESTORE = 'Casekit left it untouched: restore it from a backup or fix it by hand, then reopen the case.';

export function corruptCaseFile(reason: string): UnusableCase {
  return { code: 'CASE_CORRUPT', reason, fix: RESTORE };
}

export function caseFileMissing(folder: string): UnusableCase {
  return {
    code: 'CASE_CORRUPT',
    reason: `The case folder ${folder} has no case.json, so Casekit cannot tell which case it is.`,
    fix: 'Casekit left it untouched: restore case.json from a backup, or delete the folder by hand if it holds nothing you need.',
  };
}

export function caseIdMismatch(file: string, foundId: string, folderId: string): UnusableCase {
  return corruptCaseFile(
    `The case file ${file} says it belongs to case ${foundId}, but it sits in the folder of case ${folderId}.`,
  );
}

export function caseFromNewerVersion(file: string, version: number, understood: number): UnusableCase {
  return {
    code: 'CASE_FROM_NEWER_VERSION',
    reason:
      `The case file ${file} was written by a newer Casekit (format version ${version}; ` +
      `this Casekit understands version ${understood}).`,
    fix: 'Casekit left it untouched: update Casekit to open this case.',
  };
}

export function unusableCaseError(unusable: UnusableCase): CasekitError {
  return new CasekitError(unusable.code, `${unusable.reason} ${unusable.fix}`);
}

/** Deleting is refused for a case Casekit cannot read: it could not confirm the folder is that case. */
export function deleteRefusedError(folder: string, unusable: UnusableCase): CasekitError {
  return new CasekitError(
    unusable.code,
    `${unusable.reason} Casekit did not delete ${folder} because it cannot confirm the folder holds that case: ` +
      'if you no longer need it, delete the folder by hand.',
  );
}

export function caseNotFoundError(id: string, casesDir: string): CasekitError {
  return new CasekitError(
    'NOT_FOUND',
    `No case with id ${id} exists in ${casesDir}. It may have been deleted from another window; refresh the case list.`,
  );
}
