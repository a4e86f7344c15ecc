import { createHash, randomFillSync } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client, ConnectConfig } from 'ssh2';
import { connectTestClient } from './connect-client';
import { startSshd, type SshdOptions, type TestSshd } from './start-sshd';

/**
 * A test sshd plus two folders: `remote` (what the server serves; the sshd runs
 * on this machine, so tests create and change its files directly) and `local`
 * (where copies go). Clients connected through `connect` are ended by `stop`.
 */
export interface TransferFixture {
  sshd: TestSshd;
  remote: string;
  local: string;
  connect(extra?: Partial<ConnectConfig>, user?: string): Promise<Client>;
  stop(): Promise<void>;
}

export async function startTransferFixture(options: SshdOptions = {}): Promise<TransferFixture> {
  const sshd = await startSshd(options);
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'casekit-transfer-'));
  const remote = path.join(base, 'remote');
  const local = path.join(base, 'local');
  await fs.mkdir(remote);
  await fs.mkdir(local);
  // Test users must be able to reach files the tests put there for them.
  await fs.chmod(base, 0o755);
  await fs.chmod(remote, 0o755);
  const clients: Client[] = [];
  return {
    sshd,
    remote,
    local,
    connect: async (extra = {}, user = 'root') => {
      const client = await connectTestClient(sshd, user, extra);
      client.on('error', () => undefined);
      clients.push(client);
      return client;
    },
    stop: async () => {
      for (const client of clients) client.end();
      await sshd.stop();
      await fs.rm(base, { recursive: true, force: true });
    },
  };
}

/** Writes `bytes` random bytes to `file` in 4 MB pieces. */
export async function writeRandomFile(file: string, bytes: number): Promise<void> {
  const handle = await fs.open(file, 'w');
  try {
    const piece = Buffer.allocUnsafe(4 << 20);
    for (let done = 0; done < bytes;) {
      const size = Math.min(piece.length, bytes - done);
      randomFillSync(piece, 0, size);
      await handle.write(piece, 0, size, done);
      done += size;
    }
  } finally {
    await handle.close();
  }
}

/** Mailbox-log-like text: varied enough to be realistic, repetitive enough to compress like the real thing. */
export async function writeLogFile(file: string, bytes: number): Promise<void> {
  const levels = ['INFO', 'INFO', 'INFO', 'WARN', 'DEBUG', 'ERROR'];
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i += 1) {
    const second = String(i % 60).padStart(2, '0');
    const line = `2025-03-01 10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${second},${String(i % 1000).padStart(3, '0')} ${levels[i % levels.length]} [qtp${1000 + (i % 37)}-${i % 211}:https://mail.example.com/service/soap/SearchRequest] [name=user${i % 5000}@example.com;mid=${i % 9000};ip=10.1.${i % 256}.${(i * 7) % 256};ua=ZimbraWebClient - FF${100 + (i % 30)};] mailbox - SearchRequest elapsed=${(i * 13) % 997} items=${i % 50}\n`;
    lines.push(line);
    size += Buffer.byteLength(line);
  }
  await fs.writeFile(file, lines.join('').slice(0, bytes));
}

export function sha256OfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Files below `dir`, as paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}
