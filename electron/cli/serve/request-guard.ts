import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const LOOPBACK_HOST = '127.0.0.1';

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

export interface GuardedRequest {
  host: string | undefined;
  origin: string | undefined;
  cookie: string | undefined;
  authorization: string | undefined;
}

/** One cookie per port: cookies are not isolated by port, two servers must not share one. */
export const tokenCookieName = (port: number): string => `casekit_token_${port}`;

export function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * DNS rebinding: a hostile page on evil.example resolving to 127.0.0.1 still
 * sends `Host: evil.example`, so only our exact loopback Host passes.
 * CSRF: a foreign page sends its own Origin; and the cookie is SameSite=Strict.
 */
export function checkOrigin(req: Pick<GuardedRequest, 'host' | 'origin'>, port: number): GuardVerdict {
  const expectedHost = `${LOOPBACK_HOST}:${port}`;
  if (req.host !== expectedHost) {
    return { ok: false, status: 403, reason: `Host header must be ${expectedHost}; got ${req.host ?? 'none'}.` };
  }
  if (req.origin !== undefined && req.origin !== `http://${expectedHost}`) {
    return { ok: false, status: 403, reason: `Requests from ${req.origin} are refused; only http://${expectedHost}.` };
  }
  return { ok: true };
}

export function checkToken(
  req: Pick<GuardedRequest, 'cookie' | 'authorization'>,
  port: number,
  token: string,
): GuardVerdict {
  const bearer = req.authorization?.startsWith('Bearer ') ? req.authorization.slice(7) : undefined;
  const given = bearer ?? readCookie(req.cookie, tokenCookieName(port));
  if (given === undefined) {
    return { ok: false, status: 401, reason: 'No access token: open the address that casekit serve printed.' };
  }
  if (!sameToken(given, token)) {
    return { ok: false, status: 401, reason: 'Wrong access token: open the address that casekit serve printed.' };
  }
  return { ok: true };
}

/** The guarded headers of a Node request. */
export function guardedHeaders(headers: IncomingHttpHeaders): GuardedRequest {
  return { host: headers.host, origin: headers.origin, cookie: headers.cookie, authorization: headers.authorization };
}

export function checkRequest(req: GuardedRequest, port: number, token: string): GuardVerdict {
  const origin = checkOrigin(req, port);
  return origin.ok ? checkToken(req, port, token) : origin;
}
