import SSHConfig, { LineType, type Line } from 'ssh-config';
import { CasekitError } from '../../../shared/error-codes';
import { errorMessage } from '../../common/error-text';

/** The directives Casekit applies for one host, as written (tokens not yet expanded). */
export interface HostConfig {
  hostName: string | null;
  user: string | null;
  port: string | null;
  identityFiles: string[];
  proxyJump: string | null;
  proxyCommand: string | null;
  /** Ciphers, KexAlgorithms, HostKeyAlgorithms, MACs: read only to see whether the user enabled legacy algorithms. */
  algorithmSettings: string[];
}

const ALGORITHM_DIRECTIVES = ['ciphers', 'kexalgorithms', 'hostkeyalgorithms', 'macs', 'pubkeyacceptedalgorithms'];

/**
 * `~/.ssh/config` answered the way OpenSSH answers it (first value obtained
 * wins, Host and Match sections in file order), through the ssh-config package.
 */
export class SshConfigLookup {
  private readonly config: SSHConfig;

  constructor(text: string | null) {
    try {
      this.config = SSHConfig.parse(text ?? '');
    } catch (err) {
      throw new CasekitError(
        'SSH_CONFIG_INVALID',
        `Your SSH config could not be read (${errorMessage(err)}). Fix the line it names (an unclosed quote is the usual cause), then try again.`,
        { cause: err },
      );
    }
    // ssh-config resolves CanonicalizeHostName by running nslookup; Casekit sends no
    // traffic the user did not ask for, and connects to the names as written.
    removeDirectives(this.config, /^CanonicalizeHostName$/i);
  }

  lookup(host: string): HostConfig {
    // matchExec: false: a config file must not make Casekit run commands (`Match exec`).
    const computed = this.config.compute(host, { ignoreCase: true, matchExec: false });
    const one = (key: string): string | null => {
      const value = computed[key];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(' ') : value;
    };
    const identity = computed.identityfile;
    return {
      hostName: one('hostname'),
      user: one('user'),
      port: one('port'),
      identityFiles: identity === undefined ? [] : Array.isArray(identity) ? identity : [identity],
      proxyJump: one('proxyjump'),
      proxyCommand: one('proxycommand'),
      algorithmSettings: ALGORITHM_DIRECTIVES.map(one).filter((value): value is string => value !== null),
    };
  }
}

function removeDirectives(lines: Line[], param: RegExp): void {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (line === undefined || line.type !== LineType.DIRECTIVE) continue;
    if (param.test(line.param)) lines.splice(i, 1);
    else if ('config' in line) removeDirectives(line.config, param);
  }
}
