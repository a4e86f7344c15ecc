import { randomInt } from 'node:crypto';
import type { Client } from 'ssh2';
import { rawExec } from './raw-exec';

export interface RemoteProcess {
  pid: number;
  ppid: number;
  user: string;
  args: string;
}

/**
 * Every process on the test host, as `ps` in a root session sees it. The test
 * sshd shares the machine's pid namespace, so tests that look for their own
 * processes must give them unique command lines (see `uniqueSleep`).
 */
export async function remoteProcesses(root: Client): Promise<RemoteProcess[]> {
  const { stdout } = await rawExec(root, 'ps -eo pid=,ppid=,user:32=,args=');
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [, pid, ppid, user, args] = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line) ?? [];
      return { pid: Number(pid), ppid: Number(ppid), user: user ?? '', args: args ?? '' };
    });
}

/** A `sleep` no other test (nor anything else on the machine) is running: `sleep 1000.<random>`. */
export function uniqueSleep(): string {
  return `sleep 1000.${randomInt(1e8, 1e9)}`;
}

/** The processes running exactly `args` (e.g. a uniqueSleep()). */
export async function processesRunning(root: Client, args: string): Promise<RemoteProcess[]> {
  return (await remoteProcesses(root)).filter((process) => process.args === args);
}

/** Waits until `count` processes run exactly `args`, so a test knows its command really started. */
export async function waitForProcesses(
  root: Client,
  args: string,
  count = 1,
  timeoutMs = 10_000,
): Promise<RemoteProcess[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await processesRunning(root, args);
    if (found.length >= count) return found;
    if (Date.now() > deadline) throw new Error(`"${args}" was not running ${count} time(s) within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
