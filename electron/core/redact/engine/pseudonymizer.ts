import { createHmac } from 'node:crypto';
import { detach } from './char-classes';
import { CryptoPan } from './crypto-pan';
import { formatIPv4, formatIPv6, parseIPv4, parseIPv6, styleOf, type IPv6Style } from './ip-text';
import type { MapSnapshot } from './map-snapshot';
import { isPublicName, registrableRoot } from './names';
import { emptyEntries, PSEUDONYM_KINDS, type MapEntries, type PseudonymKind } from './types';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
/** Top-level domain of every pseudonymous name: reserved, it never resolves (RFC 6761). */
export const PSEUDO_TLD = 'invalid';

/**
 * Hands out pseudonyms. Each is a function of the map's key and the normalized
 * original only (HMAC-SHA-256 cut to 50 bits, Crypto-PAn for addresses), so
 * Redactors in different workers agree without talking; the map records them
 * for the leak check and for the customer, who may want to look one up.
 */
export class Pseudonymizer {
  private readonly key: Buffer;
  private readonly pan: CryptoPan;
  /** Every pseudonym known: the snapshot's, then those handed out here. */
  private readonly known: Record<PseudonymKind, Map<string, string>>;
  private readonly added = emptyEntriesMaps();
  /** Names already worked out, public ones included (e-mail addresses ask for their domain). */
  private readonly names = new Map<string, string>();

  constructor(map: MapSnapshot) {
    this.key = Buffer.from(map.key, 'base64');
    this.pan = new CryptoPan(createHmac('sha256', this.key).update('crypto-pan').digest());
    this.known = emptyEntriesMaps();
    for (const kind of PSEUDONYM_KINDS) this.known[kind] = new Map(Object.entries(map.entries[kind]));
  }

  /** 10 base-32 characters (50 bits): same input, same tag; a collision is checked for when maps merge. */
  tag(kind: string, value: string): string {
    const digest = createHmac('sha256', this.key).update(`${kind}\0${value}`, 'latin1').digest();
    let bits = 0n;
    for (let i = 0; i < 7; i++) bits = (bits << 8n) | BigInt(digest[i] ?? 0);
    let text = '';
    for (let i = 0; i < 10; i++) text += BASE32[Number((bits >> BigInt(51 - 5 * i)) & 31n)];
    return text;
  }

  /** `user-<tag>`: the tag of the name alone, so `jdoe` and `jdoe@example.com` share it. */
  user(name: string): string {
    return this.known.user.get(name) ?? this.store('user', name, `user-${this.tag('user', name)}`);
  }

  device(id: string): string {
    return this.known.device.get(id) ?? this.store('device', id, `dev-${this.tag('device', id)}`);
  }

  keyword(word: string): string {
    return this.known.keyword.get(word) ?? this.store('keyword', word, `kw-${this.tag('keyword', word)}`);
  }

  /** A pseudonym of a `--rules` pseudonym rule: `<rule>-<tag>`. */
  custom(rule: string, value: string): string {
    const key = `${rule}:${value}`;
    return this.known.custom.get(key) ?? this.store('custom', key, `${rule}-${this.tag(`rule:${rule}`, value)}`);
  }

  /** `local@domain` in lower case: `user-<tag of local>@<pseudonym of the domain>`. */
  email(address: string): string {
    const found = this.known.email.get(address);
    if (found !== undefined) return found;
    const at = address.lastIndexOf('@');
    return this.store(
      'email',
      address,
      `user-${this.tag('user', address.slice(0, at))}@${this.name(address.slice(at + 1))}`,
    );
  }

  /**
   * A DNS name, lower-case: the registrable root becomes `d-<tag>.invalid`, each
   * label in front of it `h-<tag of the label>`, so hosts stay under their
   * domain and `mbx01` alone reads like the first label of `mbx01.example.com`.
   * Public names stay as they are.
   */
  name(name: string): string {
    const cached = this.names.get(name);
    if (cached !== undefined) return cached;
    const pseudo = this.computeName(name);
    this.names.set(detach(name), pseudo);
    return pseudo;
  }

  private computeName(name: string): string {
    if (isPublicName(name)) return name;
    const root = registrableRoot(name);
    const pseudoRoot =
      this.known.domain.get(root) ?? this.store('domain', root, `d-${this.tag('domain', root)}.${PSEUDO_TLD}`);
    if (root === name) return pseudoRoot;
    const found = this.known.host.get(name);
    if (found !== undefined) return found;
    const labels = name.slice(0, name.length - root.length - 1).split('.');
    return this.store('host', name, [...labels.map((label) => this.label(label)), pseudoRoot].join('.'));
  }

  /** A host name without dots, as in a syslog header. */
  shortHost(label: string): string {
    return this.known.host.get(label) ?? this.store('host', label, this.label(label));
  }

  /** An address as written (IPv4, IPv6 or MAC): its replacement written the same way, or the text itself if it stays. */
  address(kind: 'ipv4' | 'ipv6' | 'mac', text: string): string {
    if (kind === 'ipv4') {
      const bytes = parseIPv4(text);
      return (bytes && this.ipv4(bytes)) ?? text;
    }
    if (kind === 'ipv6') {
      const bytes = parseIPv6(text);
      return (bytes && this.ipv6(bytes, styleOf(text))) ?? text;
    }
    const separator = text.charAt(2);
    const bytes = Uint8Array.from(text.split(separator).map((part) => parseInt(part, 16)));
    const pseudo = this.mac(bytes);
    if (pseudo === null) return text;
    const written = hexBytes(pseudo, separator);
    return /[A-F]/.test(text) && !/[a-f]/.test(text) ? written.toUpperCase() : written;
  }

  /** The pseudonymous IPv4 address, or null for addresses that stay (0/8, 127/8, 255/8). */
  ipv4(bytes: Uint8Array): string | null {
    if (keptV4(bytes)) return null;
    const normal = formatIPv4(bytes);
    const found = this.known.ipv4.get(normal);
    if (found !== undefined) return found;
    // Cycle-walking keeps the permutation inside the replaced space: no address turns into a loopback.
    let out = this.pan.anonymize(bytes);
    while (keptV4(out)) out = this.pan.anonymize(out);
    return this.store('ipv4', normal, formatIPv4(out));
  }

  /** The pseudonymous IPv6 address written in `style`, or null for `::` and `::1`. */
  ipv6(bytes: Uint8Array, style: IPv6Style): string | null {
    if (bytes.every((byte, i) => byte === 0 || (i === 15 && byte === 1))) return null;
    const canonical: IPv6Style = { compressed: true, upperCase: false, padded: false };
    const normal = formatIPv6(bytes, canonical);
    const pseudo =
      this.known.ipv6.get(normal) ?? this.store('ipv6', normal, formatIPv6(this.pan.anonymize(bytes), canonical));
    return sameStyle(style, canonical) ? pseudo : restyle(pseudo, style);
  }

  /** `bytes`: the six bytes of a MAC address; the result is a locally administered unicast address. */
  mac(bytes: Uint8Array): Uint8Array | null {
    if (bytes.every((byte) => byte === 0) || bytes.every((byte) => byte === 0xff)) return null;
    const normal = hexBytes(bytes, ':');
    let pseudo = this.known.mac.get(normal);
    if (pseudo === undefined) {
      const digest = createHmac('sha256', this.key).update(`mac\0${normal}`).digest();
      digest[0] = ((digest[0] ?? 0) & 0xfc) | 0x02;
      pseudo = this.store('mac', normal, hexBytes(digest.subarray(0, 6), ':'));
    }
    return Uint8Array.from(pseudo.split(':').map((part) => parseInt(part, 16)));
  }

  /** Everything handed out that the snapshot did not hold. */
  newEntries(): MapEntries {
    const entries = emptyEntries();
    for (const kind of PSEUDONYM_KINDS) entries[kind] = Object.fromEntries(this.added[kind]);
    return entries;
  }

  private label(label: string): string {
    return `h-${this.tag('label', label)}`;
  }

  /** Records a pseudonym handed out for the first time. */
  private store(kind: PseudonymKind, original: string, pseudo: string): string {
    const kept = detach(original);
    this.known[kind].set(kept, pseudo);
    this.added[kind].set(kept, pseudo);
    return pseudo;
  }
}

function emptyEntriesMaps(): Record<PseudonymKind, Map<string, string>> {
  const maps = {} as Record<PseudonymKind, Map<string, string>>;
  for (const kind of PSEUDONYM_KINDS) maps[kind] = new Map();
  return maps;
}

function keptV4(bytes: Uint8Array): boolean {
  const first = bytes[0];
  return first === 0 || first === 127 || first === 255;
}

function sameStyle(a: IPv6Style, b: IPv6Style): boolean {
  return a.compressed === b.compressed && a.upperCase === b.upperCase && a.padded === b.padded;
}

function restyle(canonical: string, style: IPv6Style): string {
  const halves = canonical.split('::');
  const head = halves[0] === '' ? [] : (halves[0] ?? '').split(':');
  const tail = halves.length === 2 && halves[1] !== '' ? (halves[1] ?? '').split(':') : [];
  const groups = [...head, ...new Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    const value = parseInt(group, 16);
    bytes[2 * i] = value >> 8;
    bytes[2 * i + 1] = value & 0xff;
  });
  return formatIPv6(bytes, style);
}

export function hexBytes(bytes: Uint8Array, separator: string): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(separator);
}
