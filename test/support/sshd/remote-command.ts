import type { Client } from 'ssh2';
import { rawExec, type RawExecResult } from './raw-exec';

export type CommandResult = RawExecResult;

/** Runs a shell command and collects its output: for setting up and inspecting the test host. */
export const runCommand = (client: Client, command: string): Promise<CommandResult> => rawExec(client, command);

/**
 * The pid of the sshd process serving this client's connection (the parent of
 * the shell it runs commands in), so a test can cut exactly this connection
 * with `process.kill` and nothing else on the machine.
 */
export async function sessionPid(client: Client): Promise<number> {
  const { stdout } = await runCommand(client, 'echo $PPID');
  const pid = Number(stdout.trim());
  if (!Number.isInteger(pid) || pid <= 1) throw new Error(`unexpected session pid: ${stdout}`);
  return pid;
}
