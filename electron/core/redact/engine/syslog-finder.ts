import { isCustomerDomainName, isShortHostName } from './names';
import { PRIO_PII, Span, SpanKind, type ScanWindow } from './span';
import { TextMap } from './text-map';

// The host field of a syslog line: `Mar 11 10:15:32 mbx01 postfix/smtpd[123]:` (RFC 3164) or
// `2025-03-11T10:15:32.123+01:00 mbx01 slapd[42]:` (rsyslog's high-precision format).
// Tried at each line start only (sticky), after a look at its first character.
const SYSLOG_HOST =
  /(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?) ([A-Za-z0-9][A-Za-z0-9._-]{0,252}) /y;

/** Calls `visit` with where the host name of each syslog header is (addresses are left to their finders). */
export function visitSyslogHosts(w: ScanWindow, visit: (start: number, end: number, qualified: boolean) => void): void {
  const { text, len } = w;
  // From the look-behind: a line may start before the window's decided part and its host lie after.
  for (let at = w.scanFrom; at < len;) {
    if (at === 0 || text.charCodeAt(at - 1) === 10) visitLine(text, at, visit);
    const newline = text.indexOf('\n', at);
    if (newline < 0) break;
    at = newline + 1;
  }
}

function visitLine(text: string, at: number, visit: (start: number, end: number, qualified: boolean) => void): void {
  const first = text.charCodeAt(at);
  if (!((first >= 65 && first <= 90) || (first >= 48 && first <= 57))) return;
  SYSLOG_HOST.lastIndex = at;
  const m = SYSLOG_HOST.exec(text);
  if (m === null) return;
  const end = SYSLOG_HOST.lastIndex - 1;
  const start = end - (m[1] ?? '').length;
  let verdict = verdicts.get(text, start, end);
  if (verdict === undefined) {
    const host = text.slice(start, end).toLowerCase();
    verdict =
      /^[\d.]+$/.test(host) || host === 'localhost'
        ? NOT_HOST
        : host.includes('.')
          ? isCustomerDomainName(host)
            ? FQDN
            : NOT_HOST
          : isShortHostName(host)
            ? SHORT
            : NOT_HOST;
    if (verdicts.size >= 10_000) verdicts.clear();
    verdicts.set(text, start, end, verdict);
  }
  if (verdict !== NOT_HOST) visit(start, end, verdict === FQDN);
}

const NOT_HOST = 0;
const FQDN = 1;
const SHORT = 2;
// One host writes a whole syslog file: its name is judged once.
const verdicts = new TextMap<number>();

/** The host of a syslog header, whatever it is called: the position says it is a host name. */
export function findSyslogHosts(w: ScanWindow, out: Span[]): void {
  visitSyslogHosts(w, (start, end, qualified) => {
    if (start < w.from) return;
    out.push(new Span(start, end, 'syslog-host', PRIO_PII, qualified ? SpanKind.Name : SpanKind.ShortHost));
  });
}
