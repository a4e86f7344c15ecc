import { flagsOf, LABEL } from './char-classes';
import { isCustomerDomainName, isSystemUser } from './names';
import { TextMap } from './text-map';

const VALUE_END = /[\s&;,"'<>)\]}|]/g;
const DC_NEXT = /,[ \t]*dc=/iy;
const MAX_VALUE = 256;
const PSEUDONYM = /^(?:user|dev)-[a-z2-7]{10}$/;
const MEMO_LIMIT = 50_000;

export type ContextHit =
  | { kind: 'user' | 'device'; start: number; end: number }
  /** `domain`: lower-case, dot-separated. */
  | { kind: 'dc'; start: number; end: number; domain: string };

// Values repeat line after line: whether each is a user (or device) name is decided once.
const userVerdicts = new TextMap<boolean>();
const deviceVerdicts = new TextMap<boolean>();
const dcDomains = new TextMap<string | null>();

/**
 * The user name or device ID at `at` (after `key=`, or after `"key":` when
 * `json`): quoted or up to the punctuation that ends values in logs and URLs.
 * Addresses are left to the e-mail finder; system accounts (zimbra, root,
 * postfix...), numbers and pseudonyms stay.
 */
export function contextValue(
  text: string,
  lower: string,
  at: number,
  device: boolean,
  json: boolean,
): ContextHit | null {
  const value = valueSpan(text, at, json);
  if (value === null) return null;
  const [start, end] = value;
  return isNameValue(lower, start, end, device) ? { kind: device ? 'device' : 'user', start, end } : null;
}

/** Whether lower[start, end) is a user name (or device ID) to replace: see contextValue. */
export function isNameValue(lower: string, start: number, end: number, device: boolean): boolean {
  const verdicts = device ? deviceVerdicts : userVerdicts;
  let ok = verdicts.get(lower, start, end);
  if (ok === undefined) {
    ok = judgeValue(lower.slice(start, end), device);
    if (verdicts.size >= MEMO_LIMIT) verdicts.clear();
    verdicts.set(lower, start, end, ok);
  }
  return ok;
}

function judgeValue(normal: string, device: boolean): boolean {
  if (normal.includes('@') || normal.includes('%40') || normal.startsWith('[redacted') || PSEUDONYM.test(normal)) {
    return false;
  }
  if (device) return normal !== '-';
  return !isSystemUser(normal) && !/^\d+$/.test(normal);
}

function valueSpan(text: string, at: number, json: boolean): [number, number] | null {
  let i = at;
  if (json) while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  const q = text.charCodeAt(i);
  let end: number;
  if (q === 34 || q === 39) {
    i++;
    end = text.indexOf(q === 34 ? '"' : "'", i);
    const newline = text.indexOf('\n', i);
    if (end < 0 || (newline >= 0 && newline < end)) return null;
  } else {
    if (json) return null;
    VALUE_END.lastIndex = i;
    end = VALUE_END.test(text) ? VALUE_END.lastIndex - 1 : text.length;
  }
  return end > i && end - i <= MAX_VALUE ? [i, end] : null;
}

/** The customer domain of an LDAP DN from the first `dc=` value at `at` (`example,dc=com` -> example.com). */
export function dcRun(text: string, lower: string, at: number): ContextHit | null {
  let i = at;
  let end = at;
  for (;;) {
    let j = i;
    while ((flagsOf(text.charCodeAt(j)) & LABEL) !== 0 && j - i < 63) j++;
    if (j === i) break;
    end = j;
    DC_NEXT.lastIndex = j;
    if (!DC_NEXT.test(text)) break;
    i = DC_NEXT.lastIndex;
  }
  if (end === at) return null;
  let domain = dcDomains.get(lower, at, end);
  if (domain === undefined) {
    const labels = lower.slice(at, end).split(/,[ \t]*dc=/);
    const joined = labels.join('.');
    domain = labels.length >= 2 && isCustomerDomainName(joined) ? joined : null;
    if (dcDomains.size >= MEMO_LIMIT) dcDomains.clear();
    dcDomains.set(lower, at, end, domain);
  }
  return domain === null ? null : { kind: 'dc', start: at, end, domain };
}
