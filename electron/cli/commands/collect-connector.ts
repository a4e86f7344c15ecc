import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveDataDir } from '../../core/common/data-dir';
import type { CollectHost, HostConnector } from '../../core/collect/collect-host';
import { sshCollectHost } from '../../core/collect/host/index';
import { connectSsh } from '../../core/remote/connect/connect';
import type { ConnectPrompts, UnknownHostKeyInfo } from '../../core/remote/connect/connect-types';
import { HostKeyStore } from '../../core/remote/connect/host-key-store';
import { resolveTarget, type SshTarget } from '../../core/remote/connect/ssh-target';
import { CasekitError } from '../../shared/error-codes';
import { askHiddenLine } from './ask-hidden-line';

export interface ConnectorFlags {
  identity?: string;
  passphrase: string | null;
  password: string | null;
  jump?: string;
  knownHosts?: string;
  acceptNewHostKey: boolean;
  sudo: boolean;
  sudoPassword: string | null;
  serviceUser: string;
}

/** Keepalives this often, the connection counts as lost after four unanswered: a host that vanishes is known within 20 s. */
const KEEPALIVE_MS = 5_000;

function readOptional(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** `--known-hosts FILE` alone (read and, with --accept-new-host-key, written), else Casekit's store and ~/.ssh/known_hosts. */
export function cliHostKeyStore(knownHosts: string | undefined, homedir = os.homedir()): HostKeyStore {
  if (knownHosts !== undefined) {
    return new HostKeyStore({ appKnownHostsFile: path.resolve(knownHosts), userKnownHostsFiles: [] });
  }
  return new HostKeyStore({
    appKnownHostsFile: path.join(
      resolveDataDir({ env: process.env, platform: process.platform, homedir }),
      'known_hosts',
    ),
    userKnownHostsFiles: [path.join(homedir, '.ssh', 'known_hosts')],
  });
}

/** A target as ssh would read it, ~/.ssh/config applied; throws SSH_CONFIG_INVALID for one that cannot be. */
export function resolveCliTarget(spec: string, homedir = os.homedir()): SshTarget {
  return resolveTarget(spec, {
    sshConfigText: readOptional(path.join(homedir, '.ssh', 'config')),
    defaultUser: os.userInfo().username,
    homedir,
  });
}

/** One question on the terminal at a time: hosts connect in parallel, but there is one keyboard. */
class TerminalQuestions {
  private turn: Promise<unknown> = Promise.resolve();

  ask(prompt: string): Promise<string | null> {
    if (process.stdin.isTTY !== true || process.stderr.isTTY !== true) return Promise.resolve(null);
    const answer = this.turn.then(() => askHiddenLine(prompt));
    this.turn = answer.catch(() => undefined);
    return answer;
  }
}

/**
 * How `casekit collect` reaches its targets: ~/.ssh/config applied, then
 * the flags (--identity, --jump); host keys checked before any credential
 * is sent (an unknown one is trusted only with --accept-new-host-key);
 * secrets from the environment variables the flags name, else asked on the
 * terminal when there is one.
 */
export function cliConnector(flags: ConnectorFlags, onNewHostKey: (info: UnknownHostKeyInfo) => void): HostConnector {
  const store = cliHostKeyStore(flags.knownHosts);
  const questions = new TerminalQuestions();
  const prompts: ConnectPrompts = {
    passphrase: (keyFile, attempt) =>
      flags.passphrase !== null
        ? Promise.resolve(attempt === 1 ? flags.passphrase : null)
        : questions.ask(`Passphrase for ${keyFile}: `),
    password: (user, host, attempt) =>
      flags.password !== null
        ? Promise.resolve(attempt === 1 ? flags.password : null)
        : questions.ask(`Password for ${user}@${host}: `),
    keyboardInteractive: async (request) => {
      const answers: string[] = [];
      for (const [index, prompt] of request.prompts.entries()) {
        const given = request.prompts.length === 1 && /password/i.test(prompt.prompt) ? flags.password : null;
        const answer = given ?? (await questions.ask(`${request.name || 'Server'}: ${prompt.prompt.trim()} `));
        if (answer === null) return null;
        answers[index] = answer;
      }
      return answers;
    },
  };

  return async (spec: string, signal: AbortSignal): Promise<CollectHost> => {
    const target = resolveCliTarget(spec);
    if (flags.identity !== undefined) target.identityFiles = [path.resolve(flags.identity)];
    if (flags.jump !== undefined) {
      // Like ssh -J: a comma-separated chain, each hop through the one before.
      target.jump = flags.jump.split(',').flatMap((hop) => {
        const resolved = resolveCliTarget(hop.trim());
        return [...resolved.jump, { ...resolved, jump: [] }];
      });
    }
    const session = await connectSsh({
      target,
      hostKeys: store,
      onUnknownHostKey: (info) => {
        if (flags.acceptNewHostKey) onNewHostKey(info);
        return Promise.resolve(flags.acceptNewHostKey);
      },
      prompts,
      agent: process.env.SSH_AUTH_SOCK ?? null,
      keepaliveIntervalMs: KEEPALIVE_MS,
      signal,
    });
    let sudoAsked: Promise<string | null> | null = null;
    const sudoPassword = flags.sudo
      ? () =>
          flags.sudoPassword !== null
            ? Promise.resolve(flags.sudoPassword)
            : (sudoAsked ??= questions.ask(`sudo password for ${target.user} on ${spec}: `))
      : undefined;
    try {
      return await sshCollectHost({
        client: session.client,
        target: spec,
        sessionUser: target.user,
        serviceUser: flags.serviceUser,
        closed: session.closed,
        close: session.close,
        sudoPassword,
        signal,
      });
    } catch (error) {
      await session.close();
      throw error instanceof CasekitError ? error : new CasekitError('INTERNAL', String(error));
    }
  };
}
