import type { Client } from 'ssh2';
import { CasekitError } from '../../../shared/error-codes';

const MAX_OUTPUT = 64 * 1024;

/**
 * Runs one short, fixed command (`whoami`, `hostname`) and returns its first
 * line. Only for the connection test: collection has its own runner with
 * streaming, sudo and cancellation (remote/exec).
 */
export function firstLineOf(client: Client, command: string, timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(
        new CasekitError(
          'COMMAND_TIMEOUT',
          `\`${command}\` did not finish within ${Math.round(timeoutMs / 1000)} s on the server. ` +
            'The server may be overloaded; try again in a moment.',
        ),
      );
    }, timeoutMs);
    client.exec(command, (err, channel) => {
      if (err) {
        clearTimeout(timer);
        reject(
          new CasekitError(
            'CONNECTION_LOST',
            `The server refused to run \`${command}\` (${err.message}). Check that the account may run commands (not sftp-only), then try again.`,
            { cause: err },
          ),
        );
        return;
      }
      let out = '';
      let code: number | null = null;
      channel.on('data', (chunk: Buffer) => {
        if (out.length < MAX_OUTPUT) out += chunk.toString('utf8');
      });
      channel.stderr.resume();
      channel.on('exit', (exitCode: number | null) => {
        code = exitCode;
      });
      channel.on('close', () => {
        clearTimeout(timer);
        const line = out.split('\n')[0]?.trim() ?? '';
        if (code !== 0 || line === '') {
          reject(
            new CasekitError(
              'PERMISSION_DENIED',
              `\`${command}\` failed on the server (exit code ${String(code)}). Log in by hand and check that it runs.`,
            ),
          );
          return;
        }
        resolve(line);
      });
    });
  });
}
