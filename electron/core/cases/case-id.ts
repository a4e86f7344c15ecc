import { caseIdSchema } from '../../shared/case-schemas';
import { CasekitError } from '../../shared/error-codes';
import { datedRandomId } from '../common/random-id';

/** `c-yyyymmdd-xxxxxxxx`: 40 random bits make a clash within one day practically impossible. */
export function newCaseId(date: Date): string {
  return datedRandomId('c', date);
}

export function isCaseId(value: string): boolean {
  return caseIdSchema.safeParse(value).success;
}

/**
 * Checks an id before it becomes part of a path. The id pattern has no dots or
 * slashes, so a valid id can never point outside `<home>/cases`.
 */
export function assertCaseId(id: string): string {
  const parsed = caseIdSchema.safeParse(id);
  if (parsed.success) return parsed.data;
  throw new CasekitError(
    'INVALID_INPUT',
    `${JSON.stringify(id)} is not a case id (${parsed.error.issues[0]?.message ?? 'wrong format'}). ` +
      'Use an id from the case list.',
  );
}
