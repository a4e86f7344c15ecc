import { createReadStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { CasekitError, type ErrorCode } from '../../../shared/error-codes';
import type { MultipartPlan } from './multipart-body';

export interface PortalResponse {
  status: number;
  statusText: string;
  retryAfter: string | undefined;
  contentType: string | undefined;
  /** The start of the body, enough for a message. */
  body: string;
}

export interface PortalRequest {
  url: URL;
  token: string;
  plan: MultipartPlan;
  filePath: string;
  agent: http.Agent;
  idleTimeoutMs: number;
  signal?: AbortSignal;
  /** File bytes handed to the socket so far (the form's head and tail are not counted). */
  onFileBytes?: (sent: number) => void;
}

/** A failure below HTTP: no answer came. `retryable` says whether the same request may work later. */
export class WireError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'WireError';
  }
}

const BODY_READ_MAX = 16 * 1024;
const TLS_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|HOSTNAME|ALTNAME/;

function changedWhileSent(filePath: string): CasekitError {
  return new CasekitError('BUNDLE_INVALID', `${filePath} changed size while it was being sent; pack the bundle again.`);
}

function wireError(error: unknown, url: URL): Error {
  if (error instanceof WireError || error instanceof CasekitError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const text = (error as Error).message;
  if (code === 'ABORT_ERR' || (error as Error).name === 'AbortError') {
    return new CasekitError('CANCELLED', 'The upload was cancelled.');
  }
  if (TLS_ERRORS.test(code)) {
    return new WireError(
      'TLS_CERT_UNTRUSTED',
      `${url.host} presented a certificate Casekit does not trust (${code}).`,
      false,
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new WireError('DNS_FAILED', `The portal host ${url.hostname} could not be found (${code}).`, true);
  }
  if (code === 'ECONNREFUSED') {
    return new WireError('CONNECTION_REFUSED', `${url.host} refused the connection.`, true);
  }
  if (code === 'ETIMEDOUT') {
    return new WireError('CONNECTION_TIMEOUT', `${url.host} did not answer in time.`, true);
  }
  return new WireError(
    'CONNECTION_LOST',
    `The connection to ${url.host} broke during the upload (${code || text}).`,
    true,
  );
}

/**
 * One POST of one file. Resolves with the server's answer, whatever its status;
 * rejects with a WireError when no answer came (refused, dropped, silent) and
 * with CANCELLED on abort. The token goes into the Authorization header only.
 */
export function sendPortalRequest(request: PortalRequest): Promise<PortalResponse> {
  const { url, plan, signal } = request;
  return new Promise<PortalResponse>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, {
      method: 'POST',
      agent: request.agent,
      signal,
      headers: {
        Authorization: `Bearer ${request.token}`,
        'Content-Type': plan.contentType,
        'Content-Length': String(plan.contentLength),
        Accept: 'application/json, text/plain;q=0.9, */*;q=0.5',
      },
    });
    const file = createReadStream(request.filePath);
    const fail = (error: unknown) => {
      file.destroy();
      finish(() => reject(wireError(error, url)));
      req.destroy();
    };
    let answer: PortalResponse | null = null;
    const chunks: Buffer[] = [];
    let kept = 0;
    const answered = (): void => {
      if (answer === null) return;
      const body = Buffer.concat(chunks).subarray(0, BODY_READ_MAX).toString('utf8');
      const done = { ...answer, body };
      finish(() => resolve(done));
      // An answer before the whole body went out leaves the request half-sent: that connection cannot be reused.
      if (!req.writableEnded) req.destroy();
    };
    req.setTimeout(request.idleTimeoutMs, () => {
      const silent = `${url.host} went silent for ${Math.round(request.idleTimeoutMs / 1000)} s.`;
      if (answer === null) fail(new WireError('CONNECTION_TIMEOUT', silent, true));
      else {
        answered();
        req.destroy();
      }
    });
    // Once the status line is in, a connection that breaks mid-answer still leaves that answer.
    req.on('error', (error) => (answer === null ? fail(error) : answered()));
    req.on('response', (res) => {
      // The server may answer (401, 413) before the body is through: stop sending, keep its answer.
      file.destroy();
      answer = {
        status: res.statusCode ?? 0,
        statusText: res.statusMessage ?? '',
        retryAfter: res.headers['retry-after'],
        contentType: res.headers['content-type'],
        body: '',
      };
      res.on('data', (chunk: Buffer) => {
        if (kept < BODY_READ_MAX) {
          chunks.push(chunk);
          kept += chunk.length;
        }
      });
      res.on('error', answered);
      res.on('aborted', answered);
      res.on('end', answered);
    });

    let read = 0;
    let onWire = 0;
    file.on('error', (error) =>
      fail(new CasekitError('IO_ERROR', `Could not read ${request.filePath} (${error.message}).`)),
    );
    req.write(plan.head);
    file.on('data', (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (read + bytes.length > plan.fileSize) {
        fail(changedWhileSent(request.filePath));
        return;
      }
      read += bytes.length;
      // Counted when the socket has taken the bytes, not when they were read from disk.
      const ok = req.write(bytes, (error) => {
        if (error) return;
        onWire += bytes.length;
        request.onFileBytes?.(onWire);
      });
      if (!ok) {
        file.pause();
        req.once('drain', () => file.resume());
      }
    });
    file.on('end', () => {
      if (read !== plan.fileSize) {
        fail(changedWhileSent(request.filePath));
        return;
      }
      req.end(plan.tail);
    });
  });
}
