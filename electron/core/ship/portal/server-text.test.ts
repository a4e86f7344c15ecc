import { describe, expect, it } from 'vitest';
import { cleanServerText, SERVER_TEXT_MAX, serverAnswer, serverMessage } from './server-text';

describe('server text', () => {
  it('strips terminal escapes, bidi overrides and control characters, and collapses whitespace', () => {
    expect(cleanServerText('  bad\x1b[31m part\r\n\tname\u202e txt\x00 ')).toBe('bad [31m part name txt');
  });

  it('caps the length', () => {
    const text = cleanServerText('x'.repeat(5000));
    expect(text).toHaveLength(SERVER_TEXT_MAX);
    expect(text.endsWith('…')).toBe(true);
  });

  it('takes the message of a JSON answer, and the text of an HTML page', () => {
    expect(serverMessage('{"message":"Case 00012345 is closed."}', 'application/json')).toBe(
      'Case 00012345 is closed.',
    );
    expect(serverMessage('{"error":"no"}', undefined)).toBe('no');
    expect(serverMessage('<html><style>p{}</style><p>Bad <b>request</b></p></html>', 'text/html')).toBe('Bad request');
    expect(serverMessage('{not json', 'application/json')).toBe('{not json');
  });

  it('writes the receipt line as status, reason and message', () => {
    expect(serverAnswer(400, 'Bad Request', 'Case is closed.')).toBe('400 Bad Request: Case is closed.');
    expect(serverAnswer(201, 'Created', '')).toBe('201 Created');
  });
});
