import type { MessagePort } from 'node:worker_threads';
import type { TaskHandler } from './file-task';
import type { FileTask, PhaseSetup } from './task-types';
import type { FromWorker, ToWorker } from './worker-protocol';

/** What the orchestrator asks a worker. */
export type WorkerRequest<M> =
  { kind: 'start'; setup: PhaseSetup<M> } | { kind: 'task'; task: FileTask } | { kind: 'finish' };

/** Progress messages are sent at most this often per worker. */
const PROGRESS_EVERY_MS = 200;

/** Answers the orchestrator's requests with `handler`, in the worker thread. */
export function serveRequests<M>(port: MessagePort, handler: TaskHandler<M>): void {
  port.on('message', ({ id, body }: ToWorker) => {
    const reply = (message: FromWorker) => port.postMessage(message);
    void answer(handler, body as WorkerRequest<M>, (bytes) => reply({ id, type: 'progress', bytes })).then(
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
): Promise<unknown> {
  switch (request.kind) {
    case 'start':
      handler.startPhase(request.setup);
      return null;
    case 'finish':
      return handler.finishPhase();
    case 'task': {
      let unsent = 0;
      let last = Date.now();
      const result = await handler.run(request.task, (bytes) => {
        unsent += bytes;
        if (Date.now() - last >= PROGRESS_EVERY_MS) {
          progress(unsent);
          unsent = 0;
          last = Date.now();
        }
      });
      if (unsent > 0) progress(unsent);
      return result;
    }
  }
}
