import { describe, expect, it } from 'vitest';
import { redactText } from './test-harness';

/** Redacts one text with a fresh map and returns the output. */
async function out(text: string): Promise<string> {
  return (await redactText(text)).text;
}

describe('secrets become fixed markers', () => {
  it.each([
    // localconfig.xml: the value element on the next line
    [
      '<localconfig>\n  <key name="zimbra_ldap_password">\n    <value>s3cr3t!</value>\n  </key>\n</localconfig>\n',
      '<localconfig>\n  <key name="zimbra_ldap_password">\n    <value>[REDACTED:password]</value>\n  </key>\n</localconfig>\n',
    ],
    // zmlocalconfig -s: key = value to the end of the line, spaces inside
    ['ldap_root_password = my secret pw\n', 'ldap_root_password = [REDACTED:password]\n'],
    ['mailboxd_keystore_password = abcDEF123\r\n', 'mailboxd_keystore_password = [REDACTED:password]\r\n'],
    // zmprov attributes
    ['zimbraAuthTokenKey: 8d9c0a1b2c3d4e5f60718293a4b5c6d7\n', 'zimbraAuthTokenKey: [REDACTED:secret]\n'],
    ['zimbraCsrfTokenKey: 00112233445566778899aabbccddeeff\n', 'zimbraCsrfTokenKey: [REDACTED:secret]\n'],
    [
      'zimbraPreAuthKey: 4e2816f16c44fab20ecdee39fb850c3b0bb54d03f1d8e073aaea376a4f407f0c\n',
      'zimbraPreAuthKey: [REDACTED:secret]\n',
    ],
    ['zimbraGalLdapBindPassword: Gal!Bind1\n', 'zimbraGalLdapBindPassword: [REDACTED:password]\n'],
    ['zimbraLdapBindPassword: x\n', 'zimbraLdapBindPassword: [REDACTED:password]\n'],
    ['zimbraDataSourcePassword: hunter2\n', 'zimbraDataSourcePassword: [REDACTED:password]\n'],
    // cookies and URL parameters
    [
      'Cookie: ZM_AUTH_TOKEN=0_abcdef0123; JSESSIONID=node01abc123xyz.node0; ZM_TEST=true\n',
      'Cookie: ZM_AUTH_TOKEN=[REDACTED:token]; JSESSIONID=[REDACTED:token]; ZM_TEST=true\n',
    ],
    [
      'Set-Cookie: ZM_ADMIN_AUTH_TOKEN=0_99ffee; Path=/; Secure\n',
      'Set-Cookie: ZM_ADMIN_AUTH_TOKEN=[REDACTED:token]; Path=/; Secure\n',
    ],
    [
      'GET /service/home/~/?auth=co&zauthtoken=0_1a2b3c4d5e&fmt=tgz HTTP/1.1\n',
      'GET /service/home/~/?auth=co&zauthtoken=[REDACTED:token]&fmt=tgz HTTP/1.1\n',
    ],
    [
      'GET /service/preauth?account=zimbra&timestamp=1&expires=0&preauth=b7a3f0c2d1e4 HTTP/1.1\n',
      'GET /service/preauth?account=zimbra&timestamp=1&expires=0&preauth=[REDACTED:secret] HTTP/1.1\n',
    ],
    ['GET /zimbra/;jsessionid=abc123def456?x=1\n', 'GET /zimbra/;jsessionid=[REDACTED:token]?x=1\n'],
    // authToken and csrfToken in JSON, XML and SOAP
    [
      '{"authToken":[{"_content":"0_deadbeef"}],"lifetime":1}\n',
      '{"authToken":[{"_content":"[REDACTED:token]"}],"lifetime":1}\n',
    ],
    ['<authToken>0_feedface</authToken>\n', '<authToken>[REDACTED:token]</authToken>\n'],
    ['{"csrfToken":"0_a1b2c3d4"}\n', '{"csrfToken":"[REDACTED:token]"}\n'],
    ['<a n="zimbraPreAuthKey">0123abcd4567</a>\n', '<a n="zimbraPreAuthKey">[REDACTED:secret]</a>\n'],
    [
      '{"n":"zimbraPreAuthKey","_content":"0123abcd4567"}\n',
      '{"n":"zimbraPreAuthKey","_content":"[REDACTED:secret]"}\n',
    ],
    // Authorization: the scheme stays
    ['Authorization: Basic dXNlcjpwYXNzd29yZA==\n', 'Authorization: Basic [REDACTED:authorization]\n'],
    ['authorization: Bearer eyJhbGciOi.x.y\n', 'authorization: Bearer [REDACTED:authorization]\n'],
    // passwords in key=value, JSON, XML, Java maps
    ['login ok user=zimbra password=hunter2 next=1\n', 'login ok user=zimbra password=[REDACTED:password] next=1\n'],
    ['{"password":"js0n pw","x":1}\n', '{"password":"[REDACTED:password]","x":1}\n'],
    ["{'passwd': 'py'}\n", "{'passwd': '[REDACTED:password]'}\n"],
    ['<password>xml</password>\n', '<password>[REDACTED:password]</password>\n'],
    ['<attr password="inattr"/>\n', '<attr password="[REDACTED:password]"/>\n'],
    ['{user=root, password=javamap}\n', '{user=root, password=[REDACTED:password]}\n'],
    ['db.password=props\n', 'db.password=[REDACTED:password]\n'],
    ['  smtp_pass: yaml\n', '  smtp_pass: [REDACTED:password]\n'],
    // user:pass@ in URLs
    ['fetch ftp://bob:hunter2@ftp.example.org/x\n', null],
    // generic tokens next to secret-ish keys (entropy decides for the weak ones)
    ['api_key=Zx8yQ2mP0aLk9WvB7nR4\n', 'api_key=[REDACTED:secret]\n'],
    ['signature=a9F3kQ0zL2mX8pR5tV7wY1b\n', 'signature=[REDACTED:high-entropy]\n'],
    ['X-Client-Secret: s3cr3t-v4lue\n', 'X-Client-Secret: [REDACTED:secret]\n'],
    // a Zimbra auth token and a JWT wherever they are
    [
      'token in text 0_8993f38604e72b6c86a10084ef522eebc4bd0041_69643d33363a3264 end\n',
      'token in text [REDACTED:zimbra-auth-token] end\n',
    ],
    ['see eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTYifQ.abcDEF123_- done\n', 'see [REDACTED:jwt] done\n'],
  ])('%j', async (input, expected) => {
    const output = await out(input);
    if (expected === null) {
      expect(output).toMatch(
        /^fetch ftp:\/\/user-[a-z2-7]{10}:\[REDACTED:url-password\]@h-[a-z2-7]{10}\.d-[a-z2-7]{10}\.invalid\/x\n$/,
      );
    } else {
      expect(output).toBe(expected);
    }
  });

  it('replaces a PEM block whole, from BEGIN to END, also as a zmprov attribute and inside JSON', async () => {
    const key = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\nAbCdEf0123456789+/==\n';
    expect(
      await out(`zimbraSSLPrivateKey: -----BEGIN PRIVATE KEY-----\n${key}-----END PRIVATE KEY-----\nzimbraX: 1\n`),
    ).toBe('zimbraSSLPrivateKey: [REDACTED:pem-private-key]\nzimbraX: 1\n');
    expect(await out('{"cert":"-----BEGIN CERTIFICATE-----\\nMIIB\\nAbC=\\n-----END CERTIFICATE-----\\n","n":1}')).toBe(
      '{"cert":"[REDACTED:pem-certificate]\\n","n":1}',
    );
    expect(
      await out(
        '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,AB12\n\nMIIC\n-----END RSA PRIVATE KEY-----\n',
      ),
    ).toBe('[REDACTED:pem-private-key]\n');
  });

  it('ends a PEM block cut off without its END before the first line that is not PEM', async () => {
    expect(await out('-----BEGIN CERTIFICATE-----\nMIIBxyz\nABCD==\n2026-11-25 10:00:00,000 INFO [main] up\n')).toBe(
      '[REDACTED:pem-certificate]2026-11-25 10:00:00,000 INFO [main] up\n',
    );
  });
});

describe('settings and words that look secret but are diagnostics stay', () => {
  it.each([
    'zimbraPasswordMinLength: 6\n',
    'zimbraPasswordMustChange: FALSE\n',
    'zimbraAuthTokenLifetime: 2d\n',
    'zimbraCsrfTokenCheckEnabled: TRUE\n',
    'zimbraFeatureChangePasswordEnabled: TRUE\n',
    'PWD=/opt/zimbra\nOLDPWD=/root\n',
    'cat: /etc/passwd: Permission denied\n',
    'echo $password\n',
    'auth failed: token: expired\n',
    'maxTokens=5\n',
    'password=*****\n',
    'password=[REDACTED:password]\n',
    'cache key=mailbox:12 hit\n',
    'publicKey=short\n',
    '<key name="zimbra_mysql_user">\n    <value>zimbra</value>\n  </key>\n',
    '  <key name="ssl_allow_untrusted_certs">\n    <value>false</value>\n',
    'ldap_bes_searcher_password = \n',
    'Invalid password for user\n',
  ])('%j', async (input) => {
    expect(await out(input)).toBe(input);
  });
});
