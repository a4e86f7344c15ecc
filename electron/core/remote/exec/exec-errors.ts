import { CasekitError } from '../../../shared/error-codes';
import { errorMessage } from '../../common/error-text';

/** What became of the remote process when Casekit stopped waiting for it. */
export type StopOutcome = { kind: 'stopped' } | { kind: 'not-started' } | { kind: 'unconfirmed'; reason: string };

function afterStop(label: string, outcome: StopOutcome): string {
  switch (outcome.kind) {
    case 'stopped':
      return `Casekit stopped it on the server, together with every process it had started.`;
    case 'not-started':
      return `It had not started on the server yet.`;
    case 'unconfirmed':
      return `Casekit asked the server to stop it but could not confirm that it did (${outcome.reason}); check for leftover processes of "${label}" with "ps -ef" on the server.`;
  }
}

/** A short name for a command in messages: its first line, cut at 60 characters. */
export function commandLabel(commandLine: string): string {
  const first = commandLine.split('\n', 1)[0] ?? '';
  return first.length > 60 ? `${first.slice(0, 60)}…` : first;
}

export function commandTimedOut(label: string, timeoutMs: number, outcome: StopOutcome): CasekitError {
  return new CasekitError(
    'COMMAND_TIMEOUT',
    `"${label}" did not finish within ${formatSeconds(timeoutMs)}. ${afterStop(label, outcome)} Run it again with a longer time limit, or find out why the server is slow (load, disk, a stuck service).`,
  );
}

export function commandCancelled(label: string, outcome: StopOutcome, cause?: unknown): CasekitError {
  return new CasekitError(
    'CANCELLED',
    `"${label}" was cancelled. ${afterStop(label, outcome)} Run it again when you are ready.`,
    { cause },
  );
}

export function connectionLost(label: string, cause?: unknown): CasekitError {
  const why = cause === undefined ? '' : ` (${errorMessage(cause)})`;
  return new CasekitError(
    'CONNECTION_LOST',
    `The SSH connection to the server was lost while "${label}" was running${why}. The command may still be running on the server. Check the network or VPN, reconnect, and run it again.`,
    { cause },
  );
}

export function channelRefused(label: string, cause: unknown): CasekitError {
  return new CasekitError(
    'PERMISSION_DENIED',
    `The server refused to run "${label}" on this connection (${errorMessage(cause)}). It may allow only a few sessions per connection (MaxSessions in sshd_config) or forbid commands for this account; wait for other work on this server to finish, then try again, or ask its administrator.`,
    { cause },
  );
}

export function callbackFailed(label: string, cause: unknown): CasekitError {
  if (cause instanceof CasekitError) return cause;
  return new CasekitError(
    'INTERNAL',
    `Casekit failed while handling the output of "${label}" (${errorMessage(cause)}), so it stopped the command. This is a bug in Casekit; please report it.`,
    { cause },
  );
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
