import { describe, expect, it } from 'vitest';
import { CasekitError } from '../../../shared/error-codes';
import { parseFtpUrl } from './ftp-url';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CasekitError);
    expect((error as CasekitError).code).toBe('INVALID_INPUT');
    return (error as CasekitError).message;
  }
  throw new Error('expected INVALID_INPUT');
}

describe('parseFtpUrl', () => {
  it('reads user, host, port and folder, and says where without secrets', () => {
    expect(parseFtpUrl('ftp://upload@ftp.example.com:2121/cases/case-00012345')).toEqual({
      host: 'ftp.example.com',
      port: 2121,
      user: 'upload',
      dir: 'cases/case-00012345',
      tls: 'explicit',
      destination: 'ftp://upload@ftp.example.com:2121/cases/case-00012345',
    });
  });

  it('defaults to anonymous, port 21 and explicit TLS for ftp://', () => {
    expect(parseFtpUrl('ftp://ftp.example.com/in/')).toMatchObject({
      user: 'anonymous',
      port: 21,
      tls: 'explicit',
      dir: 'in',
    });
  });

  it('takes ftps:// as implicit TLS on 990, and as explicit TLS on another port', () => {
    expect(parseFtpUrl('ftps://h.example/x')).toMatchObject({ port: 990, tls: 'implicit' });
    expect(parseFtpUrl('ftps://h.example:990/x')).toMatchObject({ port: 990, tls: 'implicit' });
    expect(parseFtpUrl('ftps://h.example:21/x')).toMatchObject({ port: 21, tls: 'explicit' });
  });

  it('lets the caller choose the TLS mode, with the port following it', () => {
    expect(parseFtpUrl('ftp://h.example/x', 'off')).toMatchObject({ port: 21, tls: 'off' });
    expect(parseFtpUrl('ftp://h.example/x', 'implicit')).toMatchObject({ port: 990, tls: 'implicit' });
  });

  it('decodes %-escapes and keeps IPv6 addresses', () => {
    expect(parseFtpUrl('ftp://us%40er@[::1]:2100/case%2000012345')).toMatchObject({
      host: '::1',
      user: 'us@er',
      dir: 'case 00012345',
      destination: 'ftp://us%40er@[::1]:2100/case%2000012345',
    });
  });

  it.each([
    ['http://h.example/x', /not an FTP URL/],
    ['not a url', /not a URL/],
    ['ftp://u:pw@h.example/x', /--password-env/],
    ['ftp://h.example/', /names no folder/],
    ['ftp://h.example/a%2Fb', /may not contain "a\/b"/],
    ['ftp://h.example/a%0d%0aDELE%20x', /may not contain/],
    ['ftp://h.example/x?y=1', /query/],
    ['ftp://h.example/%E0%A4%A', /broken %-escape/],
  ])('refuses %s', (url, message) => {
    expect(refusal(() => parseFtpUrl(url))).toMatch(message);
  });

  it('takes dot segments as the URL standard does, never up from the login folder', () => {
    expect(parseFtpUrl('ftp://h.example/a/../../b/./c')).toMatchObject({ dir: 'b/c' });
  });

  it('refuses ftps:// with TLS off', () => {
    expect(refusal(() => parseFtpUrl('ftps://h.example/x', 'off'))).toMatch(/use ftp:\/\//);
  });
});
