import type { IncomingMessage, ServerResponse } from 'node:http';
import { isCallName } from '../../shared/api-contract';
import { fail } from '../../shared/result';
import { BodyTooLargeError, readBody, send, sendJson } from './http-helpers';
import type { GuardVerdict } from './request-guard';
import type { ServeBackend } from './server';

const MAX_BODY_BYTES = 1024 * 1024;
const CALL_PREFIX = '/api/call/';

/** `POST /api/call/<name>` with a JSON body: the same dispatcher the desktop IPC uses. */
export async function handleApiCall(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  auth: GuardVerdict,
  backend: Pick<ServeBackend, 'dispatch'>,
): Promise<void> {
  if (!auth.ok) return sendJson(res, auth.status, fail('UNAUTHORIZED', auth.reason));
  if (!url.pathname.startsWith(CALL_PREFIX)) {
    return sendJson(res, 404, fail('UNKNOWN_OPERATION', `No API route ${url.pathname}.`));
  }
  if (req.method !== 'POST') {
    return send(res, 405, 'Calls are POST requests.', 'text/plain; charset=utf-8', { Allow: 'POST' });
  }
  // A cross-site form cannot send application/json without a CORS preflight, which we never grant.
  if (!req.headers['content-type']?.toLowerCase().startsWith('application/json')) {
    return sendJson(res, 415, fail('INVALID_INPUT', 'Calls must be sent as application/json.'));
  }
  const name = url.pathname.slice(CALL_PREFIX.length);
  if (!isCallName(name)) return sendJson(res, 404, fail('UNKNOWN_OPERATION', `No operation named '${name}'.`));

  let input: unknown;
  try {
    const body = await readBody(req, MAX_BODY_BYTES);
    input = body.length === 0 ? {} : JSON.parse(body);
  } catch (error) {
    const message =
      error instanceof BodyTooLargeError
        ? `The request for ${name} is larger than ${MAX_BODY_BYTES} bytes.`
        : `The request for ${name} is not valid JSON.`;
    return sendJson(res, 400, fail('INVALID_INPUT', message));
  }
  sendJson(res, 200, await backend.dispatch(name, input));
}
