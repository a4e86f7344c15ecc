import type { Client } from 'ssh2';

type Watcher = (reason?: Error) => void;

// One set of listeners per client, however many commands run on it: a
// listener per command would trip Node's MaxListeners warning at eleven.
const watchers = new WeakMap<Client, Set<Watcher>>();

/**
 * Calls `gone` when the client's connection errors, ends or closes (ssh2
 * emits these before it closes the channels). Returns the function that stops watching.
 */
export function watchConnection(client: Client, gone: Watcher): () => void {
  let set = watchers.get(client);
  if (!set) {
    const active = new Set<Watcher>();
    const notify = (reason?: Error) => {
      for (const watcher of active) watcher(reason);
    };
    client.on('error', (err: Error) => notify(err));
    client.on('end', () => notify());
    client.on('close', () => notify());
    watchers.set(client, active);
    set = active;
  }
  const mine = set;
  mine.add(gone);
  return () => mine.delete(gone);
}
