import { CasekitError } from '../../../shared/error-codes';

/** The algorithm families of an SSH handshake, named as users read them. */
const FAMILIES = [
  { debug: 'KEX method', failure: /key exchange/, label: 'key exchange method' },
  { debug: 'Host key format', failure: /host key/, label: 'host key type' },
  { debug: 'C->S cipher', failure: /cipher/, label: 'cipher' },
  { debug: 'C->S MAC', failure: /MAC/, label: 'MAC' },
  { debug: 'C->S compression', failure: /compression/, label: 'compression method' },
] as const;

type Family = (typeof FAMILIES)[number]['debug'];

/**
 * ssh2 reports a failed negotiation only as "no matching cipher"; the lists
 * each side offered appear in its debug output alone. This listens to that
 * output during the handshake, so the error can say what the server offers.
 */
export class KexCapture {
  private readonly remote = new Map<Family, string[]>();
  private readonly local = new Map<Family, string[]>();
  private serverIdent: string | null = null;
  private done = false;

  readonly debug = (message: string): void => {
    // ssh2 keeps calling this for every packet of the session; after the handshake there is nothing to learn.
    if (this.done) return;
    const ident = /^Remote ident: '(.*)'$/.exec(message)?.[1];
    if (ident !== undefined) this.serverIdent = ident.replace(/^SSH-[\d.]+-/, '');
    const [, side, name, list] = /^Handshake: \((local|remote)\) (.+?): (.*)$/.exec(message) ?? [];
    const family = FAMILIES.find((f) => f.debug === name);
    if (family === undefined || list === undefined) return;
    (side === 'remote' ? this.remote : this.local).set(family.debug, list.split(',').filter(Boolean));
  };

  stop(): void {
    this.done = true;
  }

  /** NO_COMMON_ALGORITHM for ssh2's "Handshake failed: no matching …", or null for any other error. */
  noCommonAlgorithm(message: string, where: string, legacyEnabled: boolean): CasekitError | null {
    if (!/^Handshake failed: no matching /i.test(message)) return null;
    const family = FAMILIES.find((f) => f.failure.test(message));
    const label = family?.label ?? 'algorithm';
    const theirs = family === undefined ? undefined : this.remote.get(family.debug);
    const ours = family === undefined ? undefined : this.local.get(family.debug);
    const server = this.serverIdent === null ? '' : ` (${this.serverIdent})`;
    const offered =
      theirs === undefined
        ? `Casekit could not see which ${label}s the server offers.`
        : `The server offers only: ${theirs.join(', ')}.`;
    const own = ours === undefined ? '' : ` Casekit offered: ${ours.join(', ')}.`;
    const advice = legacyEnabled
      ? 'Legacy algorithms are already enabled for this server and still do not match: the server needs an SSH update or a change to its sshd_config.'
      : 'If this is an old server you trust, enable legacy algorithms for this server in Casekit (or add the algorithm to its Host section in ~/.ssh/config, e.g. "Ciphers +aes256-cbc"); better still, update the server’s SSH.';
    return new CasekitError(
      'NO_COMMON_ALGORITHM',
      `${where}${server} and Casekit have no ${label} in common, so no secure connection could be set up. ${offered}${own} ${advice}`,
    );
  }
}
