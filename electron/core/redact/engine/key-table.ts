import { flagsOf, KEY } from './char-classes';
import { isSecretKeyName, type KeyClass } from './secret-keys';
import { TextMap } from './text-map';

function isSeparator(c: number): boolean {
  return c === 95 || c === 46 || c === 45;
}

function code3(text: string, at: number): number {
  return (
    ((text.charCodeAt(at) & 0xff) << 16) | ((text.charCodeAt(at + 1) & 0xff) << 8) | (text.charCodeAt(at + 2) & 0xff)
  );
}

/** What the key before a separator says about its value. */
export type KeyRole =
  | { kind: 'secret'; secret: KeyClass }
  | { kind: 'user' }
  /** `name=`: a user only in Zimbra's log context `[name=...;`. */
  | { kind: 'name' }
  | { kind: 'device' }
  | { kind: 'dc' }
  /** JSON's `"n":` in SOAP attributes: the key is the next string (`{"n":"zimbraPreAuthKey","_content":...}`). */
  | { kind: 'n' }
  /** A setting whose value names hosts or domains (zimbraServiceHostname, ldap_url, Host:): pass 1 learns them. */
  | { kind: 'names'; hostname: boolean };

const CONTEXT_ROLES: [string, KeyRole][] = [
  ['uid', { kind: 'user' }],
  ['user', { kind: 'user' }],
  ['username', { kind: 'user' }],
  ['user_name', { kind: 'user' }],
  ['sasl_username', { kind: 'user' }],
  ['account', { kind: 'user' }],
  ['acct', { kind: 'user' }],
  ['login', { kind: 'user' }],
  ['name', { kind: 'name' }],
  ['aname', { kind: 'name' }],
  ['devid', { kind: 'device' }],
  ['deviceid', { kind: 'device' }],
  ['device_id', { kind: 'device' }],
  ['dc', { kind: 'dc' }],
  ['n', { kind: 'n' }],
];

// Ends of settings and headers whose values are host or domain names (with `_ . -` removed).
const NAME_SETTING_ENDINGS = [
  'hostname',
  'host',
  'hosts',
  'servername',
  'server',
  'servers',
  'domain',
  'domainname',
  'domains',
  'destination',
  'origin',
  'url',
  'urls',
  'uri',
];
const NAME_SETTING = new RegExp(`(?:${NAME_SETTING_ENDINGS.join('|')})$`);

/** Endings of secret keys (with `_ . -` removed) and of context keys: two letters decide whether to look closer. */
const ENDINGS = [
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'pass',
  'secret',
  'key',
  'credential',
  'credentials',
  'preauth',
  'token',
  'tokens',
  'jsessionid',
  'sessionid',
  'session',
  'authorization',
  'signature',
  'sig',
  'salt',
  'nonce',
  'ticket',
  ...CONTEXT_ROLES.map(([key]) => key),
  ...NAME_SETTING_ENDINGS,
];
const CACHE_LIMIT = 10_000;

/**
 * Sorts the keys in front of `=`, `:` and `>` by role. Logs repeat the same
 * few keys endlessly (`mid=`, `ip=`, `elapsed=`), so a table of the last two
 * letters turns most away before any string is cut, and answers are cached.
 */
export class KeyTable {
  /** 1 at (second-last letter << 8 | last letter) of every key that matters (lower case). */
  readonly endings = new Uint8Array(65536);
  /** The last three letters of every key that matters, as (c1 << 16 | c2 << 8 | c3). */
  readonly endings3 = new Set<number>();
  private readonly cache = new TextMap<KeyRole | null>();
  private readonly contexts = new Map(CONTEXT_ROLES);
  private readonly extra: Set<string>;

  constructor(extraSecretKeys: string[]) {
    this.extra = new Set(extraSecretKeys.map((key) => key.toLowerCase()));
    for (const ending of [...ENDINGS, ...this.extra]) {
      const n = ending.length;
      if (n >= 2) this.endings[((ending.charCodeAt(n - 2) & 0xff) << 8) | (ending.charCodeAt(n - 1) & 0xff)] = 1;
      if (n >= 3) this.endings3.add(code3(ending, n - 3));
    }
    // The one-letter key `"n":` (SOAP attributes in JSON): a quote before the n.
    this.endings[(34 << 8) | 110] = 1;
  }

  /**
   * Whether the key ending at `end` of the lower-case text may matter, by its last three letters.
   * Keys shorter than three letters, and endings with `_ . -` in them, always may.
   */
  mayMatter(lower: string, end: number): boolean {
    const a = lower.charCodeAt(end - 3);
    const b = lower.charCodeAt(end - 2);
    if ((flagsOf(a) & KEY) === 0 || isSeparator(a) || isSeparator(b)) return true;
    return this.endings3.has(code3(lower, end - 3));
  }

  /** The role of the key text[start, end) as written (`PWD` is no password), or null. */
  roleOf(text: string, start: number, end: number): KeyRole | null {
    let role = this.cache.get(text, start, end);
    if (role === undefined) {
      const original = text.slice(start, end);
      const key = original.toLowerCase();
      role = this.contexts.get(key) ?? this.secretRole(key, original);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(text, start, end, role);
    }
    return role;
  }

  private secretRole(key: string, original: string): KeyRole | null {
    const secret = isSecretKeyName(key, original, this.extra);
    if (secret !== null) return { kind: 'secret', secret };
    const normal = key.replace(/[_.-]/g, '');
    return NAME_SETTING.test(normal) ? { kind: 'names', hostname: normal.endsWith('hostname') } : null;
  }
}
