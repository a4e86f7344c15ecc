import { describe, expect, it } from 'vitest';
import { serverAnswer, serverMessage } from './server-text';

describe('server text', () => {
  it('strips terminal escapes, bidi overrides and control characters from a message, and caps it', () => {
    expect(serverMessage('  bad\x1b[31m part\r\n\tname\u202e txt\x00 ', 'text/plain')).toBe('bad [31m part name txt');
    const long = serverMessage('x'.repeat(5000), 'text/plain');
    expect(long).toHaveLength(300);
    expect(long.endsWith('…')).toBe(true);
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
