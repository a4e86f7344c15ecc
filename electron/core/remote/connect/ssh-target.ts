import { isIPv6 } from 'node:net';
import { CasekitError } from '../../../shared/error-codes';
import { mentionsLegacyAlgorithm } from './algorithms';
import { expandPath, expandTokens } from './config-tokens';
import { SshConfigLookup } from './ssh-config-lookup';

/** A server to log in to, with everything ~/.ssh/config said about it already applied. */
export interface SshTarget {
  /** The address to connect to (HostName applied); for a jump, what the previous hop connects to. */
  host: string;
  port: number;
  user: string;
  /** Absolute paths; empty means "the OpenSSH defaults that exist" (~/.ssh/id_ed25519, id_ecdsa, id_rsa). */
  identityFiles: string[];
  /** Jump hosts in connection order: first is dialled directly, each next one through the one before. */
  jump: SshTarget[];
  /** The name the user gave when ~/.ssh/config mapped it to another HostName, else null. */
  alias: string | null;
  legacyAlgorithms: boolean;
}

export interface TargetSpec {
  user: string | null;
  host: string;
  port: number | null;
}

const MAX_HOPS = 10;
// Letters, digits, dots, dashes, underscores: host names, IPv4 and config aliases. No shell or config metacharacters.
const HOST_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9._-]*[A-Za-z0-9_])?$/;
const USER_NAME = /^[^\s:/\\'"`$;&|<>(){}[\]]+$/;

function invalid(spec: string, why: string): CasekitError {
  return new CasekitError(
    'SSH_CONFIG_INVALID',
    `"${spec}" is not a valid server address: ${why}. Write it as host, user@host, host:port or user@[IPv6 address]:port.`,
  );
}

export function parsePort(text: string, onError: (why: string) => CasekitError): number {
  if (!/^\d{1,5}$/.test(text)) throw onError(`the port "${text}" is not a number`);
  const port = Number(text);
  if (port < 1 || port > 65535) throw onError(`the port ${port} is outside 1–65535`);
  return port;
}

/** `[user@]host[:port]`, `user@[v6addr]:port`, a bare IPv6 address, or `ssh://[user@]host[:port]` as ProxyJump allows. */
export function parseTargetSpec(spec: string): TargetSpec {
  let rest = spec.startsWith('ssh://') ? spec.slice('ssh://'.length).replace(/\/$/, '') : spec;
  if (rest.trim() === '') throw invalid(spec, 'it is empty');
  if (/\s/.test(rest)) throw invalid(spec, 'it contains spaces');

  let user: string | null = null;
  const at = rest.lastIndexOf('@');
  if (at !== -1) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (!USER_NAME.test(user))
      throw invalid(spec, `the user name "${user}" is empty or contains characters SSH does not allow`);
  }

  let host: string;
  let portText: string | null = null;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1) throw invalid(spec, 'the "[" before the host has no matching "]"');
    host = rest.slice(1, close);
    const after = rest.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) throw invalid(spec, `unexpected "${after}" after "]"`);
    if (after !== '') portText = after.slice(1);
  } else if ((rest.match(/:/g) ?? []).length > 1) {
    host = rest; // a bare IPv6 address: every colon belongs to it, so there is no port
  } else {
    const colon = rest.indexOf(':');
    host = colon === -1 ? rest : rest.slice(0, colon);
    if (colon !== -1) portText = rest.slice(colon + 1);
  }
  if (host.includes(':') ? !isIPv6(host) : !HOST_NAME.test(host)) {
    throw invalid(spec, `"${host}" is not a host name or IP address`);
  }
  const port = portText === null ? null : parsePort(portText, (why) => invalid(spec, why));
  return { user, host, port };
}

export interface ResolveOptions {
  /** The text of ~/.ssh/config, or null when there is none. */
  sshConfigText: string | null;
  /** The login name when neither the spec nor the config names one (the local user, like ssh). */
  defaultUser: string;
  homedir: string;
  /** The user's per-server choice; the config can also turn legacy on for a host (e.g. `Ciphers +aes256-cbc`). */
  legacyAlgorithms?: boolean;
}

/** Applies ~/.ssh/config to a `[user@]host[:port]` the user typed, jump hosts included. */
export function resolveTarget(spec: string, options: ResolveOptions): SshTarget {
  const config = new SshConfigLookup(options.sshConfigText);
  const target = resolveHop(parseTargetSpec(spec), config, options, [], null);
  if (options.legacyAlgorithms === true) target.legacyAlgorithms = true;
  if (target.jump.length > MAX_HOPS) {
    throw new CasekitError(
      'SSH_CONFIG_INVALID',
      `Reaching ${spec} takes ${target.jump.length} jump hosts; Casekit allows at most ${MAX_HOPS}. Check the ProxyJump lines in your SSH config.`,
    );
  }
  return target;
}

function resolveHop(
  spec: TargetSpec,
  config: SshConfigLookup,
  options: ResolveOptions,
  via: readonly string[],
  jumpOverride: string | null,
): SshTarget {
  const name = spec.host;
  if (via.includes(name) || via.length > MAX_HOPS) {
    throw new CasekitError(
      'SSH_CONFIG_INVALID',
      `The ProxyJump settings in your SSH config loop: ${[...via, name].join(' → ')}. Break the loop so each host is reached through different jump hosts.`,
    );
  }
  const found = config.lookup(name);
  const where = (directive: string) => `The ${directive} for "${name}" in your SSH config`;
  const local = { u: options.defaultUser, d: options.homedir };
  const host = found.hostName === null ? name : expandTokens(found.hostName, { ...local, h: name }, where('HostName'));
  const user = spec.user ?? found.user ?? options.defaultUser;
  const port =
    spec.port ??
    (found.port === null
      ? 22
      : parsePort(found.port, (why) => new CasekitError('SSH_CONFIG_INVALID', `${where('Port')} is invalid: ${why}.`)));
  const tokens = { ...local, h: host, r: user, p: String(port), n: name };
  const identityFiles = found.identityFiles
    .filter((file) => file.toLowerCase() !== 'none')
    .map((file) => expandPath(file, tokens, options.homedir, where('IdentityFile')));

  const jumpText = jumpOverride ?? found.proxyJump;
  if (jumpText === null && found.proxyCommand !== null && found.proxyCommand.toLowerCase() !== 'none') {
    throw new CasekitError(
      'SSH_CONFIG_INVALID',
      `${where('ProxyCommand')} runs a command to reach the server, which Casekit does not do. If it is an "ssh -W" through a jump host, write "ProxyJump <jump host>" instead.`,
    );
  }
  const jump: SshTarget[] = [];
  if (jumpText !== null && jumpText.toLowerCase() !== 'none') {
    const hops = jumpText.split(',').map((hop) => hop.trim());
    // Like `ssh -J a,b`: the last hop is dialled through the earlier ones, which then
    // replace its own ProxyJump; each earlier hop keeps whatever its config says.
    const lastSpec = parseJumpSpec(hops.pop() ?? '', name);
    const lastHop = resolveHop(lastSpec, config, options, [...via, name], hops.length > 0 ? hops.join(',') : null);
    jump.push(...lastHop.jump, { ...lastHop, jump: [] });
  }
  const legacyAlgorithms = found.algorithmSettings.some(mentionsLegacyAlgorithm);
  return { host, port, user, identityFiles, jump, alias: host === name ? null : name, legacyAlgorithms };
}

function parseJumpSpec(hop: string, forHost: string): TargetSpec {
  try {
    return parseTargetSpec(hop);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new CasekitError(
      'SSH_CONFIG_INVALID',
      `The ProxyJump for "${forHost}" in your SSH config is invalid. ${why}`,
    );
  }
}
