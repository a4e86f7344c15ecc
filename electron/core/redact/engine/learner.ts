import { flagsOf, LABEL } from './char-classes';
import { emailAt } from './email-finder';
import { visitKeys } from './key-finder';
import type { KeyTable } from './key-table';
import { visitPhrases } from './phrase-finder';
import type { ScanWindow } from './span';
import { visitSyslogHosts } from './syslog-finder';
import type { VocabularyBuilder } from './vocabulary';
import { safeCut, type Step, type Tuning } from './window-feeder';

const MAX_VALUE = 4096;
const HOST_IN_URL = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/\s]*@)?([a-z0-9.-]+)/;

/**
 * Pass 1: learns the customer's names from the text (domains of addresses,
 * host names in settings, URLs, zmprov's `# name` lines and syslog headers, user
 * names and device IDs after their keys, LDAP DNs) into `vocabulary`.
 */
export function makeLearnStep(vocabulary: VocabularyBuilder, keys: KeyTable, tuning: Tuning): Step {
  return (text, from, final) => {
    const len = text.length;
    const cut = final ? len : safeCut(text, from, len - tuning.ahead);
    const w: ScanWindow = {
      text,
      lower: text.toLowerCase(),
      from,
      scanFrom: Math.max(0, from - (tuning.lookbehind >> 1)),
      len,
      final,
    };
    learnAddresses(w, cut, vocabulary);
    visitKeys(w, keys, {
      context: (hit) => {
        if (hit.start >= cut) return;
        if (hit.kind === 'dc') vocabulary.addName(hit.domain);
        else if (hit.kind === 'device') vocabulary.addDeviceAt(w.lower, hit.start, hit.end);
        else vocabulary.addUserAt(w.lower, hit.start, hit.end);
      },
      names: (start, end, hostname) => learnNames(w.lower, start, end, hostname, vocabulary),
    });
    visitPhrases(w, (start, end) => {
      if (start < cut) vocabulary.addUserAt(w.lower, start, end);
    });
    learnUrls(w, cut, vocabulary);
    for (let at = text.indexOf('# name ', from); at >= 0 && at < cut; at = text.indexOf('# name ', at + 7)) {
      const m = /^[^\s@]+(?=\s|$)/.exec(w.lower.slice(at + 7, at + 7 + 260));
      if (m !== null) vocabulary.addName(m[0].replace(/\.$/, ''));
    }
    visitSyslogHosts(w, (start, end, qualified) => {
      if (start >= cut) return;
      if (qualified) vocabulary.addNameAt(w.lower, start, end);
      else vocabulary.addShortHost(w.lower.slice(start, end));
    });
    return cut;
  };
}

function learnAddresses(w: ScanWindow, cut: number, vocabulary: VocabularyBuilder): void {
  const { text, len } = w;
  for (const separator of ['@', '%40', '%2540']) {
    for (let at = text.indexOf(separator, w.from); at >= 0 && at < cut; at = text.indexOf(separator, at + 1)) {
      const hit = emailAt(text, w.lower, at, separator.length, w.from, len);
      if (hit !== null) vocabulary.addNameAt(w.lower, hit.domainStart, hit.end);
    }
  }
}

/** The host and domain names in the value of a setting (several, URLs with ports and paths, separated). */
function learnNames(lower: string, start: number, end: number, hostname: boolean, vocabulary: VocabularyBuilder): void {
  const items = lower.slice(start, Math.min(end, start + MAX_VALUE)).split(/[\s,;]+/);
  for (const item of items) {
    const host = HOST_IN_URL.exec(item)?.[1]?.replace(/\.$/, '');
    if (host === undefined || host === '') continue;
    if (host.includes('.')) vocabulary.addName(host);
    else if (hostname) vocabulary.addShortHost(host);
  }
}

function hostEnd(lower: string, from: number): number {
  let i = from;
  while ((flagsOf(lower.charCodeAt(i)) & LABEL) !== 0 || lower.charCodeAt(i) === 46) i++;
  return i;
}

// What may stand between `://` and the `@` of user:password@: not a path, a space or a quote.
function isUserInfo(c: number): boolean {
  return (
    c === c && c !== 47 && c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 34 && c !== 39 && c !== 60 && c !== 62
  );
}

function learnUrls(w: ScanWindow, cut: number, vocabulary: VocabularyBuilder): void {
  const { lower } = w;
  for (let at = lower.indexOf('://', w.from); at >= 0 && at < cut; at = lower.indexOf('://', at + 3)) {
    let start = at + 3;
    let end = hostEnd(lower, start);
    // user:password@host: the host comes after the last @ before the path.
    for (let i = end; lower.charCodeAt(i) === 64 || (i < start + 256 && isUserInfo(lower.charCodeAt(i))); i++) {
      if (lower.charCodeAt(i) === 64) {
        start = i + 1;
        end = hostEnd(lower, start);
        break;
      }
    }
    while (end > start && lower.charCodeAt(end - 1) === 46) end--;
    const dot = lower.indexOf('.', start);
    if (dot > start && dot < end) vocabulary.addNameAt(lower, start, end);
  }
}
