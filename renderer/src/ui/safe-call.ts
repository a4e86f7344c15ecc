import { fail, type Result } from '../../../electron/shared/result';

/**
 * The contract promises a Result and never a rejection, but a bridge that is
 * half set up (a missing IPC handler, say) can still reject; the UI must then
 * show an error instead of waiting forever.
 */
export async function settle<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call();
  } catch (error) {
    return fail('INTERNAL', error instanceof Error ? error.message : String(error));
  }
}
