// The leak check's own patterns for secrets, written apart from the redaction
// finders on purpose: a second, simpler description of what must not be left,
// so a mistake in one is caught by the other.
import { entropy } from './entropy';

export interface LeakWindow {
  text: string;
  lower: string;
  from: number;
  cut: number;
}

type Report = (position: number, rule: string) => void;

// Every secret-ish key followed by its separator, in one pass; the key decides what its value must look like
// to count. Longer words come first where one ends another (tokenkey before token).
const KEY_VALUE =
  /(zm_auth_token|zm_admin_auth_token|jsessionid|zauthtoken|authtoken|csrftoken|preauthkey|preauth|authorization|password|passwd|passphrase|pwd|secret|privatekey|private_key|apikey|api_key|api-key|tokenkey|authkey|signature|session|ticket|nonce|token|salt|sig|key)"?'?[ \t]*(?:=>|[:=])[ \t]*/g;
const CLASS_OF = new Map<string, 'password' | 'token' | 'secret' | 'authorization' | 'random'>([
  ...['password', 'passwd', 'passphrase', 'pwd'].map((k) => [k, 'password'] as const),
  ...['zm_auth_token', 'zm_admin_auth_token', 'jsessionid', 'zauthtoken', 'authtoken', 'csrftoken', 'preauth'].map(
    (k) => [k, 'token'] as const,
  ),
  ...['secret', 'privatekey', 'private_key', 'apikey', 'api_key', 'api-key', 'tokenkey', 'preauthkey', 'authkey'].map(
    (k) => [k, 'secret'] as const,
  ),
  ['authorization', 'authorization'],
  ...['key', 'token', 'sig', 'signature', 'salt', 'nonce', 'session', 'ticket'].map((k) => [k, 'random'] as const),
]);
const PLAIN_VALUE = /[^\s"'<>,;&{[]+/y;
const TOKEN_VALUE = /[^\s;&"',<>[]{8,}/y;
const RANDOM_VALUE = /[a-z0-9+/=_.:~-]{16,}(?=[\s"'<>,;&)\]}]|$)/y;
const CREDENTIALS = /(?:basic|bearer|negotiate|ntlm)[ \t]+[a-z0-9+/=._~-]{8,}/y;
const CONTENT = /\[?\s*\{\s*"_content"\s*:\s*"([^"]*)"/y;
const SECRET_ELEMENT = /<[a-z_]*(?:password|passwd|secret)>([^<]+)<\//g;
// localconfig.xml (`<key name="..._password"><value>`) and SOAP (`<a n="zimbraPreAuthKey">`).
const NAMED_SECRET = /="[^"]*(?:password|passwd|secret|preauthkey|tokenkey)"[^<>]*>\s*(?:<value>)?([^<]*)</g;
const ZIMBRA_TOKEN = /_[0-9a-f]{32,}_[0-9a-f]{16,}/g;
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\./y;
const URL_PASSWORD = /[^\s/@:"'<>]+:([^\s/@"'<>]+)@/y;
const WORDY = /^(?:\d{1,7}|[a-z]{1,15})$/i;

/** Runs every secret pattern over the matches that start in [from, cut) and reports where they are. */
export function checkSecrets(w: LeakWindow, report: Report): void {
  const { text, lower } = w;
  for (let at = text.indexOf('-----BEGIN ', w.from); at >= 0 && at < w.cut; at = text.indexOf('-----BEGIN ', at + 1)) {
    report(at, 'pem');
  }
  each(KEY_VALUE, lower, w, (m) => checkKeyValue(w, m, report));
  each(SECRET_ELEMENT, lower, w, (m) => {
    if (unredacted(m[1])) report(m.index, 'password');
  });
  each(NAMED_SECRET, lower, w, (m) => {
    const before = lower.slice(Math.max(0, m.index - 5), m.index);
    if (!/\sn(?:ame)?$/.test(before)) return;
    if (unredacted(m[1]) && !(m[1] ?? '').trim().startsWith('-----begin')) report(m.index, 'password');
  });
  each(ZIMBRA_TOKEN, lower, w, (m) => {
    let start = m.index;
    while (start > 0 && m.index - start < 3 && isDigit(lower.charCodeAt(start - 1))) start--;
    const before = lower.charCodeAt(start - 1);
    if (start < m.index && !isDigit(before) && !isWordChar(before) && before !== 95) report(start, 'zimbra-auth-token');
  });
  for (let at = text.indexOf('eyJ', w.from); at >= 0 && at < w.cut; at = text.indexOf('eyJ', at + 3)) {
    const before = text.charCodeAt(at - 1);
    if (isWordChar(before) || isDigit(before) || before === 95 || before === 45) continue;
    JWT.lastIndex = at;
    if (JWT.test(text)) report(at, 'jwt');
  }
  for (let at = text.indexOf('://', w.from); at >= 0 && at < w.cut; at = text.indexOf('://', at + 3)) {
    URL_PASSWORD.lastIndex = at + 3;
    const m = URL_PASSWORD.exec(text);
    if (m !== null && !(m[1] ?? '').startsWith('[REDACTED')) report(at, 'url-password');
  }
}

function checkKeyValue(w: LeakWindow, m: RegExpExecArray, report: Report): void {
  const { text, lower } = w;
  const word = m[1] ?? '';
  const kind = CLASS_OF.get(word);
  const valueAt = m.index + m[0].length;
  const quote = lower.charCodeAt(valueAt);
  const at = quote === 34 || quote === 39 ? valueAt + 1 : valueAt;
  if (inPath(text, m.index)) return;
  switch (kind) {
    case 'password': {
      if (isShellPwd(text, m.index)) return;
      const value = sticky(PLAIN_VALUE, lower, at);
      if (value !== null && !/^\*+$/.test(value) && !value.startsWith('[redacted') && !value.startsWith('-----begin')) {
        report(m.index, 'password');
      } else if (value === null) {
        checkContent(w, at, m.index, 'password', report);
      }
      return;
    }
    case 'token': {
      const value = sticky(TOKEN_VALUE, lower, at);
      if (value !== null && !WORDY.test(value)) report(m.index, 'token');
      else if (value === null) checkContent(w, at, m.index, 'token', report);
      return;
    }
    case 'secret': {
      const value = sticky(PLAIN_VALUE, lower, at);
      if (value !== null && value.length >= 8 && !value.startsWith('[redacted') && !WORDY.test(value)) {
        report(m.index, 'secret');
      } else if (value === null) {
        checkContent(w, at, m.index, 'secret', report);
      }
      return;
    }
    case 'authorization':
      if (sticky(CREDENTIALS, lower, at) !== null) report(m.index, 'authorization');
      return;
    case 'random': {
      const value = sticky(RANDOM_VALUE, lower, at);
      if (value === null) return;
      const original = text.slice(at, at + value.length);
      if (/\d/.test(original) && /[A-Za-z]/.test(original) && entropy(original) >= 3.5) report(m.index, 'high-entropy');
      return;
    }
  }
}

/** SOAP in JSON: `"authToken":[{"_content":"..."}]`. */
function checkContent(w: LeakWindow, at: number, position: number, rule: string, report: Report): void {
  CONTENT.lastIndex = at;
  const m = CONTENT.exec(w.lower);
  if (m !== null && unredacted(m[1])) report(position, rule);
}

function sticky(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at;
  return re.exec(text)?.[0] ?? null;
}

function each(re: RegExp, text: string, w: LeakWindow, visit: (m: RegExpExecArray) => void): void {
  re.lastIndex = w.from;
  for (let m = re.exec(text); m !== null && m.index < w.cut; m = re.exec(text)) visit(m);
}

function unredacted(value: string | undefined): boolean {
  const trimmed = (value ?? '').trim();
  return trimmed !== '' && !trimmed.startsWith('[redacted');
}

/** The key around `at` follows a `/` or a `$`: a file path or a variable, as the redactor also decides. */
function inPath(text: string, at: number): boolean {
  let k = at;
  while (k > 0 && /[A-Za-z0-9_.-]/.test(text.charAt(k - 1))) k--;
  const before = text.charCodeAt(k - 1);
  return before === 47 || before === 36;
}

function isShellPwd(text: string, at: number): boolean {
  const key = /[A-Za-z_]*$/.exec(text.slice(Math.max(0, at - 8), at))?.[0] ?? '';
  const word = key + text.slice(at, at + 3);
  return word === 'PWD' || word === 'OLDPWD';
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
