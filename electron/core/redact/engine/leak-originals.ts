import { keywordText } from './literal-finder';
import type { MapSnapshot } from './map-snapshot';
import { isDistinctiveWord, isPublicName } from './names';
import type { AddressSets } from './leak-addresses';
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
export function leakPatterns(
  map: MapSnapshot,
  config: RedactConfig,
): { texts: string[]; kinds: PatternKind[]; addresses: AddressSets } {
  const patterns = new Map<string, PatternKind>();
  const add = (kind: PatternKind, text: string): void => {
    if (text !== '' && !patterns.has(text)) patterns.set(text, kind);
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
    const at = email.lastIndexOf('@');
    if (!isPublicName(email.slice(at + 1))) continue;
    add('email', email);
    add('email', `${email.slice(0, at)}%40${email.slice(at + 1)}`);
  }
  const originalsOnly = (table: Record<string, string>): Set<string> => {
    const pseudonyms = new Set(Object.values(table));
    return new Set(Object.keys(table).filter((original) => !pseudonyms.has(original)));
  };
  return {
    texts: [...patterns.keys()],
    kinds: [...patterns.values()],
    addresses: {
      ipv4: originalsOnly(entries.ipv4),
      ipv6: originalsOnly(entries.ipv6),
      mac: originalsOnly(entries.mac),
    },
  };
}
