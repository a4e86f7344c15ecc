import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { HTTP_EVENTS_PATH, type EventMessage, type Unsubscribe } from '../../shared/api-contract';
import type { GuardVerdict } from './request-guard';

const HEARTBEAT_MS = 30_000;

interface EventSocketOptions {
  subscribe(listener: (msg: EventMessage) => void): Unsubscribe;
  authorize(req: IncomingMessage): GuardVerdict;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  const text = status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : 'Forbidden';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${reason}`);
}

/** Pushes every core event to every authorized browser tab over one WebSocket each. */
export function attachEventSocket(server: Server, options: EventSocketOptions): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const alive = new WeakMap<WebSocket, boolean>();

  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== HTTP_EVENTS_PATH) return refuse(socket, 404, 'No such socket.');
    const verdict = options.authorize(req);
    if (!verdict.ok) return refuse(socket, verdict.status, verdict.reason);
    wss.handleUpgrade(req, socket, head, (ws) => {
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      // The browser only listens: anything it sends is ignored.
      ws.on('message', () => undefined);
    });
  });

  const unsubscribe = options.subscribe((msg) => {
    const data = JSON.stringify(msg);
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(data);
  });

  const heartbeat = setInterval(() => {
    for (const client of wss.clients) {
      if (alive.get(client) === false) client.terminate();
      else {
        alive.set(client, false);
        client.ping();
      }
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    close: () => {
      clearInterval(heartbeat);
      unsubscribe();
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
