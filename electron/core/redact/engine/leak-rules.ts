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

const PEM = /-----BEGIN [A-Z0-9 ]{1,40}-----/g;
const AUTHORIZATION =
  /authorization["']?[ \t]*[:=][ \t]*["']?(?:basic|bearer|negotiate|ntlm)[ \t]+[a-z0-9+/=._~-]{8,}/g;
const TOKEN_VALUE =
  /(?:zm_auth_token|zm_admin_auth_token|jsessionid|zauthtoken|authtoken|csrftoken|preauth)["']?[ \t]*[:=][ \t]*["']?([^\s;&"',<>[]{8,})/g;
const PASSWORD_VALUE = /(?:password|passwd|passphrase|pwd)["']?[ \t]*(?:=>|[:=])[ \t]*["']?([^\s"'<>,;&{[]+)/g;
const SECRET_VALUE =
  /(?:secret|privatekey|private_key|apikey|api_key|api-key|tokenkey|preauthkey|authkey)["']?[ \t]*[:=][ \t]*["']?([^\s"'<>,;&{[]{8,})/g;
const SECRET_ELEMENT = /<([a-z_]*(?:password|passwd|secret))>([^<]+)<\//g;
// localconfig.xml (`<key name="..._password"><value>`) and SOAP (`<a n="zimbraPreAuthKey">`).
const NAMED_SECRET = /\sn(?:ame)?="[^"]*(?:password|passwd|secret|preauthkey|tokenkey)"[^<>]*>\s*(?:<value>)?([^<]*)</g;
const JSON_CONTENT_SECRET =
  /(?:password|passwd|secret|authtoken|csrftoken)"\s*:\s*\[?\s*\{\s*"_content"\s*:\s*"([^"]*)"/g;
const ZIMBRA_TOKEN = /(?<![0-9a-z_])\d{1,3}_[0-9a-f]{32,}_[0-9a-f]{16,}/g;
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\./g;
const URL_PASSWORD = /:\/\/[^\s/@:"'<>]+:([^\s/@"'<>]+)@/g;
const RANDOM_NEAR_KEY =
  /(?:key|secret|token|sig|signature|salt|nonce|session|ticket)["']?[ \t]*[:=][ \t]*["']?([a-z0-9+/=_.:~-]{16,})(?=[\s"'<>,;&)\]}]|$)/g;
const WORDY = /^(?:\d{1,7}|[a-z]{1,15})$/i;

/** Runs every secret pattern over the matches that start in [from, cut) and reports where they are. */
export function checkSecrets(w: LeakWindow, report: Report): void {
  each(PEM, w.text, w, (m) => report(m.index, 'pem'));
  each(AUTHORIZATION, w.lower, w, (m) => report(m.index, 'authorization'));
  each(TOKEN_VALUE, w.lower, w, (m) => {
    if (!WORDY.test(m[1] ?? '') && !inPath(w.text, m.index)) report(m.index, 'token');
  });
  each(PASSWORD_VALUE, w.lower, w, (m) => {
    const value = m[1] ?? '';
    // A path (/etc/passwd), the shell's PWD, values already masked or redacted.
    if (inPath(w.text, m.index) || isShellPwd(w.text, m.index)) return;
    if (/^\*+$/.test(value) || value.startsWith('[redacted') || value.startsWith('-----begin')) return;
    report(m.index, 'password');
  });
  each(SECRET_VALUE, w.lower, w, (m) => {
    const value = m[1] ?? '';
    if (!value.startsWith('[redacted') && !WORDY.test(value) && !inPath(w.text, m.index)) report(m.index, 'secret');
  });
  each(SECRET_ELEMENT, w.lower, w, (m) => {
    if (unredacted(m[2])) report(m.index, 'password');
  });
  each(NAMED_SECRET, w.lower, w, (m) => {
    if (unredacted(m[1]) && !(m[1] ?? '').trim().startsWith('-----begin')) report(m.index, 'password');
  });
  each(JSON_CONTENT_SECRET, w.lower, w, (m) => {
    if (unredacted(m[1])) report(m.index, 'secret');
  });
  each(ZIMBRA_TOKEN, w.lower, w, (m) => report(m.index, 'zimbra-auth-token'));
  each(JWT, w.text, w, (m) => report(m.index, 'jwt'));
  each(URL_PASSWORD, w.text, w, (m) => {
    if (!(m[1] ?? '').startsWith('[REDACTED')) report(m.index, 'url-password');
  });
  each(RANDOM_NEAR_KEY, w.lower, w, (m) => {
    const valueStart = m.index + m[0].length - (m[1] ?? '').length;
    const value = w.text.slice(valueStart, m.index + m[0].length);
    if (inPath(w.text, m.index)) return;
    if (/\d/.test(value) && /[A-Za-z]/.test(value) && entropy(value) >= 3.5) report(m.index, 'high-entropy');
  });
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
