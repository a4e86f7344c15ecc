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
  const pattern = new RegExp(trieSource([...kinds.keys()]), 'g');
  const kindAt = new TextMap<LiteralKind>();
  for (const [literal, kind] of kinds) kindAt.setKey(literal, kind);
  const knownHosts = new TextMap<true>();
  for (const host of vocabulary.hosts) if (host.includes('.')) knownHosts.setKey(host, true);

  return (w: ScanWindow, out: Span[]) => {
    const { text, lower } = w;
    pattern.lastIndex = w.from;
    for (let m = pattern.exec(lower); m !== null; m = pattern.exec(lower)) {
      const start = m.index;
      const end = start + m[0].length;
      const kind = kindAt.get(lower, start, end);
      if (kind === 'keyword') {
        out.push(new Span(start, end, 'keyword', PRIO_PII, SpanKind.Keyword));
        continue;
      }
      // Inside a longer word or name: look again from the next character. Before `@` it is the
      // local part of an address, which the e-mail finder replaces whole.
      const after = text.charCodeAt(end);
      if (
        continuesName(text, end) ||
        (isWord(text.charCodeAt(start - 1)) && !afterEscape(text, start)) ||
        after === 64 ||
        text.startsWith('%40', end) ||
        text.startsWith('%2540', end)
      ) {
        pattern.lastIndex = start + 1;
        continue;
      }
      if (kind === 'domain') {
        // After an address's `@` the e-mail finder replaces it whole.
        if (text.charCodeAt(start - 1) === 64 && (flagsOf(text.charCodeAt(start - 2)) & LOCAL) !== 0) continue;
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
  };
}

/** A keyword as the engine sees it: its UTF-8 bytes as Latin-1 code units, lower-case. */
export function keywordText(keyword: string): string {
  return Buffer.from(keyword, 'utf8').toString('latin1').toLowerCase();
}

/** Whether a URL escape (`%2F`) ends right before `at`. */
function afterEscape(text: string, at: number): boolean {
  return text.charCodeAt(at - 3) === 37 && /^[0-9A-Fa-f]{2}$/.test(text.slice(at - 2, at));
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
