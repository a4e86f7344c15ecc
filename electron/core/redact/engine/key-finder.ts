import { flagsOf, KEY, WORD } from './char-classes';
import { contextValue, dcRun, type ContextHit } from './context-values';
import { KeyTable } from './key-table';
import { credentialsAfterKey, valueAfterKey } from './key-value';
import { isSecretValue } from './secret-keys';
import { marker, PRIO_PII, Span, SpanKind, type Finder, type OpenState, type ScanWindow } from './span';

const MAX_KEY = 128;
const JSON_NAME_FIELD = /[ \t]*"([A-Za-z0-9_.-]{1,128})"/y;

export interface KeyVisitor {
  secret?: (start: number, end: number, rule: string, open: OpenState | null) => void;
  context: (hit: ContextHit) => void;
  /** The value of a setting that names hosts; `hostname`: the key says a single host (a bare name is one). */
  names?: (start: number, end: number, hostname: boolean) => void;
}

/**
 * Everything decided by the key in front of a separator: secrets after
 * secret-ish keys (`password=`, `zimbraAuthTokenKey:`, `"authToken":`,
 * `<password>`, `<key name="..._password">`), user names and device IDs after
 * their keys, the domain of `dc=` runs. One indexOf pass per separator (`=`,
 * `:`, `>`); the key before it is looked at closely only when its last two
 * letters can end a key that matters.
 */
export function visitKeys(w: ScanWindow, table: KeyTable, visitor: KeyVisitor): void {
  const { lower, len } = w;
  const endings = table.endings;
  for (const separator of ['=', ':', '>']) {
    const blanks = separator !== '>';
    for (let at = lower.indexOf(separator, w.scanFrom); at >= 0 && at < len; at = lower.indexOf(separator, at + 1)) {
      // Most separators follow keys that do not matter: two table lookups turn them away.
      let keyEnd = at;
      let last = at > 0 ? lower.charCodeAt(at - 1) : 0;
      if (blanks) {
        while ((last === 32 || last === 9) && keyEnd > 1) last = lower.charCodeAt(--keyEnd - 1);
      }
      if (last === 34 || last === 39) {
        keyEnd--;
        last = keyEnd > 0 ? lower.charCodeAt(keyEnd - 1) : 0;
      }
      const beforeLast = keyEnd > 1 ? lower.charCodeAt(keyEnd - 2) : 0;
      if (endings[((beforeLast & 0xff) << 8) | (last & 0xff)] !== 1 || !table.mayMatter(lower, keyEnd)) continue;
      visitSeparator(w, table, at, keyEnd, separator, visitor);
    }
  }
}

function visitSeparator(
  w: ScanWindow,
  table: KeyTable,
  at: number,
  keyEnd: number,
  separator: string,
  visitor: KeyVisitor,
): void {
  const { text, lower } = w;
  const quote = lower.charCodeAt(keyEnd);
  const quoted = keyEnd < at && (quote === 34 || quote === 39);
  if ((flagsOf(lower.charCodeAt(keyEnd - 1)) & KEY) === 0) return;
  let keyStart = keyEnd - 1;
  while (keyStart > 0 && keyEnd - keyStart < MAX_KEY && (flagsOf(text.charCodeAt(keyStart - 1)) & KEY) !== 0)
    keyStart--;
  if (quoted && text.charCodeAt(keyStart - 1) !== quote) return;
  const role = table.roleOf(text, keyStart, keyEnd);
  if (role === null) return;
  switch (role.kind) {
    case 'secret': {
      if (visitor.secret === undefined) return;
      const value =
        role.secret.rule === 'authorization'
          ? credentialsAfterKey(text, keyStart, keyEnd, w.final)
          : valueAfterKey(text, keyStart, keyEnd, w.final);
      if (value === null) return;
      const start = value.start;
      if (start < w.from || (start >= value.end && value.open === null)) return;
      let end = value.end;
      // A session ID or token never holds `?`: in a URL (`;jsessionid=...?x=1`) the query starts there.
      if (role.secret.rule === 'token' && value.open === null) {
        const query = text.indexOf('?', start);
        if (query >= 0 && query < end) end = query;
      }
      if (value.open === null && !isSecretValue(role.secret, text.slice(start, end))) return;
      visitor.secret(start, end, role.secret.rule, value.open);
      return;
    }
    case 'n': {
      // SOAP in JSON: {"n":"zimbraPreAuthKey","_content":"..."}: the key is the next string.
      if (separator !== ':' || !quoted || visitor.secret === undefined) return;
      JSON_NAME_FIELD.lastIndex = at + 1;
      const m = JSON_NAME_FIELD.exec(text);
      if (m === null) return;
      const end = JSON_NAME_FIELD.lastIndex - 1;
      const nameStart = end - (m[1] ?? '').length;
      const inner = table.roleOf(text, nameStart, end);
      if (inner?.kind !== 'secret') return;
      const value = valueAfterKey(text, nameStart, end, w.final);
      if (value === null || value.start < w.from) return;
      if (value.open === null && !isSecretValue(inner.secret, text.slice(value.start, value.end))) return;
      visitor.secret(value.start, value.end, inner.secret.rule, value.open);
      return;
    }
    case 'names': {
      if (visitor.names === undefined) return;
      const value = valueAfterKey(text, keyStart, keyEnd, true);
      if (value !== null) visitor.names(value.start, value.end, role.hostname);
      return;
    }
    default: {
      // Context keys stand alone (`uid=`, not `myuid=`), unquoted before `=` or quoted JSON before `:`.
      if ((flagsOf(text.charCodeAt(keyStart - (quoted ? 2 : 1))) & WORD) !== 0) return;
      const json = quoted && separator === ':';
      if (!json && (quoted || separator !== '=')) return;
      if (role.kind === 'dc') {
        const hit = json ? null : dcRun(text, lower, at + 1);
        if (hit !== null) visitor.context(hit);
        return;
      }
      // `name=` is a user only in Zimbra's log context `[name=...;` (elsewhere it names a key, a folder...).
      const before = text.charCodeAt(keyStart - 1);
      if (role.kind === 'name' && (json || (before !== 91 && before !== 59))) return;
      const hit = contextValue(text, lower, at + 1, role.kind === 'device', json);
      if (hit !== null) visitor.context(hit);
    }
  }
}

/** The redaction side: secrets as markers, user names, device IDs and DN domains as pseudonyms. */
export function makeKeyFinder(extraSecretKeys: string[]): Finder {
  const table = new KeyTable(extraSecretKeys);
  return (w: ScanWindow, out: Span[]) => {
    visitKeys(w, table, {
      secret: (start, end, rule, open) => out.push(marker(start, end, rule, open)),
      context: (hit) => {
        if (hit.start < w.from) return;
        if (hit.kind === 'dc') {
          out.push(new Span(hit.start, hit.end, 'ldap-dc', PRIO_PII, SpanKind.LdapDc));
        } else if (hit.kind === 'device') {
          out.push(new Span(hit.start, hit.end, 'device-id', PRIO_PII, SpanKind.Device));
        } else {
          out.push(new Span(hit.start, hit.end, 'user', PRIO_PII, SpanKind.User));
        }
      },
    });
  };
}
