import type { WorkerEngine } from './engine-port';
import { TaskHandler, type PhaseResult } from './file-task';
import type { FileResult, FileTask, PhaseSetup } from './task-types';
import type { WorkerRequest } from './worker-host';
import { answer } from './worker-host';
import { WorkerPool } from './worker-pool';

/** Runs the passes' file tasks somewhere: worker threads, or this thread. */
export interface PassRunner<M> {
  /** How many tasks may run at once. */
  readonly capacity: number;
  start(setup: PhaseSetup<M>): Promise<void>;
  run(task: FileTask, onBytes: (bytes: number) => void): Promise<FileResult>;
  finish(): Promise<PhaseResult[]>;
  /** Stops at once; tasks in flight fail. */
  close(): Promise<void>;
}

/** How long workers get to abort (stop their bzip2 processes) before they are terminated. */
const ABORT_GRACE_MS = 2000;

/** `workers` worker threads running `script` (the built redact-worker). */
export function workerRunner<M>(script: URL | string, workers: number): PassRunner<M> {
  const pool = new WorkerPool(script, workers);
  const request = (body: WorkerRequest<M>) => body;
  return {
    capacity: pool.size,
    start: async (setup) => {
      await pool.broadcast(request({ kind: 'start', setup }));
    },
    run: async (task, onBytes) => (await pool.run(request({ kind: 'task', task }), onBytes)) as FileResult,
    finish: async () => (await pool.broadcast(request({ kind: 'finish' }))) as PhaseResult[],
    close: () => pool.close(ABORT_GRACE_MS),
  };
}

/** One task at a time in this thread: for tests, and where threads cannot start. */
export function inThreadRunner<M>(engine: WorkerEngine<M>, signal?: AbortSignal): PassRunner<M> {
  const handler = new TaskHandler(engine);
  return {
    capacity: 1,
    start: async (setup) => {
      await answer(handler, { kind: 'start', setup }, () => undefined);
    },
    run: (task, onBytes) => handler.run(task, onBytes, signal),
    finish: async () => [handler.finishPhase()],
    close: async () => undefined,
  };
}
