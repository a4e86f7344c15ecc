/**
 * What a portal says is untrusted text shown to the user and kept in the
 * receipt: control characters (terminal escapes) go, whitespace collapses, and
 * it is cut short so a whole HTML error page does not end up in a case.
 */
export const SERVER_TEXT_MAX = 300;

// C0 and C1 controls, DEL, and the bidi overrides that could make text read differently than it is.
function isControl(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

export function cleanServerText(text: string, max: number = SERVER_TEXT_MAX): string {
  let visible = '';
  for (const char of text) visible += isControl(char.codePointAt(0) ?? 0) ? ' ' : char;
  const clean = visible.replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** The message of a response body: a JSON `message`/`error`/`detail` string when there is one, the text otherwise. */
export function serverMessage(body: string, contentType: string | undefined): string {
  if (contentType?.includes('json') === true || /^\s*\{/.test(body)) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed === 'object' && parsed !== null) {
        for (const key of ['message', 'error', 'detail']) {
          const value: unknown = (parsed as Record<string, unknown>)[key];
          if (typeof value === 'string') return cleanServerText(value);
        }
      }
    } catch {
      // Not JSON after all: the text is the message.
    }
  }
  if (contentType?.includes('html') === true) {
    return cleanServerText(body.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '));
  }
  return cleanServerText(body);
}

/** `413 Payload Too Large: the message`, as the receipt records it. */
export function serverAnswer(status: number, statusText: string, message: string): string {
  const line = cleanServerText(`${status} ${statusText}`, 80);
  return message === '' ? line : `${line}: ${message}`;
}
