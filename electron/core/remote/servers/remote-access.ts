import type { Client } from 'ssh2';
import type { CasekitError } from '../../../shared/error-codes';
import type { ConnectionTest, HostKeyInfo, Hop, ServerRecord } from '../../../shared/server-schemas';
import type { SudoVerification, VerifySudoOptions } from '../exec/verify-sudo';

/**
 * What the servers feature needs from the SSH layer (remote/connect and
 * remote/exec), narrowed to one port: the tester's logic (prompts, saved
 * secrets, the result) is then testable on its own, and `ssh-remote-access.ts`
 * is the only file that knows the SSH modules' own shapes.
 */

/** Where a secret is used: the login it unlocks, after ~/.ssh/config was applied. */
export interface LoginPoint {
  user: string;
  host: string;
  port: number;
}

export interface KeyboardInteractiveRequest {
  name: string;
  instructions: string;
  prompts: { prompt: string; echo: boolean }[];
}

/** Called by the SSH layer when it needs a secret; null means the user declined. `hop`: which server of the chain asks. */
export interface SecretPrompts {
  passphrase(keyFile: string, attempt: number, hop: Hop): Promise<string | null>;
  password(login: LoginPoint, attempt: number, hop: Hop): Promise<string | null>;
  keyboardInteractive(login: LoginPoint, request: KeyboardInteractiveRequest, hop: Hop): Promise<string[] | null>;
}

/** Everything about the local side a connection reads: ~/.ssh/config, the known_hosts files, the agent. */
export interface LocalSsh {
  sshConfigText: string | null;
  homedir: string;
  defaultUser: string;
  /** Casekit's own known_hosts, the only one it writes. */
  appKnownHostsFile: string;
  /** The user's, read only. */
  userKnownHostsFiles: string[];
  agent: string | null;
}

export interface ConnectRequest {
  server: ServerRecord;
  local: LocalSsh;
  onUnknownHostKey: (info: HostKeyInfo, hop: Hop) => Promise<boolean>;
  prompts: SecretPrompts;
  signal?: AbortSignal;
  /** SSH keepalives this often (default 15 s); four unanswered count as a lost connection. */
  keepaliveIntervalMs?: number;
}

export interface RemoteSession {
  client: Client;
  /** The final server's key, with the host and port it was checked for. */
  hostKey: HostKeyInfo;
  /** The keys of the jump hosts on the way, in order. */
  hops: HostKeyInfo[];
  authMethod: ConnectionTest['authMethod'];
  /** The user the session logged in as. */
  user: string;
  /** Settles when the connection ends: null after close(), the reason when it was lost. */
  closed: Promise<CasekitError | null>;
  close(): void;
}

export interface Privileges {
  isRoot: boolean;
  sudo: ConnectionTest['sudo'];
  zimbraUser: boolean;
}

export interface PresentedHostKey {
  info: HostKeyInfo;
  /** Makes this very key the one trusted for its host and port in Casekit's known_hosts, instead of any other. */
  trust(): Promise<void>;
}

export interface RemoteAccess {
  connect(request: ConnectRequest): Promise<RemoteSession>;
  probePrivileges(client: Client, sessionUser: string, signal?: AbortSignal): Promise<Privileges>;
  /** Runs a command as root through sudo, asking for the password when sudo wants one (remote/exec's verifySudo). */
  verifySudo(client: Client, sessionUser: string, options: VerifySudoOptions): Promise<SudoVerification>;
  /** The key the final server presents now, trusting nothing new and logging in nowhere but jump hosts. */
  presentedHostKey(request: Omit<ConnectRequest, 'onUnknownHostKey'>): Promise<PresentedHostKey>;
  /** The logins a saved secret of this server may belong to (the server itself, after ~/.ssh/config). */
  loginPoints(server: ServerRecord, local: LocalSsh): LoginPoint[];
}
