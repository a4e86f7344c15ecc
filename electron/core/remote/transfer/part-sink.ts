import { createHash } from 'node:crypto';
import type { promises as fs } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { hashPrefix, writeAll } from './part-file';
import { localError } from './transfer-errors';

/**
 * Where the bytes of an SFTP copy go: appended to the .part in order, and
 * hashed. `write` may hand back the buffers to reuse in place of `chunks`.
 */
export interface PartSink {
  /** Takes in the bytes the .part already holds (hashes them). */
  start(): Promise<void>;
  write(chunks: Buffer[], position: number): Promise<Buffer[] | undefined>;
  /** SHA-256 of the whole file once every write has settled. */
  digest(): Promise<string>;
  close(): void;
}

// Below this many bytes starting a worker (~30 ms) costs more than it saves.
const WORKER_THRESHOLD = 32 * 1024 * 1024;

/** A sink for `partPath` (open as `file`) which already holds `present` bytes and will get `coming` more. */
export function createPartSink(file: fs.FileHandle, partPath: string, present: number, coming: number): PartSink {
  return coming >= WORKER_THRESHOLD ? new WorkerSink(partPath, present) : new InlineSink(file, partPath, present);
}

/** Writes through the open FileHandle and hashes on this thread: for small files. */
export class InlineSink implements PartSink {
  private readonly hash = createHash('sha256');

  constructor(
    private readonly file: fs.FileHandle,
    private readonly partPath: string,
    private readonly present: number,
  ) {}

  start(): Promise<void> {
    return hashPrefix(this.file, this.present, (bytes) => this.hash.update(bytes));
  }

  async write(chunks: Buffer[], position: number): Promise<undefined> {
    await writeAll(this.file, chunks, position).catch((err: unknown) => {
      throw localError(err, 'write', this.partPath);
    });
    for (const chunk of chunks) this.hash.update(chunk);
    return undefined;
  }

  async digest(): Promise<string> {
    return this.hash.digest('hex');
  }

  close(): void {}
}

// Plain JavaScript run with `eval`, so it needs no file of its own in the
// bundles (Electron main, CLI) nor a TypeScript loader under vitest. Chunks
// arrive as transferred ArrayBuffers (no copy) and go back the same way.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const hash = createHash('sha256');
const fd = fs.openSync(workerData.path, 'r+');
function fail(id, error, buffers) {
  const message = String((error && error.message) || error);
  parentPort.postMessage({ id, error: message, code: error && error.code, buffers }, buffers);
}
try {
  const buffer = Buffer.allocUnsafe(4 << 20);
  for (let position = 0; position < workerData.present; ) {
    const read = fs.readSync(fd, buffer, 0, Math.min(buffer.length, workerData.present - position), position);
    if (read === 0) throw new Error('the file is shorter than ' + workerData.present + ' bytes');
    hash.update(buffer.subarray(0, read));
    position += read;
  }
  parentPort.postMessage({ id: 0 });
} catch (error) {
  fail(0, error, []);
}
let open = true;
function closeFile() {
  if (open) fs.closeSync(fd);
  open = false;
}
parentPort.on('message', ({ id, buffers, lengths, position, close }) => {
  if (close) {
    // Descriptors belong to the process: close ours rather than rely on the thread's teardown.
    closeFile();
    return process.exit(0);
  }
  if (buffers === undefined) {
    closeFile();
    return parentPort.postMessage({ id, digest: hash.digest('hex') });
  }
  try {
    // Chunk by chunk, hashed then written while it is still in this core's cache:
    // hashing a whole batch first and writing it after made the kernel's copy
    // into the page cache read cold memory, 15 times slower.
    let at = position;
    buffers.forEach((memory, i) => {
      const view = new Uint8Array(memory, 0, lengths[i]);
      hash.update(view);
      for (let done = 0; done < view.length; ) done += fs.writeSync(fd, view, done, view.length - done, at + done);
      at += view.length;
    });
    parentPort.postMessage({ id, buffers }, buffers);
  } catch (error) {
    fail(id, error, buffers);
  }
});
`;

interface Reply {
  id: number;
  buffers?: ArrayBuffer[];
  digest?: string;
  error?: string;
  code?: string;
}

/**
 * Writes and hashes on a worker thread: the main thread, which also decrypts
 * the SSH stream, only moves buffers there and back (transferred, not copied),
 * and the bytes are hashed as they are written instead of read back.
 */
class WorkerSink implements PartSink {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (reply: Reply) => void; reject: (err: unknown) => void }>();
  private readonly started: Promise<Reply>;
  private nextId = 1;

  constructor(
    private readonly partPath: string,
    present: number,
  ) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path: partPath, present } });
    this.started = this.expect(0);
    this.worker.on('message', (reply: Reply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.error === undefined) waiter?.resolve(reply);
      else waiter?.reject(localError(Object.assign(new Error(reply.error), { code: reply.code }), 'write', partPath));
    });
    const stop = (err: unknown) => {
      for (const waiter of this.waiting.values()) waiter.reject(localError(err, 'write', partPath));
      this.waiting.clear();
    };
    this.worker.on('error', stop);
    this.worker.on('exit', () => stop(new Error('the writing thread stopped')));
    // It must never keep the app running on its own.
    this.worker.unref();
  }

  async start(): Promise<void> {
    await this.started;
  }

  async write(chunks: Buffer[], position: number): Promise<Buffer[]> {
    const buffers = chunks.map((chunk) => chunk.buffer as ArrayBuffer);
    if (chunks.some((chunk, i) => chunk.byteOffset !== 0 || buffers.indexOf(chunk.buffer as ArrayBuffer) !== i))
      throw new Error('WorkerSink needs buffers that each own their memory');
    const id = this.nextId++;
    const reply = this.expect(id);
    this.worker.postMessage({ id, buffers, lengths: chunks.map((chunk) => chunk.length), position }, buffers);
    // The memory comes back with the reply; the Buffer objects we sent are detached now.
    return ((await reply).buffers ?? []).map((memory) => Buffer.from(memory));
  }

  async digest(): Promise<string> {
    const id = this.nextId++;
    const reply = this.expect(id);
    this.worker.postMessage({ id });
    return (await reply).digest ?? '';
  }

  /** Lets the thread close its descriptor and end (after any write it is in). */
  close(): void {
    this.worker.postMessage({ close: true });
  }

  private expect(id: number): Promise<Reply> {
    const reply = new Promise<Reply>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    // A write nobody waits for any more (the copy was cancelled) must not count as unhandled.
    reply.catch(() => undefined);
    return reply;
  }
}
