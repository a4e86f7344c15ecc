import type { Client } from 'ssh2';

export interface RawExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command over a bare ssh2 exec channel, with none of Casekit's
 * wrapping: an independent witness for tests of Casekit's own exec code.
 */
export function rawExec(client: Client, command: string, stdin?: string): Promise<RawExecResult> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, channel) => {
      if (err) return reject(err);
      let stdout = '';
      let stderr = '';
      let code: number | null = null;
      channel.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      channel.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      channel.on('exit', (exitCode: number | null) => (code = exitCode));
      channel.on('close', () => resolve({ code, stdout, stderr }));
      channel.end(stdin);
    });
  });
}
