import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WorkerPool } from './worker-pool';

let dir: string;
let script: URL;

// A worker in plain JavaScript that speaks the pool's protocol: `spin` burns
// CPU for a while, `progress` reports bytes, `fail` throws, `exit` dies.
const WORKER = `
import { parentPort, threadId } from 'node:worker_threads';
let started = null;
let waiting = null;
parentPort.on('message', ({ id, body }) => {
  const reply = (m) => parentPort.postMessage({ id, ...m });
  switch (body.kind) {
    case 'wait': waiting = reply; return;
    case 'abort': return waiting?.({ type: 'failed', error: { name: 'AbortError', message: 'aborted, cleaned up' } });
    case 'start': started = body.value; return reply({ type: 'done', value: threadId });
    case 'spin': { const end = Date.now() + body.ms; let x = 0; while (Date.now() < end) x++; return reply({ type: 'done', value: { threadId, started } }); }
    case 'progress': reply({ type: 'progress', bytes: 10 }); reply({ type: 'progress', bytes: 5 }); return reply({ type: 'done', value: 'ok' });
    case 'fail': { const e = new TypeError('it broke'); return reply({ type: 'failed', error: { name: e.name, message: e.message } }); }
    case 'exit': process.exit(3);
  }
});
`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-pool-'));
  await writeFile(path.join(dir, 'worker.mjs'), WORKER);
  script = pathToFileURL(path.join(dir, 'worker.mjs'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('WorkerPool', () => {
  it('broadcasts to every worker and runs requests on idle ones, in parallel', async () => {
    const pool = new WorkerPool(script, 2);
    try {
      const ids = (await pool.broadcast({ kind: 'start', value: 'phase-1' })) as number[];
      expect(new Set(ids).size).toBe(2);
      const started = Date.now();
      const results = (await Promise.all([
        pool.run({ kind: 'spin', ms: 400 }),
        pool.run({ kind: 'spin', ms: 400 }),
      ])) as Array<{ threadId: number; started: string }>;
      expect(Date.now() - started).toBeLessThan(750);
      expect(new Set(results.map((r) => r.threadId))).toEqual(new Set(ids));
      expect(results.every((r) => r.started === 'phase-1')).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('passes progress and errors back', async () => {
    const pool = new WorkerPool(script, 1);
    try {
      const bytes: number[] = [];
      expect(await pool.run({ kind: 'progress' }, (n) => bytes.push(n))).toBe('ok');
      expect(bytes).toEqual([10, 5]);
      await expect(pool.run({ kind: 'fail' })).rejects.toMatchObject({ name: 'TypeError', message: 'it broke' });
    } finally {
      await pool.close();
    }
  });

  it('fails the request of a worker that dies, and later ones to it', async () => {
    const pool = new WorkerPool(script, 1);
    try {
      await expect(pool.run({ kind: 'exit' })).rejects.toThrow(/stopped unexpectedly \(exit 3\)/);
      await expect(pool.broadcast({ kind: 'start' })).rejects.toThrow(/stopped unexpectedly/);
    } finally {
      await pool.close();
    }
  });

  it('close with a grace period lets a worker abort and clean up first', async () => {
    const pool = new WorkerPool(script, 2);
    // Watched before the close: the rejection arrives while close is awaited.
    const rejected = expect(pool.run({ kind: 'wait' })).rejects.toThrow('aborted, cleaned up');
    await pool.close(5000);
    await rejected;
  });

  it('close with a grace period leaves no timer behind to keep the process alive', async () => {
    const pool = new WorkerPool(script, 1);
    expect(await pool.run({ kind: 'progress' })).toBe('ok');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await pool.close(60_000);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('close stops a worker in the middle of a request', async () => {
    const pool = new WorkerPool(script, 1);
    const rejected = expect(pool.run({ kind: 'spin', ms: 5000 })).rejects.toThrow(/stopped/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await pool.close();
    await rejected;
  });
});
