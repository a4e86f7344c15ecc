import type http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { CasekitError, type ErrorCode } from '../../../shared/error-codes';
import type { ShipFile, ShipFileResult } from '../ship-types';
import type { MultipartPlan } from './multipart-body';
import type { ResolvedPortalOptions } from './portal-options';
import { sendPortalRequest, WireError, type PortalResponse } from './portal-request';
import { isRetryableStatus, parseRetryAfter, retryDelay } from './retry-delay';
import { serverAnswer, serverMessage } from './server-text';

export interface UploadContext {
  options: ResolvedPortalOptions;
  token: string;
  agent: http.Agent;
  signal?: AbortSignal;
  /**
   * Set once a failure would repeat for every file (the token refused, the
   * certificate untrusted): no file starts another request after that.
   */
  halt: { reason: { code: ErrorCode; why: string } | null };
  onFileBytes: (sent: number) => void;
}

/** A file to upload, with the checksum of the bytes on disk. */
export type CheckedFile = ShipFile & { sha256: string };

// A function, so TypeScript does not keep a narrowed `aborted` across awaits.
const isAborted = (signal: AbortSignal | undefined): boolean => signal?.aborted === true;

const cancelled = () => new CasekitError('CANCELLED', 'The upload was cancelled.');

async function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    throw cancelled();
  }
}

function outcome(
  file: CheckedFile,
  attempts: number,
  answer: string | null,
  error: { code: ErrorCode; message: string } | null,
): ShipFileResult {
  return {
    name: file.name,
    size: file.size,
    sha256: file.sha256,
    status: error === null ? 'sent' : 'failed',
    attempts,
    serverAnswer: answer,
    error,
  };
}

/** What a final, non-2xx answer means for this file. */
function refusal(
  file: CheckedFile,
  status: number,
  answer: string,
  attempts: number,
  options: ResolvedPortalOptions,
  requestSize: number,
) {
  if (status === 401 || status === 403) {
    return {
      code: 'AUTH_FAILED' as const,
      message: `The portal refused the token (${answer}). Check the token (--token-env or the saved one) and that it may upload to case ${options.caseNumber}.`,
    };
  }
  if (isRetryableStatus(status)) {
    return {
      code: 'UPLOAD_FAILED' as const,
      message: `The portal still answered ${answer} for ${file.name} after ${attempts} attempts. Ship again later: what is stored is skipped.`,
    };
  }
  if (status === 413) {
    return {
      code: 'PART_TOO_LARGE' as const,
      message: `The portal found ${file.name} too large (${answer}) although the request was ${requestSize} bytes, within the limit of ${options.limit} bytes Casekit was given: the portal's limit is lower. Pack again with a smaller --part-size and ship with a matching --limit.`,
    };
  }
  if (status >= 300 && status < 400) {
    return {
      code: 'UPLOAD_REJECTED' as const,
      message: `The portal redirected the upload of ${file.name} (${answer}); Casekit does not follow redirects with the token. Check the portal URL.`,
    };
  }
  return { code: 'UPLOAD_REJECTED' as const, message: `The portal refused ${file.name}: ${answer}` };
}

/**
 * Sends one file until the portal stores it, refuses it, or attempts run out.
 * "Not now" answers (408, 429, 5xx) and broken connections are retried with
 * backoff; a refusal is final for this file, and a refused token for all.
 */
export async function uploadFile(file: CheckedFile, plan: MultipartPlan, ctx: UploadContext): Promise<ShipFileResult> {
  const { options, signal } = ctx;
  let attempts = 0;
  let lastAnswer: string | null = null;
  for (;;) {
    if (isAborted(signal)) throw cancelled();
    const halted = ctx.halt.reason;
    if (halted !== null) {
      return {
        ...outcome(file, attempts, lastAnswer, {
          code: halted.code,
          message: `${file.name} was not sent: ${halted.why}.`,
        }),
        status: attempts === 0 ? 'not-sent' : 'failed',
      };
    }
    attempts += 1;
    ctx.onFileBytes(0);
    let response: PortalResponse;
    try {
      response = await sendPortalRequest({
        url: options.url,
        token: ctx.token,
        plan,
        filePath: file.path,
        agent: ctx.agent,
        idleTimeoutMs: options.idleTimeoutMs,
        signal,
        onFileBytes: ctx.onFileBytes,
      });
    } catch (error) {
      if (isAborted(signal)) throw cancelled();
      if (error instanceof WireError) {
        if (error.retryable && attempts < options.retry.maxAttempts) {
          await wait(retryDelay(attempts, options.retry, null), signal);
          continue;
        }
        if (error.code === 'TLS_CERT_UNTRUSTED') {
          ctx.halt.reason = { code: error.code, why: "the portal's certificate is not trusted" };
        }
        const gaveUp = error.retryable ? ` Gave up after ${attempts} attempts; ship again later.` : '';
        return outcome(file, attempts, lastAnswer, { code: error.code, message: `${error.message}${gaveUp}` });
      }
      if (error instanceof CasekitError) {
        if (error.code === 'CANCELLED') throw error;
        return outcome(file, attempts, lastAnswer, { code: error.code, message: error.message });
      }
      throw error;
    }
    const answer = serverAnswer(
      response.status,
      response.statusText,
      serverMessage(response.body, response.contentType),
    );
    lastAnswer = answer;
    if (response.status >= 200 && response.status < 300) return outcome(file, attempts, answer, null);
    if (isRetryableStatus(response.status) && attempts < options.retry.maxAttempts) {
      const asked = parseRetryAfter(response.retryAfter);
      await wait(retryDelay(attempts, options.retry, asked), signal);
      continue;
    }
    const error = refusal(file, response.status, answer, attempts, options, plan.contentLength);
    if (error.code === 'AUTH_FAILED') ctx.halt.reason = { code: error.code, why: 'the portal refused the token' };
    return outcome(file, attempts, answer, error);
  }
}
