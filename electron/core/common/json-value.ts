import { CasekitError } from '../../shared/error-codes';
import { errorMessage } from './error-text';

/**
 * A deep copy through JSON. Job params and checkpoints are stored in the
 * journal, so a resumed job must see exactly what a fresh one saw: anything
 * JSON drops (undefined, functions, class instances) is dropped up front.
 */
export function toJsonValue(value: unknown, what: string): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (err) {
    throw new CasekitError(
      'INTERNAL',
      `${what} cannot be stored as JSON (${errorMessage(err)}). This is a bug in Casekit; please report it.`,
      { cause: err },
    );
  }
  return text === undefined ? null : (JSON.parse(text) as unknown);
}
