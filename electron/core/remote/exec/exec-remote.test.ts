import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caught } from '../../testing/caught';
import { startExecTestServer, type ExecTestServer } from '../../../../test/support/sshd/exec-test-server';
import { execRemote } from './exec-remote';

let server: ExecTestServer;
let root: Client;

beforeAll(async () => {
  server = await startExecTestServer({ zimbra: false });
  root = await server.as('root');
});
afterAll(() => server.stop());

describe('execRemote', () => {
  it('returns exit code, stdout and stderr apart', async () => {
    const result = await execRemote(root, 'echo out; echo err >&2; exit 3');
    expect(result.exitCode).toBe(3);
    expect(result.signal).toBeNull();
    expect(result.stdout.toString()).toBe('out\n');
    expect(result.stderr.toString()).toBe('err\n');
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it('streams stdout chunks before the command exits', async () => {
    const chunks: Array<{ text: string; at: number }> = [];
    const started = Date.now();
    const result = await execRemote(root, 'echo first; sleep 1; echo second', {
      onStdout: (chunk) => void chunks.push({ text: chunk.toString(), at: Date.now() - started }),
    });
    expect(chunks.map((c) => c.text).join('')).toBe('first\nsecond\n');
    // "first" arrived a second before the command finished, not with the final flush.
    expect(chunks[0]!.text).toBe('first\n');
    expect(result.durationMs - chunks[0]!.at).toBeGreaterThan(700);
  });

  it('streams stderr too, and keeps nothing when collect is false', async () => {
    const seen: string[] = [];
    const result = await execRemote(root, 'echo a >&2; echo b', {
      onStderr: (c) => seen.push(c.toString()),
      collect: false,
    });
    expect(seen.join('')).toBe('a\n');
    expect(result.stdout.length + result.stderr.length).toBe(0);
  });

  it('delivers stdin, byte for byte, and closes it', async () => {
    const input = Buffer.from([0, 1, 2, 0xff, 0x0a, 0x27, 0x24]);
    const result = await execRemote(root, 'cat; echo done', { stdin: input });
    expect(result.stdout).toEqual(Buffer.concat([input, Buffer.from('done\n')]));
  });

  it('closes stdin at once when none is given, so a reader does not hang', async () => {
    const result = await execRemote(root, 'cat; echo eof', { timeoutMs: 5_000 });
    expect(result.stdout.toString()).toBe('eof\n');
  });

  it('caps collected output and says so, while streaming all of it', async () => {
    let streamed = 0;
    const result = await execRemote(root, 'head -c 100000 /dev/zero', {
      maxCollectBytes: 1000,
      onStdout: (chunk) => void (streamed += chunk.length),
    });
    expect(result.stdout.length).toBe(1000);
    expect(result.truncated).toEqual({ stdout: true, stderr: false });
    expect(streamed).toBe(100000);
  });

  it('holds the server back while a promise from onStdout is pending, then takes the rest', async () => {
    const MiB = 1024 * 1024;
    let received = 0;
    let heldAt: number | null = null;
    const result = await execRemote(root, `head -c ${64 * MiB} /dev/zero`, {
      collect: false,
      onStdout: (chunk) => {
        received += chunk.length;
        if (heldAt !== null) return undefined;
        // The first chunk holds everything for a second; without the hold, 64 MiB cross loopback in far less.
        return new Promise<void>((resolve) => {
          setTimeout(() => {
            heldAt = received;
            resolve();
          }, 1000);
        });
      },
    });
    expect(result.exitCode).toBe(0);
    expect(received).toBe(64 * MiB);
    // What was in flight when the channel paused: SSH's window and the stream's buffer, a few MiB at most.
    expect(heldAt).toBeLessThan(8 * MiB);
  });

  it('sets environment variables for the command', async () => {
    const result = await execRemote(root, 'printf %s "$CASEKIT_A|$CASEKIT_B"', {
      env: { CASEKIT_A: "it's $(x)", CASEKIT_B: 'two\nlines' },
    });
    expect(result.stdout.toString()).toBe("it's $(x)|two\nlines");
  });

  it('reports a command the server does not have as exit 127, not as an error', async () => {
    const result = await execRemote(root, 'no-such-command-casekit');
    expect(result.exitCode).toBe(127);
    expect(result.stderr.toString()).toContain('not found');
  });

  it('does not start at all when the signal is already aborted', async () => {
    const error = await caught(execRemote(root, 'touch /tmp/never', { signal: AbortSignal.abort() }));
    expect(error.code).toBe('CANCELLED');
    expect(error.message).toContain('had not started');
  });

  it('refuses an invalid environment variable name', async () => {
    const error = await caught(execRemote(root, 'true', { env: { 'A;rm': 'x' } }));
    expect(error.code).toBe('INVALID_INPUT');
  });

  it('runs as the session user', async () => {
    const result = await execRemote(await server.as('nosudo'), 'id -un');
    expect(result.stdout.toString()).toBe('nosudo\n');
  });
});
