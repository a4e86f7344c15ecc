import { randomBytes } from 'node:crypto';
import { decodePublicKey, fingerprintSha256 } from './host-key';
import {
  formatHashedName,
  hostFieldMatches,
  knownHostsName,
  parseHostField,
  type HostField,
} from './known-hosts-match';

export type KnownHostMarker = 'revoked' | 'cert-authority' | null;

/** One key line of a known_hosts file, with where it came from so messages can point at it. */
export interface KnownHostEntry {
  marker: KnownHostMarker;
  hosts: HostField;
  keyType: string;
  keyBlob: Buffer;
  file: string;
  /** 1-based, as editors and `ssh-keygen -R` report lines. */
  line: number;
}

export interface KnownHostsProblem {
  file: string;
  line: number;
  message: string;
}

export interface ParsedKnownHosts {
  entries: KnownHostEntry[];
  /** Lines that are not valid entries; like OpenSSH, they are skipped rather than fatal. */
  problems: KnownHostsProblem[];
}

const MARKERS: Record<string, KnownHostMarker> = { '@revoked': 'revoked', '@cert-authority': 'cert-authority' };

export function parseKnownHosts(text: string, file: string): ParsedKnownHosts {
  const entries: KnownHostEntry[] = [];
  const problems: KnownHostsProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const fields = trimmed.split(/\s+/);
    let marker: KnownHostMarker = null;
    if (fields[0]?.startsWith('@')) {
      const name = fields.shift() ?? '';
      const known = MARKERS[name];
      if (known === undefined) return void problems.push({ file, line, message: `unknown marker ${name}` });
      marker = known;
    }
    const [hostText, keyType, base64] = fields;
    if (hostText === undefined || keyType === undefined || base64 === undefined) {
      return void problems.push({ file, line, message: 'expected "hosts key-type base64-key"' });
    }
    const hosts = parseHostField(hostText);
    if (hosts === null) return void problems.push({ file, line, message: `invalid host field "${hostText}"` });
    const key = decodePublicKey(keyType, base64);
    if (key === null) return void problems.push({ file, line, message: `the key is not a valid ${keyType} key` });
    entries.push({ marker, hosts, keyType, keyBlob: key.blob, file, line });
  });
  return { entries, problems };
}

export type HostKeyCheck =
  | { status: 'trusted'; entry: KnownHostEntry }
  | {
      status: 'unknown';
      /** Types of other keys already known for this host: the server offered a type we have never seen from it. */
      knownKeyTypes: string[];
    }
  | { status: 'changed'; expectedFingerprints: string[]; entries: KnownHostEntry[] }
  | { status: 'revoked'; entry: KnownHostEntry };

/** Entries that name this host:port, including revoked ones and certificate authorities. */
export function entriesForHost(entries: readonly KnownHostEntry[], host: string, port: number): KnownHostEntry[] {
  const name = knownHostsName(host, port);
  return entries.filter((entry) => hostFieldMatches(entry.hosts, name));
}

/**
 * OpenSSH's verdict (hostfile.c, check_key_in_hostkeys) on the key a server
 * presented: a revoked key is refused whatever else is known; a listed key is
 * trusted even if other lines list other keys of its type; a different key of
 * the same type means the key changed; keys of other types alone say nothing
 * about this one, so it is unknown. `@cert-authority` lines vouch for host
 * certificates only, never for plain keys, so they are ignored here.
 */
export function checkHostKey(
  entries: readonly KnownHostEntry[],
  host: string,
  port: number,
  keyType: string,
  keyBlob: Buffer,
): HostKeyCheck {
  const forHost = entriesForHost(entries, host, port);
  const revoked = forHost.find((entry) => entry.marker === 'revoked' && entry.keyBlob.equals(keyBlob));
  if (revoked !== undefined) return { status: 'revoked', entry: revoked };

  const plain = forHost.filter((entry) => entry.marker === null);
  const trusted = plain.find((entry) => entry.keyType === keyType && entry.keyBlob.equals(keyBlob));
  if (trusted !== undefined) return { status: 'trusted', entry: trusted };

  const sameType = plain.filter((entry) => entry.keyType === keyType);
  if (sameType.length > 0) {
    const expectedFingerprints = [...new Set(sameType.map((entry) => fingerprintSha256(entry.keyBlob)))];
    return { status: 'changed', expectedFingerprints, entries: sameType };
  }
  return { status: 'unknown', knownKeyTypes: [...new Set(plain.map((entry) => entry.keyType))] };
}

export interface FormatOptions {
  /** Write the host name as an HMAC (`|1|salt|hash`) so a leaked file does not list the servers. */
  hashed: boolean;
  /** Fixed salt for reproducible output in tests; random otherwise, as OpenSSH does. */
  salt?: Buffer;
}

/** One known_hosts line (without newline) trusting `keyBlob` for host:port. */
export function formatKnownHostsLine(
  host: string,
  port: number,
  keyType: string,
  keyBlob: Buffer,
  options: FormatOptions = { hashed: false },
): string {
  const name = knownHostsName(host, port);
  // A name that reads as a pattern, a list or a marker would trust more hosts than this one.
  if (!/^[^\s,*?!|@#]+$/.test(name)) throw new Error(`"${host}" cannot be written to known_hosts as a host name`);
  const hostField = options.hashed ? formatHashedName(name, options.salt ?? randomBytes(20)) : name;
  return `${hostField} ${keyType} ${keyBlob.toString('base64')}`;
}
