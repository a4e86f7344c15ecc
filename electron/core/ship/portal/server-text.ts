import { cleanAnswer } from '../receipt-text';

/**
 * What a portal says is untrusted text shown to the user and kept in the
 * receipt: `cleanAnswer` removes control characters and bidi overrides and
 * cuts it short, so a whole HTML error page does not end up in a case.
 */
/** The message of a response body: a JSON `message`/`error`/`detail` string when there is one, the text otherwise. */
export function serverMessage(body: string, contentType: string | undefined): string {
  if (contentType?.includes('json') === true || /^\s*\{/.test(body)) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed === 'object' && parsed !== null) {
        for (const key of ['message', 'error', 'detail']) {
          const value: unknown = (parsed as Record<string, unknown>)[key];
          if (typeof value === 'string') return cleanAnswer(value);
        }
      }
    } catch {
      // Not JSON after all: the text is the message.
    }
  }
  if (contentType?.includes('html') === true) {
    return cleanAnswer(body.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '));
  }
  return cleanAnswer(body);
}

/** `413 Payload Too Large: the message`, as the receipt records it. */
export function serverAnswer(status: number, statusText: string, message: string): string {
  const line = cleanAnswer(`${status} ${statusText}`, 80);
  return message === '' ? line : `${line}: ${message}`;
}
