import { isNameValue } from './context-values';
import { PRIO_PII, Span, SpanKind, type ScanWindow } from './span';

const AUTH_FAILED = 'authentication failed for [';
const MAX_LOGIN = 256;

/**
 * User names in sentences rather than after keys: the login in Zimbra's
 * `authentication failed for [login]` (audit.log, IMAP, POP3). Addresses are
 * left to the e-mail finder.
 */
export function visitPhrases(w: ScanWindow, visit: (start: number, end: number) => void): void {
  const { lower } = w;
  for (let at = lower.indexOf(AUTH_FAILED, w.scanFrom); at >= 0; at = lower.indexOf(AUTH_FAILED, at + 1)) {
    const start = at + AUTH_FAILED.length;
    const end = lower.indexOf(']', start);
    const newline = lower.indexOf('\n', start);
    if (end <= start || end - start > MAX_LOGIN || (newline >= 0 && newline < end)) continue;
    if (isNameValue(lower, start, end, false)) visit(start, end);
  }
}

export function findPhrases(w: ScanWindow, out: Span[]): void {
  visitPhrases(w, (start, end) => {
    if (start >= w.from) out.push(new Span(start, end, 'user', PRIO_PII, SpanKind.User));
  });
}
