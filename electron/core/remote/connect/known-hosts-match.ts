import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The name OpenSSH files a host under in known_hosts: the bare host for port
 * 22, `[host]:port` for any other port. Lower-cased, because OpenSSH compares
 * host names without regard to case.
 */
export function knownHostsName(host: string, port: number): string {
  const name = host.toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

/** The host field of a known_hosts line: a pattern list, or one hashed name (`|1|salt|hash`). */
export type HostField = { kind: 'patterns'; patterns: string[] } | { kind: 'hashed'; salt: Buffer; hash: Buffer };

const HASH_MAGIC = '|1|';
const SHA1_LENGTH = 20;

export function parseHostField(field: string): HostField | null {
  if (field.startsWith('|')) {
    if (!field.startsWith(HASH_MAGIC)) return null;
    const [salt64, hash64, ...rest] = field.slice(HASH_MAGIC.length).split('|');
    if (salt64 === undefined || hash64 === undefined || rest.length > 0) return null;
    const salt = Buffer.from(salt64, 'base64');
    const hash = Buffer.from(hash64, 'base64');
    // OpenSSH only ever writes SHA-1 sized salts and digests; anything else is damage.
    if (salt.length !== SHA1_LENGTH || hash.length !== SHA1_LENGTH) return null;
    return { kind: 'hashed', salt, hash };
  }
  const patterns = field.split(',');
  if (patterns.some((pattern) => pattern === '' || pattern === '!')) return null;
  return { kind: 'patterns', patterns };
}

/** HMAC-SHA1 of the name keyed by the salt, as `ssh-keygen -H` and `HashKnownHosts yes` write it. */
export function hashHostName(name: string, salt: Buffer): Buffer {
  return createHmac('sha1', salt).update(name).digest();
}

export function formatHashedName(name: string, salt: Buffer): string {
  return `${HASH_MAGIC}${salt.toString('base64')}|${hashHostName(name, salt).toString('base64')}`;
}

/**
 * Whether the host field names `name` (from `knownHostsName`). As in
 * OpenSSH's match_hostname: one matching negated pattern excludes the line
 * whatever else matches, and a line of only negations matches nothing.
 */
export function hostFieldMatches(field: HostField, name: string): boolean {
  if (field.kind === 'hashed') {
    return timingSafeEqual(hashHostName(name, field.salt), field.hash);
  }
  let matched = false;
  for (const pattern of field.patterns) {
    const negated = pattern.startsWith('!');
    if (!globMatches(negated ? pattern.slice(1) : pattern, name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

/** `*` is any run of characters, `?` exactly one; everything else is literal and compared case-insensitively. */
export function globMatches(pattern: string, text: string): boolean {
  const source = pattern
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(text.toLowerCase());
}
