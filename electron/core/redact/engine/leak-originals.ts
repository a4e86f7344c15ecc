import { keywordText } from './literal-finder';
import type { LeakWindow } from './leak-rules';
import type { AddressSets } from './leak-addresses';
import type { MapSnapshot } from './map-snapshot';
import { isDistinctiveWord, isPublicName } from './names';
import { TextMap } from './text-map';
import { trieSource } from './trie-regex';
import type { RedactConfig } from './types';

export type PatternKind = 'domain' | 'host' | 'user' | 'device' | 'keyword' | 'custom' | 'email';

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
  private readonly pattern: RegExp | null;

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
      if (isPublicName(email.slice(email.lastIndexOf('@') + 1))) this.emails.setKey(email, true);
    }
    const texts = [...this.kinds.entries()].map(([text]) => text);
    this.pattern = texts.length === 0 ? null : new RegExp(trieSource(texts), 'g');
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
    const { pattern } = this;
    if (pattern === null) return;
    const { text, lower } = w;
    pattern.lastIndex = w.from;
    for (let m = pattern.exec(lower); m !== null && m.index < w.cut; m = pattern.exec(lower)) {
      const start = m.index;
      // The longest pattern at this position, else a shorter one that ends there too (`acme.de` in `acme.dev`).
      for (let end = start + m[0].length; end > start; end--) {
        const kind = this.kinds.get(lower, start, end);
        if (kind !== undefined && bounded(text, start, end, kind)) {
          report(start, `original-${kind}`);
          break;
        }
      }
      pattern.lastIndex = start + 1;
    }
  }

  private checkEmails(w: LeakWindow, report: (position: number, rule: string) => void): void {
    const { lower } = w;
    for (const separator of ['@', '%40', '%2540']) {
      for (let at = lower.indexOf(separator, w.from); at >= 0 && at < w.cut; at = lower.indexOf(separator, at + 1)) {
        let start = at;
        while (start > 0 && isLocal(lower.charCodeAt(start - 1))) start--;
        let end = at + separator.length;
        while (isDomain(lower.charCodeAt(end))) end++;
        while (lower.charCodeAt(end - 1) === 46) end--;
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
const WORD = /[A-Za-z0-9_-]/;
const LOCAL = /[A-Za-z0-9._+-]|[\x80-\xff]/;

function bounded(text: string, start: number, end: number, kind: PatternKind): boolean {
  if (kind === 'keyword' || kind === 'custom') return true;
  const before = text.charAt(start - 1);
  const after = text.charAt(end);
  if (WORD.test(after)) return false;
  // A domain may follow a dot (a host under it) or an @; an address may not follow part of a local part.
  return kind === 'email' ? !LOCAL.test(before) : !WORD.test(before);
}
