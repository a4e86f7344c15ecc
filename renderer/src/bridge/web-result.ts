import { z } from 'zod';
import { calls, type CallName, type CallOutput } from '../../../electron/shared/api-contract';
import { ERROR_CODES, type ErrorCode } from '../../../electron/shared/error-codes';
import { fail, ok, type Result } from '../../../electron/shared/result';

// Loose on purpose: a newer server may send an error code this build does not
// know yet, and the user should still see its message rather than "malformed".
const wireResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string(), retryable: z.boolean().optional() }),
  }),
]);

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

/**
 * Turns whatever the server answered into a `Result` the UI can trust: the
 * data is checked against the contract, so a server of another version cannot
 * hand the renderer a shape it does not expect.
 */
export function toResult<K extends CallName>(name: K, status: number, body: unknown): Result<CallOutput<K>> {
  const parsed = wireResultSchema.safeParse(body);
  if (!parsed.success) {
    if (status === 401 || status === 403) {
      return fail('UNAUTHORIZED', `The Casekit server refused the request (HTTP ${status}).`);
    }
    return fail(
      'BRIDGE_UNAVAILABLE',
      `The Casekit server gave an unexpected answer to ${name} (HTTP ${status}).`,
      true,
    );
  }
  const wire = parsed.data;
  if (!wire.ok) {
    const { code, message, retryable } = wire.error;
    if (!isErrorCode(code)) return fail('INTERNAL', `${code}: ${message}`);
    return { ok: false, error: { code, message, retryable: retryable ?? ERROR_CODES[code].retryable } };
  }
  const data = calls[name].output.safeParse(wire.data);
  if (!data.success) {
    return fail('INTERNAL', `The Casekit server answered ${name} with data this version does not understand.`);
  }
  // Sound: the data was just parsed with this very call's output schema, which
  // is what CallOutput<K> is derived from; TypeScript cannot follow that link.
  return ok(data.data as CallOutput<K>);
}
