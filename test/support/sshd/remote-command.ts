import type { Client } from 'ssh2';

export interface CommandResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs a shell command over an ssh2 client and collects its output: for setting up and inspecting the test host. */
export function runCommand(client: Client, command: string): Promise<CommandResult> {
  return new Promise((resolve, reject) =>
    client.exec(command, (err, channel) => {
      if (err) return reject(err);
      let stdout = '';
      let stderr = '';
      let code: number | null = null;
      channel.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      channel.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      channel.on('exit', (exitCode: number | null) => (code = exitCode));
      channel.on('close', () => resolve({ stdout, stderr, code }));
    }),
  );
}

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
