// The worker thread of `casekit redact`: built as its own entry
// (out/cli/redact-worker.mjs, see vite.cli.config.ts) and started by
// WorkerPool; it runs the passes' file tasks with the real engine.
import { parentPort } from 'node:worker_threads';
import { LeakChecker, Redactor, type MapSnapshot } from '../engine';
import { TaskHandler } from './file-task';
import { serveRequests } from './worker-host';

if (parentPort === null) throw new Error('redact-worker.mjs runs inside a worker thread, started by casekit redact.');

serveRequests(
  parentPort,
  new TaskHandler<MapSnapshot>({
    createRedactor: (map, config) => new Redactor(map, config),
    createLeakChecker: (map, config) => new LeakChecker(map, config),
  }),
);
