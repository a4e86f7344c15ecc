import { CASE_NUMBER_PATTERN } from '../../../electron/shared/case-schemas';

export type TitleError = 'validation.titleRequired' | 'validation.titleTooLong';
export type CaseNumberError = 'validation.caseNumber';

// Mirrors caseTitleSchema, so the user hears about it in their language before anything is sent.
const MAX_TITLE = 200;

export function titleError(raw: string): TitleError | null {
  const title = raw.trim();
  if (title === '') return 'validation.titleRequired';
  return title.length > MAX_TITLE ? 'validation.titleTooLong' : null;
}

/** Empty means "no case number yet"; otherwise exactly 8 digits, leading zeros kept. */
export function parseCaseNumber(
  raw: string,
): { ok: true; value: string | null } | { ok: false; error: CaseNumberError } {
  const value = raw.trim();
  if (value === '') return { ok: true, value: null };
  return CASE_NUMBER_PATTERN.test(value) ? { ok: true, value } : { ok: false, error: 'validation.caseNumber' };
}
