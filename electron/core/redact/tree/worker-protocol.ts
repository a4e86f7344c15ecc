/** Messages between the orchestrator and a worker; plain data only. */
export type ToWorker = { id: number; body: unknown };

export type FromWorker =
  | { id: number; type: 'progress'; bytes: number }
  | { id: number; type: 'done'; value: unknown }
  | { id: number; type: 'failed'; error: { name: string; message: string } };

/** Rebuilds an error that crossed from a worker, keeping its name and message. */
export function reviveError(error: { name: string; message: string }): Error {
  const revived = new Error(error.message);
  revived.name = error.name;
  return revived;
}
