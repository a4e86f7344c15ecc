import type { HostKey, KeyType } from '../sshd/start-sshd';
import type { TestUser } from '../sshd/system-files';
import type { ZmdiaglogBehaviour, ZmdiaglogMode } from './installation';

export interface ZimbraHostSpec {
  /** The server's name: its hostname, its name in `zmprov gas`, its zimbra_server_hostname. */
  hostname: string;
  /** zimbraServiceEnabled values (default: every service, a single-server install). */
  services?: string[];
  /** zimbraServiceInstalled values (default: the enabled ones). */
  installedServices?: string[];
  /** Services `zmcontrol status` reports as Stopped (it then exits 1). */
  stoppedServices?: string[];
  /** Logins besides root and zimbra (e.g. a sudo user); the client key is authorized for them. */
  users?: TestUser[];
  /** zmdiaglog's behaviour at start (default 'ok'). */
  zmdiaglog?: ZmdiaglogMode | ZmdiaglogBehaviour;
  /** Approximate size of each log file, uncompressed (default 100 KB; the sizes vary 50–150 % around it). */
  logBytes?: number;
  /** Size of /opt/zimbra/log/java_pid12345.hprof (default 4 MiB). */
  heapDumpBytes?: number;
  /** Size of /opt/zimbra/log/core.12345 (default 1 MiB). */
  coreBytes?: number;
  /** Days of rotated logs (default 10). */
  days?: number;
}

export interface ZimbraHostsOptions {
  /** What `zmcontrol -v` prints. */
  release?: string;
  /** Host key types (default ed25519). */
  hostKeyTypes?: KeyType[];
  /** The "current time" of the logs (default now). */
  now?: Date;
}

export interface TestZimbraHost {
  hostname: string;
  /** Where sshd listens, inside the host's own network namespace (10.77.x.y). */
  address: string;
  /** = address (the name SshTarget and TestSshd use). */
  host: string;
  port: 22;
  /** The machine's end of the link (10.77.x.y-1): connections from the test come from here. */
  hostAddress: string;
  namespace: string;
  /** A client key authorized for root and the spec's users (the same key on every host of the installation). */
  clientKeyPath: string;
  clientKey: string;
  /** known_hosts line(s) trusting this host at its address. */
  knownHostsLine: string;
  hostKeys: HostKey[];
  /** The tree's root on the machine: the host's /opt/zimbra is `<treeDir>/opt/zimbra`. */
  treeDir: string;
  /** The fake secrets in localconfig.xml (`zimbra_ldap_password` → `TEST-SECRET-…`). */
  secrets: Record<string, string>;
  zimbraUid: number;
  /**
   * The machine's /proc/sys/kernel/core_pattern: the host shares it (it cannot
   * be faked per namespace), so this is what `cat /proc/sys/kernel/core_pattern` answers there.
   */
  corePattern: string;
  /** The machine path of a path on the host (under /opt, /var/log or /var/crash). */
  localPathOf(remotePath: string): string;
  /** zmdiaglog's behaviour from its next run on. */
  setZmdiaglog(behaviour: ZmdiaglogMode | ZmdiaglogBehaviour): void;
  authorize(user: string, publicKey: string): void;
  /** Every packet to and from the host is dropped silently (connects time out, sessions stall). */
  down(): void;
  up(): void;
  /** Kills sshd and every process of the host (sessions, their commands): connections end, new ones are refused. */
  killSshd(): Promise<void>;
  /** Starts sshd again, with the same host keys. */
  restartSshd(): Promise<void>;
  /** sshd's stderr (LogLevel VERBOSE), across restarts. */
  log(): string;
  /** Kills everything, removes the namespace, the link and the temporary folder. Safe to call twice. */
  stop(): Promise<void>;
}
