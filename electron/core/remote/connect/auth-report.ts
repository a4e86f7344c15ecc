import { CasekitError } from '../../../shared/error-codes';
import type { SshTarget } from './ssh-target';

export type AuthStep =
  | { kind: 'agent'; agent: string }
  | { kind: 'key'; file: string; configured: boolean }
  | { kind: 'password' }
  | { kind: 'keyboard-interactive' };

export interface StepState {
  step: AuthStep;
  /** How often this method was sent to the server. */
  attempts: number;
  done: boolean;
}

const SUPPORTED = ['publickey', 'password', 'keyboard-interactive', 'none'];

export function describeStep(step: AuthStep): string {
  switch (step.kind) {
    case 'agent':
      return 'the keys in the SSH agent';
    case 'key':
      return `the key ${step.file}`;
    case 'password':
      return 'a password';
    case 'keyboard-interactive':
      return 'keyboard-interactive (server prompts)';
  }
}

function triedText(state: StepState): string {
  const times = state.attempts > 1 ? ` (${state.attempts} tries)` : '';
  return `${describeStep(state.step)}${times}`;
}

/**
 * Every refusal names what was tried, what the server would have accepted and
 * what is left to do: "Permission denied (publickey)" alone sends admins guessing.
 */
export function authFailedError(
  ctx: { target: SshTarget; where: string },
  steps: readonly StepState[],
  serverMethods: readonly string[] | null,
  notes: readonly string[],
): CasekitError {
  const { user } = ctx.target;
  const tried = steps.filter((state) => state.attempts > 0).map(triedText);
  const accepts = serverMethods === null || serverMethods.length === 0 ? null : serverMethods.join(', ');
  const unsupported = (serverMethods ?? []).filter((method) => !SUPPORTED.includes(method));

  const parts = [
    tried.length > 0
      ? `The server at ${ctx.where} refused the login as "${user}". Casekit tried ${tried.join(', ')}.`
      : `Casekit had no way to log in to ${ctx.where} as "${user}" that the server accepts.`,
  ];
  if (accepts !== null) parts.push(`The server accepts: ${accepts}.`);
  if (unsupported.length > 0) parts.push(`Casekit does not support ${unsupported.join(', ')}.`);
  if (notes.length > 0) parts.push(`Also: ${notes.join('; ')}.`);
  parts.push(advice(serverMethods ?? [], user));
  return new CasekitError('AUTH_FAILED', parts.join(' '));
}

function advice(methods: readonly string[], user: string): string {
  const fixes: string[] = [];
  if (methods.includes('publickey')) {
    fixes.push(
      `put your public key in ~${user}/.ssh/authorized_keys on the server (ssh-copy-id does this), or load the right key into your agent (ssh-add), or name it with IdentityFile in ~/.ssh/config`,
    );
  }
  if (methods.includes('password') || methods.includes('keyboard-interactive')) {
    fixes.push(`check the user name and password for "${user}"`);
  }
  if (fixes.length === 0) fixes.push('check the user name and the server’s sshd_config (AuthenticationMethods)');
  return `To fix it: ${fixes.join('; or ')}.`;
}
