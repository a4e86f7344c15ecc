import type { MessagePort } from 'node:worker_threads';
import type { TaskHandler } from './file-task';
import type { FileTask, PhaseSetup } from './task-types';
import type { FromWorker, ToWorker } from './worker-protocol';

/** What the orchestrator asks a worker. */
export type WorkerRequest<M> =
  { kind: 'start'; setup: PhaseSetup<M> } | { kind: 'task'; task: FileTask } | { kind: 'finish' } | { kind: 'abort' };

/** Progress messages are sent at most this often per worker. */
const PROGRESS_EVERY_MS = 200;

/** Answers the orchestrator's requests with `handler`, in the worker thread. */
export function serveRequests<M>(port: MessagePort, handler: TaskHandler<M>): void {
  // one controller for the worker's life: after an abort the orchestrator only terminates it
  const controller = new AbortController();
  port.on('message', ({ id, body }: ToWorker) => {
    const request = body as WorkerRequest<M>;
    if (request.kind === 'abort') {
      controller.abort();
      return;
    }
    const reply = (message: FromWorker) => port.postMessage(message);
    void answer(handler, request, (bytes) => reply({ id, type: 'progress', bytes }), controller.signal).then(
      (value) => reply({ id, type: 'done', value }),
      (error: unknown) =>
        reply({
          id,
          type: 'failed',
          error:
            error instanceof Error
              ? { name: error.name, message: error.message }
              : { name: 'Error', message: String(error) },
        }),
    );
  });
}

export async function answer<M>(
  handler: TaskHandler<M>,
  request: WorkerRequest<M>,
  progress: (bytes: number) => void,
  signal?: AbortSignal,
): Promise<unknown> {
  switch (request.kind) {
    case 'abort':
      return null;
    case 'start':
      handler.startPhase(request.setup);
      return null;
    case 'finish':
      return handler.finishPhase();
    case 'task': {
      let unsent = 0;
      let last = Date.now();
      const result = await handler.run(
        request.task,
        (bytes) => {
          unsent += bytes;
          if (Date.now() - last >= PROGRESS_EVERY_MS) {
            progress(unsent);
            unsent = 0;
            last = Date.now();
          }
        },
        signal,
      );
      if (unsent > 0) progress(unsent);
      return result;
    }
  }
}
