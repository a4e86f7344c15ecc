import type { Client } from 'ssh2';
import type { CasekitError } from '../../../shared/error-codes';
import { RemoteRun } from './remote-run';

export interface ExecOptions {
  /** Written to the command's stdin, which is then closed. Without it stdin is closed at once. */
  stdin?: string | Buffer;
  /**
   * Each chunk of stdout as it arrives, long before the command ends. A
   * promise returned holds further output until it settles: the server stops
   * sending once SSH's window is full, so a slow consumer (a disk) is not
   * outrun and nothing piles up in memory.
   */
  // A callback that does its work and returns nothing stays valid: hence void in the union.
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type
  onStdout?(chunk: Buffer): void | Promise<unknown>;
  onStderr?(chunk: Buffer): void;
  /** Keep stdout and stderr in the result (default true), each up to `maxCollectBytes`. */
  collect?: boolean;
  /** Default 16 MiB per stream; past it the result keeps the beginning and says `truncated`. */
  maxCollectBytes?: number;
  /** Stops the command (remote processes included) and rejects with COMMAND_TIMEOUT. */
  timeoutMs?: number;
  /** Aborting stops the command (remote processes included) and rejects with CANCELLED. */
  signal?: AbortSignal;
  /** Exported in the command line, so visible in `ps` on the server: never secrets. */
  env?: Readonly<Record<string, string>>;
  /** How long stopped processes get between SIGTERM and SIGKILL (default 3 s). */
  killGraceMs?: number;
  /** Names the command in error messages (default: the start of the command line). */
  label?: string;
}

export interface ExecResult {
  /** The exit status; null when the server reported a signal instead, or nothing. */
  exitCode: number | null;
  /** e.g. 'SIGKILL', as the server reported it. A command killed by a signal usually shows as exitCode 128+n, because a shell runs it. */
  signal: string | null;
  stdout: Buffer;
  stderr: Buffer;
  /** Whether collecting stopped at `maxCollectBytes`. */
  truncated: { stdout: boolean; stderr: boolean };
  durationMs: number;
}

/** What a hook may do while the command runs. */
export interface ExecControl {
  write(data: string | Buffer): void;
  /** Sends EOF on stdin. */
  end(): void;
  /** Stops the command on the server and rejects with this error. */
  fail(error: CasekitError): void;
}

/** Sees stderr before the caller and returns what the caller gets. */
export interface StderrFilter {
  push(chunk: Buffer): Buffer;
  /** Bytes held back, once stderr has ended. */
  flush(): Buffer;
}

/**
 * For wrappers that must talk to what runs first (sudo's password prompt):
 * `attach` is called once the channel is open and takes over stdin, so
 * execRemote neither writes `stdin` nor sends EOF itself.
 */
export interface ExecHooks {
  attach?(control: ExecControl): StderrFilter;
}

/**
 * Runs a shell command line on an authenticated ssh2 client, streaming its
 * output. The command runs under a supervisor (supervisor-script.ts) so that
 * a timeout or cancel stops it and every process it started on the server,
 * instead of leaving them orphaned. Rejects with COMMAND_TIMEOUT, CANCELLED
 * or CONNECTION_LOST; a non-zero exit is a result, not an error.
 */
export function execRemote(
  client: Client,
  commandLine: string,
  options: ExecOptions = {},
  hooks: ExecHooks = {},
): Promise<ExecResult> {
  return new RemoteRun(client, commandLine, options, hooks).promise;
}
