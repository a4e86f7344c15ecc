import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventMessage, Unsubscribe } from '../../shared/api-contract';
import type { Result } from '../../shared/result';
import { handleApiCall } from './api-route';
import { serveContentSecurityPolicy } from './csp';
import { attachEventSocket } from './events-socket';
import { NO_TOKEN_PAGE, send } from './http-helpers';
import {
  LOOPBACK_HOST,
  checkOrigin,
  checkRequest,
  checkToken,
  guardedHeaders,
  sameToken,
  tokenCookieName,
} from './request-guard';
import { loadStaticFile } from './static-files';

/** What the server needs of the core: the same two things the Electron main process uses. */
export interface ServeBackend {
  dispatch(name: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (msg: EventMessage) => void): Unsubscribe;
}

export interface ServeOptions {
  backend: ServeBackend;
  rendererRoot: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startServeServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const server = http.createServer();
  let port = 0;

  server.on('request', (req, res) => {
    void handleRequest(req, res).catch((error: unknown) => {
      console.error('casekit serve: request failed:', error);
      if (!res.headersSent) send(res, 500, 'Internal error', 'text/plain; charset=utf-8');
      else res.destroy();
    });
  });

  async function handleRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const headers = guardedHeaders(req.headers);
    const origin = checkOrigin(headers, port);
    if (!origin.ok) return send(res, origin.status, origin.reason, 'text/plain; charset=utf-8');

    const url = new URL(req.url ?? '/', `http://${LOOPBACK_HOST}:${port}`);
    const given = url.searchParams.get('token');
    if (url.pathname === '/' && given !== null) {
      if (!sameToken(given, token)) return send(res, 401, NO_TOKEN_PAGE, 'text/html; charset=utf-8');
      // Trade the token in the address for a cookie, then drop it from the address bar and history.
      return send(res, 303, '', 'text/plain', {
        'Set-Cookie': `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
      });
    }

    const auth = checkToken(headers, port, token);
    if (url.pathname.startsWith('/api/')) return handleApiCall(req, res, url, auth, options.backend);
    if (!auth.ok) {
      const page = url.pathname === '/' || url.pathname === '/index.html';
      return page
        ? send(res, 401, NO_TOKEN_PAGE, 'text/html; charset=utf-8')
        : send(res, 401, auth.reason, 'text/plain; charset=utf-8');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8', { Allow: 'GET, HEAD' });
    }
    const file = await loadStaticFile(url.pathname, options.rendererRoot);
    if (file.status !== 200) return send(res, file.status, 'Not found', 'text/plain; charset=utf-8');
    const csp: Record<string, string> = file.contentType.startsWith('text/html')
      ? { 'Content-Security-Policy': serveContentSecurityPolicy(port) }
      : {};
    send(res, 200, req.method === 'HEAD' ? '' : file.body, file.contentType, csp);
  }

  const events = attachEventSocket(server, {
    subscribe: options.backend.subscribe,
    authorize: (req) => checkRequest(guardedHeaders(req.headers), port, token),
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${LOOPBACK_HOST}:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      events.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
