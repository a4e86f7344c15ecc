import { Worker } from 'node:worker_threads';
import { reviveError, type FromWorker } from './worker-protocol';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress?: (bytes: number) => void;
}

/** The message that asks a worker to abort its current request; it gets no answer. */
export const ABORT = { kind: 'abort' } as const;

interface Slot {
  worker: Worker;
  busy: boolean;
  pending: Map<number, Pending>;
  /** Requests in flight, resolved either way, for a graceful close. */
  settled: Map<number, Promise<unknown>>;
  /** Set once the worker died; every later call to it fails with this. */
  dead: Error | null;
}

/**
 * A few worker_threads that each run one request at a time. `run` goes to
 * the first idle worker (callers keep at most `size` requests in flight);
 * `broadcast` goes to all of them, between batches of work. A worker that
 * dies fails what it was doing and every later request to it.
 */
export class WorkerPool {
  private readonly slots: Slot[];
  private nextId = 1;
  private closed = false;

  constructor(script: URL | string, size: number) {
    this.slots = Array.from({ length: Math.max(1, size) }, () => this.spawn(script));
  }

  get size(): number {
    return this.slots.length;
  }

  private spawn(script: URL | string): Slot {
    // the parent's node flags (--input-type, --eval, a test runner's loaders) need not suit a worker
    // A small young generation: the engine makes short-lived strings by the
    // hundred MB, and V8's default lets each worker hold ~80 MB of them between
    // collections (two workers peaked at 322 MB, 239 MB with this, as fast).
    const worker = new Worker(script, { execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    const slot: Slot = { worker, busy: false, pending: new Map(), settled: new Map(), dead: null };
    worker.on('message', (message: FromWorker) => {
      const pending = slot.pending.get(message.id);
      if (pending === undefined) return;
      if (message.type === 'progress') pending.onProgress?.(message.bytes);
      else {
        slot.pending.delete(message.id);
        if (message.type === 'done') pending.resolve(message.value);
        else pending.reject(reviveError(message.error));
      }
    });
    const die = (error: Error) => {
      if (slot.dead !== null) return;
      slot.dead = error;
      for (const pending of slot.pending.values()) pending.reject(error);
      slot.pending.clear();
    };
    worker.on('error', (error) => die(new Error(`a redaction worker crashed: ${error.message}`)));
    worker.on('exit', (code) => {
      die(
        new Error(this.closed ? 'the redaction was stopped' : `a redaction worker stopped unexpectedly (exit ${code})`),
      );
    });
    return slot;
  }

  private send(slot: Slot, body: unknown, onProgress?: (bytes: number) => void): Promise<unknown> {
    if (slot.dead !== null) return Promise.reject(slot.dead);
    const id = this.nextId++;
    const answer = new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject, onProgress });
      slot.worker.postMessage({ id, body });
    });
    const settled = answer.then(
      () => undefined,
      () => undefined,
    );
    slot.settled.set(id, settled);
    void settled.then(() => slot.settled.delete(id));
    return answer;
  }

  /** Runs `body` on an idle worker. */
  async run(body: unknown, onProgress?: (bytes: number) => void): Promise<unknown> {
    const slot = this.slots.find((candidate) => !candidate.busy && candidate.dead === null);
    if (slot === undefined) {
      const dead = this.slots.find((candidate) => candidate.dead !== null)?.dead;
      throw dead ?? new Error('more requests than redaction workers at once; this is a bug in Casekit');
    }
    slot.busy = true;
    try {
      return await this.send(slot, body, onProgress);
    } finally {
      slot.busy = false;
    }
  }

  /** Sends `body` to every worker and waits for all the answers. */
  broadcast(body: unknown): Promise<unknown[]> {
    return Promise.all(this.slots.map((slot) => this.send(slot, body)));
  }

  /**
   * Stops every worker. With `graceMs`, each is first asked to abort what it
   * is doing (so it can stop the programs it started, such as bzip2, and
   * reap them) and given that long to answer; then it is terminated.
   */
  async close(graceMs = 0): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (graceMs > 0) {
      const inFlight = this.slots.flatMap((slot) => (slot.dead === null ? [...slot.settled.values()] : []));
      for (const slot of this.slots) if (slot.dead === null) slot.worker.postMessage({ id: 0, body: ABORT });
      // The timer is cleared: left running, it kept every finished run alive for the whole grace period.
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([Promise.allSettled(inFlight), graceOver]);
      clearTimeout(timer);
    }
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}
