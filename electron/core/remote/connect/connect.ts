import os from 'node:os';
import type { Client, ParsedKey } from 'ssh2';
import { CasekitError } from '../../../shared/error-codes';
import { connectHop, type ConnectedHop } from './connect-hop';
import type { ConnectOptions, SshSession } from './connect-types';
import { sshCryptoBindingWarning } from './crypto-binding';
import { describeHop } from './ssh-errors';
import type { SshTarget } from './ssh-target';

export type { ConnectOptions, SshSession } from './connect-types';

const CLOSE_GRACE_MS = 3_000;
let bindingChecked = false;

/**
 * Logs in to `options.target`, through each of its jump hosts in turn: every
 * hop's host key is checked before anything is sent to it, every hop runs its
 * own authentication, and closing the session closes every hop.
 */
export async function connectSsh(options: ConnectOptions): Promise<SshSession> {
  warnOnceWithoutBinding();
  const hops = flatten(options.target);
  hops.forEach(validateHop);
  const homedir = options.homedir ?? os.homedir();
  const unlocked = new Map<string, ParsedKey>();
  const connected: ConnectedHop[] = [];
  try {
    let via: { client: Client; where: string } | null = null;
    for (const [index, hop] of hops.entries()) {
      const where = describeHop(hop, index, hops.length);
      const done = await connectHop({ ...options, target: hop, where, via, homedir, unlocked });
      connected.push(done);
      via = { client: done.client, where };
    }
  } catch (err) {
    await closeAll(connected);
    throw err;
  }
  const last = connected.at(-1);
  if (last === undefined) throw new CasekitError('INTERNAL', 'connectSsh finished without connecting any hop.');
  return session(options.target, connected, last, describeHop(options.target, hops.length - 1, hops.length));
}

function session(target: SshTarget, connected: ConnectedHop[], last: ConnectedHop, where: string): SshSession {
  let closing: Promise<void> | null = null;
  const closed = new Promise<CasekitError | null>((resolve) => {
    last.client.once('close', () => {
      const deliberate = closing !== null;
      // A dead hop takes the rest of the chain with it; close the others so nothing lingers.
      void closeAll(connected);
      if (deliberate) return resolve(null);
      const reason = [...connected]
        .reverse()
        .find((hop) => hop.lastError() !== null)
        ?.lastError();
      resolve(
        reason ??
          new CasekitError(
            'CONNECTION_LOST',
            `The connection to ${where} was closed by the server or the network. Connect again to continue.`,
          ),
      );
    });
  });
  return {
    client: last.client,
    target,
    hostKey: last.hostKey,
    authMethod: last.authMethod,
    closed,
    close: () => (closing ??= closeAll(connected)),
  };
}

/** Ends hops last first, so no hop vanishes under a tunnel still in use; waits for each to close. */
async function closeAll(hops: readonly ConnectedHop[]): Promise<void> {
  for (const hop of [...hops].reverse()) await closeOne(hop);
}

async function closeOne(hop: ConnectedHop): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    // A server that never answers our disconnect must not keep close() waiting.
    timer = setTimeout(() => {
      hop.client.destroy();
      resolve();
    }, CLOSE_GRACE_MS);
  });
  hop.client.end();
  await Promise.race([hop.ended, grace]);
  clearTimeout(timer);
}

/** Jump hosts first, in connection order, then the target; nested jump lists are honoured too. */
function flatten(target: SshTarget): SshTarget[] {
  return [...target.jump.flatMap(flatten), { ...target, jump: [] }];
}

function validateHop(hop: SshTarget): void {
  const problem =
    hop.host === ''
      ? 'the host is empty'
      : !Number.isInteger(hop.port) || hop.port < 1 || hop.port > 65535
        ? `the port ${hop.port} is outside 1–65535`
        : hop.user === ''
          ? 'the user name is empty'
          : null;
  if (problem !== null) {
    throw new CasekitError(
      'SSH_CONFIG_INVALID',
      `Cannot connect to "${hop.host}": ${problem}. Check the server's settings.`,
    );
  }
}

function warnOnceWithoutBinding(): void {
  if (bindingChecked) return;
  bindingChecked = true;
  const warning = sshCryptoBindingWarning();
  if (warning !== null) console.warn(`[casekit] ${warning}`);
}
