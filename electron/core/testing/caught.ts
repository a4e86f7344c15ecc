import { CasekitError } from '../../shared/error-codes';

/** The CasekitError a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function caught(promise: Promise<unknown>): Promise<CasekitError> {
  const outcome = await promise.then(
    (value: unknown) => ({ resolved: value }),
    (err: unknown) => ({ rejected: err }),
  );
  if ('resolved' in outcome)
    throw new Error(`expected a CasekitError, but it resolved with ${JSON.stringify(outcome.resolved)}`);
  if (!(outcome.rejected instanceof CasekitError))
    throw new Error(`expected a CasekitError, got ${String(outcome.rejected)}`);
  return outcome.rejected;
}
