import { flagsOf, LABEL, LOCAL, WORD } from './char-classes';
import { isDistinctiveWord } from './names';
import { PRIO_PII, Span, SpanKind, type Finder, type ScanWindow } from './span';
import { TextMap } from './text-map';
import { trieSource } from './trie-regex';
import type { Vocabulary } from './types';

type LiteralKind = 'domain' | 'host' | 'user' | 'device' | 'keyword';
const ORDER: LiteralKind[] = ['keyword', 'domain', 'device', 'user', 'host'];
const MAX_NAME = 253;
const ZMDIAGLOG = 'zmdiaglog-';

/**
 * What pass 1 learned, found wherever it occurs (case-insensitive): customer
 * domains with every name under them (`mbx01.example.com`), and, as whole
 * words, distinctive short host names, user names and device IDs; keywords
 * anywhere, even inside words. Null when there is nothing to look for.
 */
export function makeLiteralFinder(vocabulary: Vocabulary, keywords: string[]): Finder | null {
  const kinds = new Map<string, LiteralKind>();
  const add = (kind: LiteralKind, literal: string): void => {
    const current = kinds.get(literal);
    if (literal !== '' && (current === undefined || ORDER.indexOf(kind) < ORDER.indexOf(current))) {
      kinds.set(literal, kind);
    }
  };
  for (const domain of vocabulary.domains) add('domain', domain);
  for (const host of vocabulary.hosts) if (!host.includes('.') && isDistinctiveWord(host)) add('host', host);
  for (const user of vocabulary.users) if (isDistinctiveWord(user)) add('user', user);
  for (const device of vocabulary.devices) if (isDistinctiveWord(device)) add('device', device);
  for (const keyword of keywords) add('keyword', keywordText(keyword));
  if (kinds.size === 0) return null;
  const kindAt = new TextMap<LiteralKind>();
  for (const [literal, kind] of kinds) kindAt.setKey(literal, kind);
  const knownHosts = new TextMap<true>();
  for (const host of vocabulary.hosts) if (host.includes('.')) knownHosts.setKey(host, true);
  const words = [...kinds].filter(([, kind]) => kind !== 'keyword').map(([literal]) => literal);
  const substrings = [...kinds].filter(([, kind]) => kind === 'keyword').map(([literal]) => literal);
  // Names and words start after a character that is not part of a word (or a URL escape such as %2F): asking
  // for one first lets the regular expression engine pass over most positions at once.
  // Not before a word character or an `@` either (a local part; the e-mail finder replaces the address whole).
  const bounded = words.length === 0 ? null : new RegExp(`${NOT_WORD}(?:${trieSource(words)})(?![a-z0-9_@])`, 'g');
  // At one position: the start of the stream, or after a URL escape (`%2Fmail.example.com`).
  const at = words.length === 0 ? null : new RegExp(trieSource(words), 'y');
  const anywhere = substrings.length === 0 ? null : new RegExp(trieSource(substrings), 'g');

  return (w: ScanWindow, out: Span[]) => {
    const { lower } = w;
    if (anywhere !== null) {
      anywhere.lastIndex = w.from;
      for (let m = anywhere.exec(lower); m !== null; m = anywhere.exec(lower)) {
        out.push(new Span(m.index, m.index + m[0].length, 'keyword', PRIO_PII, SpanKind.Keyword));
      }
    }
    if (bounded === null || at === null) return;
    const tryAt = (start: number): void => {
      at.lastIndex = start;
      const m = at.exec(lower);
      if (m !== null) wordAt(w, start, start + m[0].length, kindAt, knownHosts, out);
    };
    if (w.from === 0) tryAt(0);
    for (let p = lower.indexOf('%', Math.max(0, w.from - 3)); p >= 0; p = lower.indexOf('%', p + 1)) {
      if (p + 3 >= w.from && isHex(lower.charCodeAt(p + 1)) && isHex(lower.charCodeAt(p + 2))) tryAt(p + 3);
    }
    bounded.lastIndex = Math.max(0, w.from - 1);
    for (let m = bounded.exec(lower); m !== null; m = bounded.exec(lower)) {
      const start = m.index + 1;
      if (start >= w.from) wordAt(w, start, m.index + m[0].length, kindAt, knownHosts, out);
      // The next literal may start right after this one's first character (its delimiter is then part of it).
      bounded.lastIndex = start;
    }
  };
}

const NOT_WORD = '[\\x00-\\x2c\\x2e\\x2f\\x3a-\\x40\\x5b-\\x5e\\x60\\x7b-\\xff]';

function wordAt(
  w: ScanWindow,
  start: number,
  end: number,
  kindAt: TextMap<LiteralKind>,
  knownHosts: TextMap<true>,
  out: Span[],
): void {
  const { text, lower } = w;
  // After an address's `@` the e-mail finder replaces the name whole (a bare host after `@` is ours).
  if (text.charCodeAt(start - 1) === 64 && (flagsOf(text.charCodeAt(start - 2)) & LOCAL) !== 0) {
    const dot = lower.indexOf('.', start);
    if (dot >= 0 && dot < end) return;
  }
  // Inside a longer word or name. Before `@` it is the local part of an address, which the e-mail finder
  // replaces whole.
  const after = text.charCodeAt(end);
  if (continuesName(text, end) || after === 64 || text.startsWith('%40', end) || text.startsWith('%2540', end)) return;
  const kind = kindAt.get(lower, start, end);
  if (kind === undefined) return;
  if (kind === 'domain') {
    const nameStart = knownHostStart(lower, namesBefore(text, start, w.from), start, end, knownHosts);
    out.push(new Span(nameStart, end, nameStart === start ? 'domain' : 'host', PRIO_PII, SpanKind.Name));
  } else if (kind === 'host') {
    out.push(new Span(start, end, 'host', PRIO_PII, SpanKind.ShortHost));
  } else if (kind === 'user') {
    out.push(new Span(start, end, 'user', PRIO_PII, SpanKind.User));
  } else if (kind === 'device') {
    out.push(new Span(start, end, 'device-id', PRIO_PII, SpanKind.Device));
  }
}

/** A keyword as the engine sees it: its UTF-8 bytes as Latin-1 code units, lower-case. */
export function keywordText(keyword: string): string {
  return Buffer.from(keyword, 'utf8').toString('latin1').toLowerCase();
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
}

function isWord(c: number): boolean {
  return (flagsOf(c) & WORD) !== 0;
}

/** Whether the name goes on at `end`: a word character, but a hyphen only when a label follows (not `->`). */
function continuesName(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  if (c === 45) return (flagsOf(text.charCodeAt(end + 1)) & LABEL) !== 0;
  return isWord(c);
}

/**
 * A name glued to a word by a hyphen (`zmdiaglog-mbx01.example.com`, a
 * zmdiaglog folder) starts after `zmdiaglog-`, or where a known host name
 * starts, so the host keeps the pseudonym it has everywhere else.
 */
function knownHostStart(
  lower: string,
  nameStart: number,
  rootStart: number,
  end: number,
  known: TextMap<true>,
): number {
  // zmdiaglog names its folder zmdiaglog-<host>.<date>-<time>.<pid>.
  if (lower.startsWith(ZMDIAGLOG, nameStart) && nameStart + ZMDIAGLOG.length <= rootStart) {
    return nameStart + ZMDIAGLOG.length;
  }
  if (nameStart === rootStart || known.get(lower, nameStart, end) !== undefined) return nameStart;
  // Hyphens of the first label only.
  for (let at = nameStart; at < rootStart && lower.charCodeAt(at) !== 46; at++) {
    if (lower.charCodeAt(at) === 45 && known.get(lower, at + 1, end) !== undefined) return at + 1;
  }
  return nameStart;
}

/** Widens a domain at `start` to the labels in front of it (`mbx01.` in `mbx01.example.com`). */
function namesBefore(text: string, start: number, min: number): number {
  let nameStart = start;
  while (nameStart - 1 > min && text.charCodeAt(nameStart - 1) === 46 && start - nameStart < MAX_NAME) {
    let j = nameStart - 1;
    while (j > min && (flagsOf(text.charCodeAt(j - 1)) & LABEL) !== 0 && text.charCodeAt(j - 1) < 0x80) j--;
    // URL-encoded text: `%2Fmail.example.com` starts after the escape.
    if (text.charCodeAt(j - 1) === 37 && /^[0-9A-Fa-f]{2}/.test(text.slice(j, j + 2))) j += 2;
    if (j >= nameStart - 1) break;
    nameStart = j;
  }
  return nameStart;
}
