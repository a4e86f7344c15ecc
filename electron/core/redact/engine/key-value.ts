import { flagsOf, SPACE } from './char-classes';
import type { OpenState, ValueTerminator } from './span';

/** Where the value of a key is; `open` when it runs past the window. */
export interface ValueSpan {
  start: number;
  end: number;
  open: OpenState | null;
}

const ENDS: Record<'eol' | 'xml' | 'inline', RegExp> = {
  eol: /[\r\n]/g,
  xml: /</g,
  // Unquoted values inside a line end at white space and the punctuation of URLs, cookies, JSON and Java maps,
  // and at the `[\r][\n]` with which HttpClient's wire log writes line breaks.
  inline: /[\s&;,"'<>)\]}]|\[\\[rn]\]/g,
};
const JSON_CONTENT_FIELD = /\s*,\s*"_content"\s*:\s*"/y;
const JSON_WRAPPED_CONTENT = /[[{]\s*(?:\{\s*)?"_content"\s*:\s*"/y;
const MAX_TAG_REST = 256;
const MAX_GAP = 512;

/**
 * The value belonging to the key at [keyStart, keyEnd), in the forms Zimbra
 * and its tools write: `key=value`, `key = value` and `key: value` (to the end
 * of the line when the key starts the line, as zmlocalconfig, zmprov and HTTP
 * headers print), quoted values, JSON (`"key": "value"`, SOAP's
 * `{"_content": ...}`), XML elements (`<key>value</key>`) and named entries
 * (`<key name="key"><value>value</value>`, `<a n="key">value</a>`,
 * `{"n":"key","_content":"value"}`). Null when there is no value.
 */
export function valueAfterKey(text: string, keyStart: number, keyEnd: number, final: boolean): ValueSpan | null {
  const before = text.charCodeAt(keyStart - 1);
  const after = text.charCodeAt(keyEnd);
  // A path (`/etc/passwd`) or a variable reference (`$password`) is not a key.
  if (before === 47 || before === 36) return null;
  if (before === 60) return after === 62 ? elementContent(text, keyEnd + 1, final) : null;
  if ((before === 34 || before === 39) && after === before) {
    const quote = keyStart - 1;
    if (isNameAttribute(text, quote)) return namedElementValue(text, keyEnd + 1, final);
    if (isJsonNameField(text, quote)) {
      JSON_CONTENT_FIELD.lastIndex = keyEnd + 1;
      return JSON_CONTENT_FIELD.test(text) ? quoted(text, JSON_CONTENT_FIELD.lastIndex, final, 34) : null;
    }
    const i = skipBlanks(text, keyEnd + 1);
    const c = text.charCodeAt(i);
    if (c !== 58 && c !== 61) return null;
    return jsonValue(text, skipBlanks(text, i + 1), final);
  }
  let i = skipBlanks(text, keyEnd);
  const c = text.charCodeAt(i);
  if (c === 61) {
    i += text.charCodeAt(i + 1) === 62 ? 2 : 1; // `=` or `=>`
  } else if (c === 58) {
    const next = text.charCodeAt(i + 1);
    if (next === 47 || next === 58) return null; // `://`, `::`
    i++;
  } else {
    return null;
  }
  i = skipBlanks(text, i);
  const q = text.charCodeAt(i);
  if (q === 34 || q === 39) return quoted(text, i + 1, final, q);
  return bare(text, i, final, startsLine(text, keyStart) ? 'eol' : 'inline');
}

const SCHEME = /(?:basic|bearer|digest|negotiate|ntlm|token|zimbra[a-z]*)[ \t]+/iy;

/**
 * The credentials after an Authorization key: what follows the scheme word
 * (which stays, `Basic `), up to white space, a quote or `[\r]`, wherever the
 * header is written (a request dump, an HttpClient wire log, JSON).
 */
export function credentialsAfterKey(text: string, keyStart: number, keyEnd: number, final: boolean): ValueSpan | null {
  const value = valueAfterKey(text, keyStart, keyEnd, final);
  if (value === null) return null;
  SCHEME.lastIndex = value.start;
  if (!SCHEME.test(text)) return value;
  return bare(text, SCHEME.lastIndex, final, 'inline');
}

/** Where an open value ends in the next window (`end` = text length while it goes on). */
export function continueValue(
  state: Extract<OpenState, { kind: 'value' }>,
  text: string,
  from: number,
): { end: number; done: boolean; escaped: boolean } {
  if (state.end === 'dquote' || state.end === 'squote') {
    return scanQuoted(text, from, state.end === 'dquote' ? 34 : 39, state.escaped);
  }
  const re = ENDS[state.end];
  re.lastIndex = from;
  const m = re.exec(text);
  return m === null ? { end: text.length, done: false, escaped: false } : { end: m.index, done: true, escaped: false };
}

function bare(text: string, i: number, final: boolean, end: 'eol' | 'inline'): ValueSpan | null {
  const re = ENDS[end];
  re.lastIndex = i;
  const m = re.exec(text);
  if (m === null) return final ? nonEmpty(i, text.length) : openValue(i, text.length, end);
  let stop = m.index;
  if (end === 'eol') while (stop > i && (flagsOf(text.charCodeAt(stop - 1)) & SPACE) !== 0) stop--;
  return nonEmpty(i, stop);
}

function quoted(text: string, i: number, final: boolean, quote: number): ValueSpan | null {
  const scan = scanQuoted(text, i, quote, false);
  if (scan.done || final) return nonEmpty(i, scan.end);
  return {
    start: i,
    end: scan.end,
    open: { kind: 'value', end: quote === 34 ? 'dquote' : 'squote', escaped: scan.escaped },
  };
}

/** Up to the closing quote (backslash escapes it) or the end of the line. */
function scanQuoted(
  text: string,
  i: number,
  quote: number,
  escaped: boolean,
): { end: number; done: boolean; escaped: boolean } {
  const len = text.length;
  for (; i < len; i++) {
    const c = text.charCodeAt(i);
    if (escaped) escaped = false;
    else if (c === 92) escaped = true;
    else if (c === quote || c === 10 || c === 13) return { end: i, done: true, escaped: false };
  }
  return { end: len, done: false, escaped };
}

function elementContent(text: string, i: number, final: boolean): ValueSpan | null {
  const lt = text.indexOf('<', i);
  let start = i;
  const stop = lt < 0 ? text.length : lt;
  while (start < stop && isWhite(text.charCodeAt(start))) start++;
  if (lt < 0) return final ? nonEmpty(start, stop) : openValue(start, stop, 'xml');
  let end = stop;
  while (end > start && isWhite(text.charCodeAt(end - 1))) end--;
  return nonEmpty(start, end);
}

/** After `name="key"`: the rest of the tag, then the content or a `<value>` element. */
function namedElementValue(text: string, i: number, final: boolean): ValueSpan | null {
  let gt = i;
  const tagLimit = Math.min(text.length, i + MAX_TAG_REST);
  while (gt < tagLimit && text.charCodeAt(gt) !== 62 && text.charCodeAt(gt) !== 60) gt++;
  if (text.charCodeAt(gt) !== 62 || text.charCodeAt(gt - 1) === 47) return null;
  let j = gt + 1;
  const gapLimit = Math.min(text.length, j + MAX_GAP);
  while (j < gapLimit && isWhite(text.charCodeAt(j))) j++;
  if (text.startsWith('<value>', j)) return elementContent(text, j + 7, final);
  if (text.charCodeAt(j) === 60) return null;
  return elementContent(text, gt + 1, final);
}

function jsonValue(text: string, i: number, final: boolean): ValueSpan | null {
  const c = text.charCodeAt(i);
  if (c === 34 || c === 39) return quoted(text, i + 1, final, c);
  if (c === 91 || c === 123) {
    JSON_WRAPPED_CONTENT.lastIndex = i;
    return JSON_WRAPPED_CONTENT.test(text) ? quoted(text, JSON_WRAPPED_CONTENT.lastIndex, final, 34) : null;
  }
  return bare(text, i, final, 'inline');
}

function isNameAttribute(text: string, quote: number): boolean {
  const name = text.slice(Math.max(0, quote - 5), quote).toLowerCase();
  const word = name.endsWith('name=') ? 5 : name.endsWith('n=') ? 2 : 0;
  return word !== 0 && isWhite(text.charCodeAt(quote - word - 1));
}

function isJsonNameField(text: string, quote: number): boolean {
  let k = quote - 1;
  while (k >= 0 && isWhite(text.charCodeAt(k))) k--;
  if (text.charCodeAt(k) !== 58) return false;
  k--;
  while (k >= 0 && isWhite(text.charCodeAt(k))) k--;
  return text.slice(k - 2, k + 1) === '"n"';
}

function startsLine(text: string, i: number): boolean {
  for (let k = i - 1; k >= 0; k--) {
    const c = text.charCodeAt(k);
    if (c === 10) return true;
    if ((flagsOf(c) & SPACE) === 0) return false;
  }
  return true;
}

function skipBlanks(text: string, i: number): number {
  while ((flagsOf(text.charCodeAt(i)) & SPACE) !== 0) i++;
  return i;
}

function isWhite(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function nonEmpty(start: number, end: number): ValueSpan | null {
  return end > start ? { start, end, open: null } : null;
}

function openValue(start: number, end: number, terminator: ValueTerminator): ValueSpan {
  return { start, end, open: { kind: 'value', end: terminator, escaped: false } };
}
