import type { z } from 'zod';
import { CasekitError } from '../../shared/error-codes';

/**
 * Parses one value the way the API layer would. The stores check their inputs
 * again because the CLI and other core code call them without the dispatcher.
 */
export function parseField<S extends z.ZodType>(schema: S, value: unknown, field: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = [field, ...(issue?.path ?? []).map(String)].join('.');
  const reason = (issue?.message ?? 'invalid value').replace(/\.$/, '');
  throw new CasekitError('INVALID_INPUT', `${where}: ${reason}. Correct it and try again.`);
}
