import type { ApiError, ErrorCode } from './error-codes';
import { ERROR_CODES } from './error-codes';

/** What every call returns on both bridges: data or a typed error, never a thrown exception. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function fail<T = never>(code: ErrorCode, message: string, retryable?: boolean): Result<T> {
  return { ok: false, error: { code, message, retryable: retryable ?? ERROR_CODES[code].retryable } };
}
