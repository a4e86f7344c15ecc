import { z } from 'zod';

/**
 * Every error that crosses the API carries one of these codes. The renderer
 * picks its message by code (i18n), so a code is never reused for another meaning.
 * `retryable` defaults come from here so that both bridges agree.
 */
export const ERROR_CODES = {
  INVALID_INPUT: { retryable: false },
  UNKNOWN_OPERATION: { retryable: false },
  NOT_FOUND: { retryable: false },
  CASE_CORRUPT: { retryable: false },
  CASE_FROM_NEWER_VERSION: { retryable: false },
  SETTINGS_CORRUPT: { retryable: false },
  IO_ERROR: { retryable: true },
  CANCELLED: { retryable: true },
  JOB_NOT_FOUND: { retryable: false },
  JOB_FINISHED: { retryable: false },
  UNAUTHORIZED: { retryable: false },
  FORBIDDEN_SENDER: { retryable: false },
  BRIDGE_UNAVAILABLE: { retryable: true },
  // Remote access (SSH): each names one thing the user can act on.
  SSH_CONFIG_INVALID: { retryable: false },
  DNS_FAILED: { retryable: true },
  CONNECTION_REFUSED: { retryable: true },
  CONNECTION_TIMEOUT: { retryable: true },
  CONNECTION_LOST: { retryable: true },
  HOST_KEY_UNKNOWN: { retryable: false },
  HOST_KEY_CHANGED: { retryable: false },
  HOST_KEY_REVOKED: { retryable: false },
  NO_COMMON_ALGORITHM: { retryable: false },
  AUTH_FAILED: { retryable: false },
  KEY_UNREADABLE: { retryable: false },
  PERMISSION_DENIED: { retryable: false },
  SUDO_PASSWORD_REQUIRED: { retryable: false },
  SUDO_WRONG_PASSWORD: { retryable: false },
  SUDO_NOT_ALLOWED: { retryable: false },
  ZIMBRA_USER_MISSING: { retryable: false },
  COMMAND_TIMEOUT: { retryable: true },
  REMOTE_FILE_CHANGED: { retryable: true },
  TRANSFER_VERIFY_FAILED: { retryable: true },
  LOCAL_DISK_FULL: { retryable: false },
  // Collecting from servers.
  ZMDIAGLOG_FAILED: { retryable: true },
  REMOTE_DISK_FULL: { retryable: false },
  // Packing and shipping.
  LEAK_CHECK_FAILED: { retryable: false },
  CONSENT_REQUIRED: { retryable: false },
  BUNDLE_INVALID: { retryable: false },
  PART_TOO_LARGE: { retryable: false },
  TLS_CERT_UNTRUSTED: { retryable: false },
  UPLOAD_REJECTED: { retryable: false },
  UPLOAD_FAILED: { retryable: true },
  INTERNAL: { retryable: false },
} as const satisfies Record<string, { retryable: boolean }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const errorCodeSchema = z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]);

export const apiErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  retryable: z.boolean(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** Thrown by the core; the dispatcher turns it into `{ok: false, error}`. */
export class CasekitError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options?: { retryable?: boolean; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CasekitError';
    this.code = code;
    this.retryable = options?.retryable ?? ERROR_CODES[code].retryable;
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.message, retryable: this.retryable };
  }
}
