import type { LookupFunction } from 'node:net';
import type { Client } from 'ssh2';
import type { CasekitError } from '../../../shared/error-codes';
import type { HostKeyStore } from './host-key-store';
import type { SshTarget } from './ssh-target';

export interface UnknownHostKeyInfo {
  host: string;
  port: number;
  keyType: string;
  /** `SHA256:…`, as `ssh-keygen -l` prints it on the server. */
  fingerprint: string;
  /** Other key types already trusted for this host (OpenSSH: "keys of different type are already known"). */
  knownKeyTypes: string[];
  /** Which hop asks, e.g. "jump host 1 of 2, bastion:22", for a prompt that is clear about it. */
  where: string;
}

export interface KeyboardInteractiveRequest {
  name: string;
  instructions: string;
  prompts: { prompt: string; echo: boolean }[];
}

/** Questions only the user can answer. `null` declines: that method is skipped and the next one tried. */
export interface ConnectPrompts {
  passphrase(keyFile: string, attempt: number): Promise<string | null>;
  password(user: string, host: string, attempt: number): Promise<string | null>;
  keyboardInteractive(request: KeyboardInteractiveRequest): Promise<string[] | null>;
}

export interface ConnectOptions {
  target: SshTarget;
  hostKeys: HostKeyStore;
  /** Asked for every host key never seen for that host; true trusts it (in Casekit's file) and continues. */
  onUnknownHostKey(info: UnknownHostKeyInfo): Promise<boolean>;
  prompts: ConnectPrompts;
  /** SSH_AUTH_SOCK path, a Windows pipe, or 'pageant'; null or absent: no agent. */
  agent?: string | null;
  /**
   * Per hop: time allowed for the TCP connect and the handshake, and then for each answer of the server
   * during login (default 20 s). Time spent waiting for the user never counts.
   */
  readyTimeoutMs?: number;
  /** SSH keepalive interval (default 15 s); the connection counts as lost after 4 unanswered. */
  keepaliveIntervalMs?: number;
  signal?: AbortSignal;
  /** Where default identity files are looked for (default: os.homedir()). */
  homedir?: string;
  /** Resolves the first hop's name; tests inject one so no query leaves the machine. Default: the OS resolver. */
  lookup?: LookupFunction;
}

export type AuthMethodName = 'agent' | 'publickey' | 'password' | 'keyboard-interactive' | 'none';

export interface SshSession {
  /** The logged-in client of the last hop. */
  client: Client;
  target: SshTarget;
  hostKey: { type: string; fingerprint: string };
  authMethod: AuthMethodName;
  /** Settles when the connection ends: null after close(), the reason when it was lost. */
  closed: Promise<CasekitError | null>;
  /** Ends every hop, last first. Safe to call more than once. */
  close(): Promise<void>;
}
