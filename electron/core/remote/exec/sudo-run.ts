import type { Client } from 'ssh2';
import { execRemote, type ExecOptions, type ExecResult } from './exec-remote';
import { randomMarker } from './marker-scanner';
import { command } from './shell-quote';
import { SudoGate } from './sudo-gate';
import { sudoPasswordUnusable, sudoWrongPassword } from './sudo-errors';
import { supervisorArgv } from './supervisor-script';

const DEFAULT_GRACE_MS = 3_000;
// The session-level supervisor must outlast the root one, which needs its
// grace period plus up to 2 s of SIGKILL rounds.
const OUTER_EXTRA_GRACE_MS = 3_000;

export type SudoOutcome = { ran: true; result: ExecResult } | { ran: false; said: string; exitCode: number | null };

/**
 * One attempt at `sudo -- <supervisor> <command>`: with `-n` when no password
 * is given (sudo fails rather than asks), else with `-S -p <marker>` and the
 * password on stdin once the marker shows. The command runs under its own
 * supervisor as root, so stopping it works even though the session user may
 * not signal root's processes: sudo relays the SIGTERM to that supervisor.
 * `ran: false` means sudo refused and the command never started.
 */
export async function runSudo(
  client: Client,
  user: string,
  innerCommand: string,
  options: ExecOptions,
  password?: string,
): Promise<SudoOutcome> {
  if (password !== undefined && /[\n\r\0]/.test(password)) throw sudoPasswordUnusable(user);
  const startMarker = randomMarker('casekit-root-');
  const promptMarker = randomMarker('casekit-sudo-');
  const graceMs = options.killGraceMs ?? DEFAULT_GRACE_MS;
  const mode = password === undefined ? ['-n'] : ['-S', '-p', promptMarker];
  const argv = ['sudo', ...mode, '--', ...supervisorArgv(innerCommand, { marker: startMarker, graceMs })];
  // The C locale keeps sudo's messages in English, which is what classifySudoRefusal reads.
  const line = `LC_ALL=C ${command(argv)}`;
  const prompt =
    password === undefined ? undefined : { marker: promptMarker, password, rejected: () => sudoWrongPassword(user) };
  const gate = new SudoGate(startMarker, prompt, options.stdin);
  const result = await execRemote(
    client,
    line,
    { ...options, stdin: undefined, env: undefined, killGraceMs: graceMs + OUTER_EXTRA_GRACE_MS },
    { attach: (control) => gate.attach(control) },
  );
  return gate.started ? { ran: true, result } : { ran: false, said: gate.said(), exitCode: result.exitCode };
}

/**
 * Whether sudo says outright that `user` may not use it. `sudo -n -v` answers
 * without a password ("may not run sudo"), where `sudo -n <command>` says "a
 * password is required" to everyone: no point asking for a password that
 * cannot help.
 */
export async function sudoRefusesUser(client: Client, options: ExecOptions): Promise<boolean> {
  const result = await execRemote(client, 'LC_ALL=C sudo -n -v', {
    signal: options.signal,
    timeoutMs: 15_000,
    label: 'sudo -n -v',
  });
  return /may not run sudo|is not in the sudoers file/i.test(result.stderr.toString());
}
