import { keywordText } from './literal-finder';
import type { LeakWindow } from './leak-rules';
import type { AddressSets } from './leak-addresses';
import type { MapSnapshot } from './map-snapshot';
import { isDistinctiveWord, isPublicName } from './names';
import { TextMap } from './text-map';
import { trieSource } from './trie-regex';
import type { RedactConfig } from './types';

export type PatternKind = 'domain' | 'host' | 'user' | 'device' | 'keyword' | 'custom';

/**
 * What the leak check looks for from the map: customer domains (which also
 * cover every host and address under them, plus their `dc=` form), short
 * host, user and device names that are distinctive enough to be replaced
 * wherever they occur, keywords, values of pseudonym rules, addresses at
 * public domains; and the sets of original IP and MAC addresses, minus any
 * that are also a pseudonym (a permutation can give one original's value to
 * another).
 */
export class OriginalPatterns {
  readonly addresses: AddressSets;
  private readonly kinds = new TextMap<PatternKind>();
  /** Addresses at public domains (their local part is the original), found from their `@`. */
  private readonly emails = new TextMap<true>();
  /** Their domains: most addresses in redacted text are at a pseudonymous domain and are passed over. */
  private readonly emailDomains = new TextMap<true>();
  private readonly words: RegExp | null;
  private readonly wordsAtStart: RegExp | null;
  private readonly substrings: RegExp | null;

  constructor(map: MapSnapshot, config: RedactConfig) {
    const add = (kind: PatternKind, text: string): void => {
      if (text !== '' && this.kinds.getKey(text) === undefined) this.kinds.setKey(text, kind);
    };
    const { entries, vocabulary } = map;
    for (const domain of [...Object.keys(entries.domain), ...vocabulary.domains]) {
      add('domain', domain);
      add('domain', `dc=${domain.split('.').join(',dc=')}`);
      add('domain', `dc=${domain.split('.').join(', dc=')}`);
    }
    for (const host of [...Object.keys(entries.host), ...vocabulary.hosts]) {
      if (!host.includes('.') && isDistinctiveWord(host)) add('host', host);
    }
    for (const user of [...Object.keys(entries.user), ...vocabulary.users])
      if (isDistinctiveWord(user)) add('user', user);
    for (const device of [...Object.keys(entries.device), ...vocabulary.devices]) {
      if (isDistinctiveWord(device)) add('device', device);
    }
    const keywords = [
      ...config.keywords,
      ...config.extraRules.flatMap((rule) => (rule.kind === 'keyword' ? [rule.value] : [])),
    ].map(keywordText);
    for (const keyword of [...Object.keys(entries.keyword), ...keywords]) add('keyword', keyword);
    for (const custom of Object.keys(entries.custom)) {
      const value = custom.slice(custom.indexOf(':') + 1);
      if (value.length >= 3) add('custom', value);
    }
    for (const email of Object.keys(entries.email)) {
      const domain = email.slice(email.lastIndexOf('@') + 1);
      if (!isPublicName(domain)) continue;
      this.emails.setKey(email, true);
      this.emailDomains.setKey(domain, true);
    }
    const all = [...this.kinds.entries()];
    const words = all.filter(([, kind]) => kind !== 'keyword' && kind !== 'custom').map(([text]) => text);
    const substrings = all.filter(([, kind]) => kind === 'keyword' || kind === 'custom').map(([text]) => text);
    // Names and words only after a character that cannot be part of them (or a URL escape): the regular
    // expression engine then passes over most positions at once.
    this.words = words.length === 0 ? null : new RegExp(`${BEFORE_WORD}(?:${trieSource(words)})`, 'g');
    this.wordsAtStart = words.length === 0 ? null : new RegExp(trieSource(words), 'y');
    this.substrings = substrings.length === 0 ? null : new RegExp(trieSource(substrings), 'g');
    const originalsOnly = (table: Record<string, string>): Set<string> => {
      const pseudonyms = new Set(Object.values(table));
      return new Set(Object.keys(table).filter((original) => !pseudonyms.has(original)));
    };
    this.addresses = {
      ipv4: originalsOnly(entries.ipv4),
      ipv6: originalsOnly(entries.ipv6),
      mac: originalsOnly(entries.mac),
    };
  }

  /** Reports every original found in [from, cut) of the window, with the boundaries its kind needs. */
  check(w: LeakWindow, report: (position: number, rule: string) => void): void {
    if (this.emails.size > 0) this.checkEmails(w, report);
    const { lower } = w;
    if (this.substrings !== null) {
      const re = this.substrings;
      re.lastIndex = w.from;
      for (let m = re.exec(lower); m !== null && m.index < w.cut; m = re.exec(lower)) {
        report(m.index, `original-${this.kinds.get(lower, m.index, m.index + m[0].length) ?? 'keyword'}`);
      }
    }
    if (this.words === null || this.wordsAtStart === null) return;
    const at = this.wordsAtStart;
    const tryAt = (start: number): void => {
      at.lastIndex = start;
      const m = at.exec(lower);
      if (m !== null) this.checkWord(w, start, start + m[0].length, report);
    };
    // At the start of the stream, and after URL escapes (`%2Fmail.example.com`).
    if (w.from === 0) tryAt(0);
    for (let p = lower.indexOf('%', Math.max(0, w.from - 3)); p >= 0 && p + 3 < w.cut; p = lower.indexOf('%', p + 1)) {
      if (p + 3 >= w.from && /^[0-9a-f]{2}$/.test(lower.slice(p + 1, p + 3))) tryAt(p + 3);
    }
    const re = this.words;
    re.lastIndex = Math.max(0, w.from - 1);
    for (let m = re.exec(lower); m !== null; m = re.exec(lower)) {
      const start = m.index + 1;
      if (start >= w.cut) break;
      if (start >= w.from) this.checkWord(w, start, m.index + m[0].length, report);
      re.lastIndex = start;
    }
  }

  /** The longest pattern at `start`, else a shorter one that ends there too (`acme.de` in `acme.dev`). */
  private checkWord(
    w: LeakWindow,
    start: number,
    longest: number,
    report: (position: number, rule: string) => void,
  ): void {
    for (let end = longest; end > start; end--) {
      const kind = this.kinds.get(w.lower, start, end);
      if (kind !== undefined && bounded(w.text, start, end, kind)) {
        report(start, `original-${kind}`);
        return;
      }
    }
  }

  private checkEmails(w: LeakWindow, report: (position: number, rule: string) => void): void {
    const { lower } = w;
    for (const separator of ['@', '%40', '%2540']) {
      for (let at = lower.indexOf(separator, w.from); at >= 0 && at < w.cut; at = lower.indexOf(separator, at + 1)) {
        let end = at + separator.length;
        while (isDomain(lower.charCodeAt(end))) end++;
        while (lower.charCodeAt(end - 1) === 46) end--;
        if (this.emailDomains.get(lower, at + separator.length, end) === undefined) continue;
        let start = at;
        while (start > 0 && isLocal(lower.charCodeAt(start - 1))) start--;
        const address =
          separator === '@' ? null : `${lower.slice(start, at)}@${lower.slice(at + separator.length, end)}`;
        const known = address === null ? this.emails.get(lower, start, end) : this.emails.getKey(address);
        if (known !== undefined) report(start, 'original-email');
      }
    }
  }
}

function isDomain(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 45;
}

function isLocal(c: number): boolean {
  return isDomain(c) || c === 95 || c === 43 || (c >= 0x80 && c <= 0xff);
}
const BEFORE_WORD = '[\\x00-\\x2c\\x2e\\x2f\\x3a-\\x40\\x5b-\\x5e\\x60\\x7b-\\xff]';
const WORD = /[A-Za-z0-9_-]/;

function bounded(text: string, start: number, end: number, kind: PatternKind): boolean {
  if (kind === 'keyword' || kind === 'custom') return true;
  const before = text.charAt(start - 1);
  const after = text.charAt(end);
  if (WORD.test(after)) return false;
  // After a URL escape (`%2Fmail.example.com`) a name starts anew.
  if (/%[0-9A-Fa-f]{2}$/.test(text.slice(Math.max(0, start - 3), start))) return true;
  // A domain may follow a dot (a host under it) or an @.
  return !WORD.test(before);
}
