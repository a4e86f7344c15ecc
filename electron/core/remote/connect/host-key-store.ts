import { promises as fs } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { errnoCode, ioError } from '../../common/error-text';
import { KeyedLock } from '../../common/keyed-lock';
import { fingerprintSha256 } from './host-key';
import { hostKeyChangedError, hostKeyRevokedError, type PresentedKey } from './host-key-errors';
import {
  checkHostKey,
  entriesForHost,
  formatKnownHostsLine,
  parseKnownHosts,
  type HostKeyCheck,
  type KnownHostEntry,
  type KnownHostsProblem,
} from './known-hosts';

export interface HostKeyStoreOptions {
  /** Casekit's own known_hosts (`<CASEKIT_HOME>/known_hosts`): the only file this store ever writes. */
  appKnownHostsFile: string;
  /** The user's OpenSSH files (usually `~/.ssh/known_hosts`): read so keys trusted there count, never written. */
  userKnownHostsFiles: string[];
  /** Hash host names in the app file (default true), so the file does not list the servers it trusts. */
  hashHostnames?: boolean;
}

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;
const HEADER = '# Host keys trusted in Casekit. Same format as ~/.ssh/known_hosts; written by Casekit only.\n';

/**
 * Host keys Casekit trusts. Files are read afresh on every check, so a key
 * removed with `ssh-keygen -R` or trusted by `ssh` in a terminal counts at once.
 */
export class HostKeyStore {
  readonly appKnownHostsFile: string;
  readonly userKnownHostsFiles: readonly string[];
  private readonly hashed: boolean;
  private readonly lock = new KeyedLock();

  constructor(options: HostKeyStoreOptions) {
    this.appKnownHostsFile = options.appKnownHostsFile;
    this.userKnownHostsFiles = [...options.userKnownHostsFiles];
    this.hashed = options.hashHostnames ?? true;
  }

  async check(host: string, port: number, keyType: string, keyBlob: Buffer): Promise<HostKeyCheck> {
    return this.verdict(host, port, keyType, keyBlob);
  }

  /** Key types with a plain (trusted) entry for host:port, so the handshake can ask for a key we can verify. */
  async knownKeyTypes(host: string, port: number): Promise<string[]> {
    const { entries } = await this.readAll();
    const plain = entriesForHost(entries, host, port).filter((entry) => entry.marker === null);
    return [...new Set(plain.map((entry) => entry.keyType))];
  }

  /** Lines of the files that are not valid entries, for a diagnostics view. */
  async problems(): Promise<KnownHostsProblem[]> {
    return (await this.readAll()).problems;
  }

  /**
   * Trusts a key never seen for this host. A changed or revoked key is refused
   * here too, so no caller can turn "accept new key" into "override a changed one".
   */
  async trust(host: string, port: number, keyType: string, keyBlob: Buffer): Promise<void> {
    await this.lock.run(this.appKnownHostsFile, async () => {
      const check = await this.verdict(host, port, keyType, keyBlob);
      if (check.status === 'trusted') return;
      const key = presented(host, port, keyType, keyBlob);
      if (check.status === 'revoked') throw hostKeyRevokedError(key, check.entry);
      if (check.status === 'changed') {
        throw hostKeyChangedError(key, check.expectedFingerprints, check.entries, this.appKnownHostsFile);
      }
      const text = await this.readApp();
      await this.writeApp([...withoutTrailingNewline(text ?? HEADER), this.line(host, port, keyType, keyBlob)]);
    });
  }

  /**
   * The deliberate answer to HOST_KEY_CHANGED: forgets every key Casekit
   * trusted for host:port and trusts this one. A conflicting key in the user's
   * own known_hosts stays authoritative (we never edit that file), so that case
   * is refused with the command that removes it.
   */
  async replace(host: string, port: number, keyType: string, keyBlob: Buffer): Promise<void> {
    await this.lock.run(this.appKnownHostsFile, async () => {
      const key = presented(host, port, keyType, keyBlob);
      const all = await this.readAll();
      const verdict = checkHostKey(all.entries, host, port, keyType, keyBlob);
      if (verdict.status === 'revoked') throw hostKeyRevokedError(key, verdict.entry);
      const userEntries = all.entries.filter((entry) => entry.file !== this.appKnownHostsFile);
      const userVerdict = checkHostKey(userEntries, host, port, keyType, keyBlob);
      if (userVerdict.status === 'changed') {
        throw hostKeyChangedError(key, userVerdict.expectedFingerprints, userVerdict.entries, this.appKnownHostsFile);
      }
      const text = (await this.readApp()) ?? HEADER;
      const stale = new Set(
        entriesForHost(parseKnownHosts(text, this.appKnownHostsFile).entries, host, port)
          .filter((entry) => entry.marker === null)
          .map((entry) => entry.line),
      );
      const kept = withoutTrailingNewline(text).filter((_, index) => !stale.has(index + 1));
      await this.writeApp([...kept, this.line(host, port, keyType, keyBlob)]);
    });
  }

  // trust() and replace() use this rather than check(), which a subclass may override to watch the handshake.
  private async verdict(host: string, port: number, keyType: string, keyBlob: Buffer): Promise<HostKeyCheck> {
    const { entries } = await this.readAll();
    return checkHostKey(entries, host, port, keyType, keyBlob);
  }

  private line(host: string, port: number, keyType: string, keyBlob: Buffer): string {
    return formatKnownHostsLine(host, port, keyType, keyBlob, { hashed: this.hashed });
  }

  private async readAll(): Promise<{ entries: KnownHostEntry[]; problems: KnownHostsProblem[] }> {
    const files = [this.appKnownHostsFile, ...this.userKnownHostsFiles];
    const parsed = await Promise.all(
      files.map(async (file) => parseKnownHosts((await readKnownHostsFile(file)) ?? '', file)),
    );
    return { entries: parsed.flatMap((p) => p.entries), problems: parsed.flatMap((p) => p.problems) };
  }

  private readApp(): Promise<string | null> {
    return readKnownHostsFile(this.appKnownHostsFile);
  }

  private async writeApp(lines: string[]): Promise<void> {
    const file = this.appKnownHostsFile;
    try {
      await fs.mkdir(path.dirname(file), { recursive: true, mode: DIR_MODE });
      await writeFileAtomic(file, `${lines.join('\n')}\n`, { mode: FILE_MODE, fsync: true });
    } catch (err) {
      throw ioError(`save the trusted host key to ${file}`, err);
    }
  }
}

/**
 * A missing file is an empty one. Any other failure is fatal: a known_hosts
 * we cannot read may hold a @revoked line, and skipping it would trust that key.
 */
async function readKnownHostsFile(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw ioError(
      `read the known hosts file ${file}`,
      err,
      'Casekit cannot check host keys without it. Make it readable for your user account (or move it away if it is not needed), then try again.',
    );
  }
}

function withoutTrailingNewline(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function presented(host: string, port: number, keyType: string, keyBlob: Buffer): PresentedKey {
  return { where: `${host}:${port}`, host, port, keyType, fingerprint: fingerprintSha256(keyBlob) };
}
