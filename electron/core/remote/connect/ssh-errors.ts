import { CasekitError, type ErrorCode } from '../../../shared/error-codes';
import { errorMessage } from '../../common/error-text';
import type { KexCapture } from './kex-capture';
import type { SshTarget } from './ssh-target';

const DNS_CODES = ['ENOTFOUND', 'EAI_AGAIN', 'EAI_NODATA', 'EAI_FAIL', 'EAI_NONAME'];
const UNREACHABLE_CODES = ['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN'];
const RESET_CODES = ['ECONNRESET', 'EPIPE', 'ECONNABORTED'];
/** RFC 4253 §11.1 disconnect reasons that mean "login refused". */
const AUTH_DISCONNECT = [14];

function hostPort(target: SshTarget): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return target.alias === null ? `${host}:${target.port}` : `${target.alias} (${host}:${target.port})`;
}

/** How messages name one hop: `mail:22`, `jump host 1 of 2, bastion (10.0.0.1:22)`, `mail:22 (via 2 jump hosts)`. */
export function describeHop(target: SshTarget, index: number, hops: number): string {
  if (hops === 1) return hostPort(target);
  if (index < hops - 1) return `jump host ${index + 1} of ${hops - 1}, ${hostPort(target)}`;
  return `${hostPort(target)} (via ${hops - 1} jump host${hops > 2 ? 's' : ''})`;
}

function field(err: unknown, name: 'code' | 'level' | 'reason' | 'description'): unknown {
  return typeof err === 'object' && err !== null && name in err ? (err as Record<string, unknown>)[name] : undefined;
}

function make(code: ErrorCode, message: string, cause: unknown): CasekitError {
  return new CasekitError(code, message, { cause });
}

export interface MapContext {
  where: string;
  kex?: KexCapture;
  legacy?: boolean;
}

/** Turns whatever ssh2 or the socket threw while connecting into one CasekitError that says what to do. */
export function mapConnectError(err: unknown, ctx: MapContext): CasekitError {
  if (err instanceof CasekitError) return err;
  const { where } = ctx;
  const code = field(err, 'code');
  const message = errorMessage(err);

  if (typeof code === 'string') {
    if (DNS_CODES.includes(code)) {
      return make(
        'DNS_FAILED',
        `The address of ${where} could not be found (${code}). Check the host name for typos (and its HostName in ~/.ssh/config), or that this computer's DNS or VPN is working.`,
        err,
      );
    }
    if (code === 'ECONNREFUSED') {
      return make(
        'CONNECTION_REFUSED',
        `${where} refused the connection: nothing accepts connections on that port. Check the port number, and that sshd is running there and not blocked by a firewall.`,
        err,
      );
    }
    if (code === 'ETIMEDOUT' || UNREACHABLE_CODES.includes(code)) {
      return make(
        'CONNECTION_TIMEOUT',
        `${where} could not be reached (${code}). Check the network, a VPN, or a firewall between this computer and the server.`,
        err,
      );
    }
    if (RESET_CODES.includes(code)) return lost(where, `the connection was reset (${code})`, err);
  }
  const noMatch = ctx.kex?.noCommonAlgorithm(message, where, ctx.legacy === true);
  if (noMatch) return noMatch;
  if (message === 'Keepalive timeout') return lost(where, 'the server stopped answering keepalive messages', err);
  if (message === 'Connection lost before handshake') {
    return make(
      'CONNECTION_LOST',
      `${where} closed the connection before SSH started. It may not be an SSH server, or sshd turned the connection away (MaxStartups, TCP wrappers, fail2ban). Check the port, and the server's auth log.`,
      err,
    );
  }
  if (typeof code === 'number' && (AUTH_DISCONNECT.includes(code) || /authentication/i.test(message))) {
    // sshd's MaxAuthTries counts every key offered: an agent full of keys can use them up before the right one.
    const tooMany = /too many/i.test(message)
      ? ' If your SSH agent holds many keys, name the right one with IdentityFile in ~/.ssh/config or remove others with ssh-add -d.'
      : '';
    return make(
      'AUTH_FAILED',
      `${where} ended the login: "${message}". Check the user name and credentials, and the server's auth log.${tooMany}`,
      err,
    );
  }
  if (/signature verification failed/i.test(message)) {
    return lost(where, 'the server failed to prove it holds its host key (bad handshake signature)', err);
  }
  if (typeof code === 'number') return lost(where, `the server disconnected: "${message}"`, err);
  return lost(where, message, err);
}

function lost(where: string, why: string, cause: unknown): CasekitError {
  return make(
    'CONNECTION_LOST',
    `The connection to ${where} was lost: ${why}. Try again; if it keeps happening, check the network and the server's sshd log.`,
    cause,
  );
}

/** The server closed the connection during the handshake or login without saying why. */
export function closedDuringLogin(where: string): CasekitError {
  return lost(
    where,
    'the server closed the connection during the handshake or login (a server also gives up on a login that takes longer than its LoginGraceTime, usually 2 minutes)',
    undefined,
  );
}

export type ConnectPhase = 'tcp' | 'ssh' | 'login';

export function timeoutError(where: string, phase: ConnectPhase, timeoutMs: number): CasekitError {
  const seconds = `${Math.round(timeoutMs / 100) / 10} s`;
  const what =
    phase === 'tcp'
      ? `no TCP connection to ${where} within ${seconds}. Check the host and port, and the network, VPN or firewall on the way`
      : phase === 'ssh'
        ? `${where} accepted the connection but did not complete an SSH handshake within ${seconds}. Check that the port belongs to sshd, not another service`
        : `${where} stopped answering during the login (nothing for ${seconds}). The server may be overloaded; try again`;
  return new CasekitError('CONNECTION_TIMEOUT', `Timed out: ${what}.`);
}

/** A jump host could not open the tunnel to the next hop (SSH_MSG_CHANNEL_OPEN_FAILURE, RFC 4254 §5.1). */
export function forwardError(err: unknown, jumpWhere: string, nextWhere: string): CasekitError {
  const reason = field(err, 'reason');
  const description = errorMessage(err).replace(/^\(SSH\) Channel open failure: /, '');
  const via = `${jumpWhere} could not connect onward to ${nextWhere}`;
  if (reason === 1) {
    return make(
      'PERMISSION_DENIED',
      `${via}: it refused to forward the connection (${description}). Its sshd_config must allow TCP forwarding (AllowTcpForwarding, PermitOpen) for this user, or use another jump host.`,
      err,
    );
  }
  if (reason === 2) {
    if (/name|service not known|resolve|address/i.test(description)) {
      return make(
        'DNS_FAILED',
        `${via}: the jump host could not resolve that name (${description}). Check the HostName of the next hop; it is looked up by the jump host, not by this computer.`,
        err,
      );
    }
    if (/timed out|no route|unreachable/i.test(description)) {
      return make(
        'CONNECTION_TIMEOUT',
        `${via}: ${description}. Check that the next hop is reachable from the jump host.`,
        err,
      );
    }
    return make(
      'CONNECTION_REFUSED',
      `${via}: ${description}. Check the next hop's host and port, and that sshd runs there.`,
      err,
    );
  }
  return lost(jumpWhere, `it could not open a tunnel to ${nextWhere} (${description})`, err);
}
