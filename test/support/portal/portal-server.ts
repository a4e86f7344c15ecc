import busboy from 'busboy';
import { createHash } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** What the portal does to one request instead of storing its file. */
export type PortalFault =
  | { kind: 'status'; status: number; retryAfter?: string; message?: string }
  /** Destroys the socket once this many bytes of the request body have arrived. */
  | { kind: 'drop'; afterBytes: number };

/** Picks the fault for a request, knowing its file name and how many requests for that name came before. */
export type FaultScript = (request: { fileName: string; attempt: number; index: number }) => PortalFault | null;

export interface PortalRecord {
  index: number;
  /** 0 when the connection was dropped before an answer. */
  status: number;
  authorization: string | undefined;
  caseNumber: string | null;
  fileName: string | null;
  /** Body bytes that arrived (counted on the wire, not taken from Content-Length). */
  bodyBytes: number;
  /** Of the file as received; null when none arrived whole. */
  size: number | null;
  sha256: string | null;
  startedAt: number;
  endedAt: number;
}

export interface StoredFile {
  path: string;
  size: number;
  sha256: string;
  /** Times the portal stored a file of this name: a correct client stores each exactly once. */
  count: number;
}

export interface TestPortal {
  url: string;
  storeDir: string;
  requests: PortalRecord[];
  stored: Map<string, StoredFile>;
  maxInFlight: number;
  fault: FaultScript;
  close(): Promise<void>;
}

export interface PortalServerOptions {
  token: string;
  /** Largest request body accepted, counted as bytes arrive; 413 beyond it. */
  limit?: number;
  caseField?: string;
  fileField?: string;
  /** Waits this long before answering, so parallel requests overlap observably. */
  holdMs?: number;
  /** Serves https with this key and certificate. */
  tls?: { key: string; cert: string };
}

const CASE_NUMBER = /^\d{8}$/;

/**
 * A support portal for tests: plain node:http on 127.0.0.1, multipart parsed
 * by busboy, the bearer token, case field and size limit enforced, every
 * request recorded, and faults (503, 429, 400, dropped connections) scripted.
 */
export async function startPortalServer(options: PortalServerOptions): Promise<TestPortal> {
  const limit = options.limit ?? 10_000_000;
  const caseField = options.caseField ?? 'case';
  const fileField = options.fileField ?? 'file';
  const storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'casekit-portal-store-'));
  const attempts = new Map<string, number>();
  let inFlight = 0;
  let tmpCounter = 0;

  const portal: TestPortal = {
    url: '',
    storeDir,
    requests: [],
    stored: new Map(),
    maxInFlight: 0,
    fault: () => null,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await fs.rm(storeDir, { recursive: true, force: true });
    },
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const record: PortalRecord = {
      index: portal.requests.length,
      status: 0,
      authorization: req.headers.authorization,
      caseNumber: null,
      fileName: null,
      bodyBytes: 0,
      size: null,
      sha256: null,
      startedAt: Date.now(),
      endedAt: 0,
    };
    portal.requests.push(record);
    inFlight += 1;
    portal.maxInFlight = Math.max(portal.maxInFlight, inFlight);
    let answered = false;
    const answer = (status: number, message: string, headers: Record<string, string> = {}) => {
      if (answered) return;
      answered = true;
      record.status = status;
      record.endedAt = Date.now();
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify({ message }));
      // Read what is left and keep the connection open: closing it on unread bytes would make the
      // kernel reset it, and the client could lose the answer, as with a portal that hangs up early.
      req.resume();
    };
    res.on('close', () => {
      inFlight -= 1;
      if (record.endedAt === 0) record.endedAt = Date.now();
    });

    if (req.method !== 'POST') return answer(405, 'POST only');
    if (req.headers.authorization !== `Bearer ${options.token}`) return answer(401, 'The token is not valid.');

    let fault: PortalFault | null = null;
    const parser = busboy({ headers: req.headers });
    const writes: Promise<void>[] = [];
    let tmpFile: string | null = null;
    req.on('data', (chunk: Buffer) => {
      record.bodyBytes += chunk.length;
      if (fault?.kind === 'drop' && record.bodyBytes >= fault.afterBytes) {
        req.socket.destroy();
        return;
      }
      if (record.bodyBytes > limit && !answered) {
        req.unpipe(parser);
        answer(413, `The request is over ${limit} bytes.`);
      }
    });
    parser.on('field', (name, value) => {
      if (name === caseField) record.caseNumber = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== fileField || record.fileName !== null) {
        stream.resume();
        return;
      }
      const fileName = info.filename ?? '';
      record.fileName = fileName;
      const attempt = attempts.get(fileName) ?? 0;
      attempts.set(fileName, attempt + 1);
      fault = portal.fault({ fileName, attempt, index: record.index });
      if (fault?.kind === 'drop' && record.bodyBytes >= fault.afterBytes) req.socket.destroy();
      const file = path.join(storeDir, `.incoming-${tmpCounter++}`);
      tmpFile = file;
      const hash = createHash('sha256');
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        size += chunk.length;
      });
      const out = createWriteStream(file);
      stream.pipe(out);
      writes.push(
        new Promise<void>((resolve, reject) => {
          out.on('finish', () => {
            if (!stream.truncated) {
              record.size = size;
              record.sha256 = hash.digest('hex');
            }
            resolve();
          });
          out.on('error', reject);
        }),
      );
    });
    parser.on('error', (error: Error) => answer(400, `Bad multipart body: ${error.message}`));
    parser.on('close', () => {
      void Promise.all(writes).then(async () => {
        if (options.holdMs !== undefined) await sleep(options.holdMs);
        if (answered || req.socket.destroyed) return;
        if (fault?.kind === 'status') {
          const headers: Record<string, string> =
            fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter };
          return answer(fault.status, fault.message ?? `Scripted ${fault.status}.`, headers);
        }
        if (record.caseNumber === null || !CASE_NUMBER.test(record.caseNumber)) {
          return answer(400, `The "${caseField}" field must be an 8-digit case number.`);
        }
        if (record.fileName === null || record.sha256 === null || tmpFile === null) {
          return answer(400, `The "${fileField}" field with a file is missing.`);
        }
        const safe = path.basename(record.fileName);
        const target = path.join(storeDir, record.caseNumber, safe);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.rename(tmpFile, target);
        const before = portal.stored.get(safe);
        portal.stored.set(safe, {
          path: target,
          size: record.size ?? 0,
          sha256: record.sha256,
          count: (before?.count ?? 0) + 1,
        });
        answer(201, `Stored ${safe} for case ${record.caseNumber}.`);
      });
    });
    req.pipe(parser);
  }

  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  };
  const server = options.tls === undefined ? http.createServer(listener) : https.createServer(options.tls, listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  portal.url = `${options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}/upload`;
  return portal;
}
