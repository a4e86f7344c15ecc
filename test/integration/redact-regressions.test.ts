import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { newMapSnapshot, type RedactConfig } from '../../electron/core/redact/engine/index';
import { leakCheck, runEngine } from '../fixtures/redact/run-engine';

// One test per false positive or negative the corpus tests found in the
// engine, each on the smallest input that shows it (lines in the real formats).

const config: RedactConfig = { keywords: [], extraRules: [] };

/** The lines redacted as one file; `learnFrom` lines come first, as the rest of a log would. */
async function redact(lines: readonly string[], learnFrom: readonly string[] = []): Promise<string[]> {
  const text = [...learnFrom, ...lines].join('\n') + '\n';
  const run = await runEngine(new Map([['mailbox.log', Buffer.from(text, 'latin1')]]), newMapSnapshot(), config, {
    workers: 1,
  });
  return run.outputs
    .get('mailbox.log')!
    .toString('latin1')
    .split('\n')
    .slice(learnFrom.length, learnFrom.length + lines.length);
}

/** A line where the customer's domain and one of its hosts are written plainly, for pass 1 to learn from. */
const LEARN = [
  '2026-11-25 10:00:00,000 INFO  [main] [] misc - zimbra_server_hostname = mbx01.acme-logistik.de smtp_source = anna.nowak@acme-logistik.de',
];

describe('engine regressions found by the corpus', () => {
  it('keeps a dotted version after a slash in a user agent (ZimbraConnectorForOutlook/9.0.0.1, Chrome/119.0.0.0)', async () => {
    const [zco, chrome] = await redact(
      [
        '2026-11-25 00:01:18,062 INFO  [qtp1258084361-7003] [name=anna.nowak@acme-logistik.de;oip=192.168.158.130;ua=ZimbraConnectorForOutlook/9.0.0.1;soapId=60ad7c7b;] security - cmd=AdminAuth;',
        '10.65.110.21:53144 - - [25/Nov/2026:07:00:05 +0100]  "GET https://mail.acme-logistik.de/ HTTP/1.1" 200 37669 "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36" "10.65.32.11:8443"',
      ],
      LEARN,
    );
    expect(zco).toContain('ua=ZimbraConnectorForOutlook/9.0.0.1;');
    expect(zco).not.toContain('192.168.158.130');
    expect(chrome).toContain('Chrome/119.0.0.0 Safari/537.36');
    expect(chrome).not.toContain('10.65.110.21');
  });

  it('replaces the whole address when a sentence period follows it (mailop "acct=anna.nowak@acme-logistik.de.")', async () => {
    const [line] = await redact(
      [
        '2026-11-25 00:00:08,606 INFO  [LmtpServer-20] [name=anna.nowak@acme-logistik.de;mid=15;] mailop - Adding Message: id=149323, Message-ID=<6022261D137D8CF9.E0792F56@partner.example.net>, parentId=-1, folderId=2, folderName=Inbox, acct=anna.nowak@acme-logistik.de.',
      ],
      LEARN,
    );
    expect(line).not.toContain('anna.nowak');
    expect(line).toMatch(/acct=[^@\s]+@[^\s]+\.$/);
  });

  it('replaces the whole host name when "->" follows it (RemoteManager: host->zimbra@host:22)', async () => {
    const [line] = await redact(
      [
        'com.zimbra.common.service.ServiceException: system failure: exception during auth {RemoteManager: mta01.acme-logistik.de->zimbra@mta01.acme-logistik.de:22}',
      ],
      LEARN,
    );
    expect(line).not.toContain('acme-logistik');
    expect(line).toMatch(/\{RemoteManager: \S+->\S+:22\}$/);
  });

  it('keeps the "[\\r][\\n]" escape after a cookie in an HttpClient wire log', async () => {
    const [cookies, admin] = await redact([
      '2026-11-25 00:00:12,737 DEBUG [ZimbraHttpConnectionManager-1] [] wire - >> "Cookie: ZM_AUTH_TOKEN=0_1a407d81c31072aa828eb8f8928d2c74dc4ebd3e_69643d33363a34336335; JSESSIONID=node0xlm740umxw66ntkzj4mhskic8405.node0[\\r][\\n]"',
      '2026-11-25 00:00:12,941 DEBUG [ZimbraHttpConnectionManager-1] [] wire - >> "Cookie: ZM_ADMIN_AUTH_TOKEN=0_3daf24105bc3284e0e9cfde97d95ea450237e1ce_69643d33363a3433[\\r][\\n]"',
    ]);
    expect(cookies).not.toContain('node0xlm740');
    expect(cookies).toMatch(/JSESSIONID=\S+\[\\r\]\[\\n\]"$/);
    expect(admin).not.toContain('3daf24105bc3');
    expect(admin).toMatch(/ZM_ADMIN_AUTH_TOKEN=\S+\[\\r\]\[\\n\]"$/);
  });

  it("replaces an IPv6 address in Postfix's [IPv6:…] form", async () => {
    const [line] = await redact(
      [
        'Nov 25 00:00:29 mta01 postfix/submission/smtpd[3610]: 732592A29D: client=unknown[IPv6:2a08:8369:516e:aae6:7061:40c8:71ee:e12d], sasl_method=LOGIN, sasl_username=anna.nowak@acme-logistik.de',
      ],
      LEARN,
    );
    expect(line).not.toContain('2a08:8369:516e');
    expect(line).toMatch(/client=unknown\[IPv6:[0-9a-f:]+\], sasl_method=LOGIN/);
  });

  it('replaces an IPv6 address followed by :port without brackets (nginx $remote_addr:$remote_port, netstat)', async () => {
    const [nginx, netstat] = await redact(
      [
        '2a04:e522:a582:5c1b:4634:5582:cacb:9ed:56443 - - [25/Nov/2026:07:00:02 +0100]  "POST https://mail.acme-logistik.de/service/soap/NoOpRequest HTTP/1.1" 401 4763',
        'tcp6       0      0 2a06:92f7:dcb4:10::11:42965 2a04:4a6d:91b3:9251:dcf9:2a3a:43c4:44cf:52866 TIME_WAIT   -',
      ],
      LEARN,
    );
    expect(nginx).not.toContain('2a04:e522');
    expect(nginx).toMatch(/^[0-9a-f:]+:56443 - - \[/);
    expect(netstat).not.toContain('2a06:92f7');
    expect(netstat).not.toContain('2a04:4a6d');
    expect(netstat).toMatch(/^tcp6 {7}0 {6}0 [0-9a-f:]+:42965 [0-9a-f:]+:52866 TIME_WAIT {3}-$/);
  });

  it('keeps the "zmdiaglog-" prefix of the zmdiaglog folder name and gives its host the pseudonym it has elsewhere', async () => {
    const [host, folder] = await redact(
      [
        'zimbraServiceHostname: mbx01.acme-logistik.de',
        '2026-11-25 10:15:06 Saving diagnostic logging output to: /opt/zimbra/data/tmp/zmdiaglog-mbx01.acme-logistik.de.20261125-101500.4242',
      ],
      LEARN,
    );
    const pseudonym = host!.slice('zimbraServiceHostname: '.length);
    expect(pseudonym).not.toContain('acme-logistik');
    expect(folder).toBe(
      `2026-11-25 10:15:06 Saving diagnostic logging output to: /opt/zimbra/data/tmp/zmdiaglog-${pseudonym}.20261125-101500.4242`,
    );
  });

  it("keeps netstat's loopback listener ::1:7025 (address ::1, port 7025)", async () => {
    const [line] = await redact([
      'tcp6       0      0 ::1:7025                :::*                    LISTEN      3456/java',
    ]);
    expect(line).toBe('tcp6       0      0 ::1:7025                :::*                    LISTEN      3456/java');
  });

  it('replaces the bare login in "authentication failed for [login]" (audit.log, IMAP and POP3)', async () => {
    const [line] = await redact(
      [
        '2026-11-25 00:07:04,002 WARN  [Pop3SSLServer-422] [ip=10.65.32.10;oip=10.65.110.46;] security - cmd=Auth; account=mwojcik@acme-logistik.de; protocol=pop3; error=authentication failed for [mwojcik], invalid password;',
      ],
      LEARN,
    );
    expect(line).not.toContain('mwojcik');
    expect(line).toMatch(/error=authentication failed for \[[^\]]+\], invalid password;$/);
  });

  it("replaces a URL-encoded URL's host without its %2F, and an address encoded twice (%2540), in a redirect parameter", async () => {
    const [line] = await redact(
      [
        '10.65.110.21:53144 - - [25/Nov/2026:07:00:05 +0100]  "GET https://mail.acme-logistik.de/zimbra/?loginOp=relogin&redirect=https%3A%2F%2Fmail.acme-logistik.de%2Fzimbra%2F%3Fuser%3Danna.nowak%2540acme-logistik.de HTTP/1.1" 302 512',
      ],
      LEARN,
    );
    expect(line).not.toContain('acme-logistik');
    expect(line).not.toContain('anna.nowak');
    expect(line).toMatch(
      /&redirect=https%3A%2F%2F[a-z0-9.-]+%2Fzimbra%2F%3Fuser%3D[^%\s]+%2540[a-z0-9.-]+ HTTP\/1\.1" 302 512$/,
    );
  });

  it('replaces Basic credentials in an HttpClient wire log, "[\\r][\\n]" after them, in either letter case (HTTP/2 lowers it)', async () => {
    const lines = await redact([
      '2026-11-25 00:00:12,358 DEBUG [ZimbraHttpConnectionManager-1] [] wire - >> "Authorization: Basic YW5uYS5ub3dha0BhY21lLWxvZ2lzdGlrLmRlOnNlY3JldDEyMw==[\\r][\\n]"',
      '2026-11-25 00:00:12,359 DEBUG [ZimbraHttpConnectionManager-1] [] wire - >> "authorization: basic YW5uYS5ub3dha0BhY21lLWxvZ2lzdGlrLmRlOnNlY3JldDEyMw==[\\r][\\n]"',
      'authorization: basic YW5uYS5ub3dha0BhY21lLWxvZ2lzdGlrLmRlOnNlY3JldDEyMw==\r',
    ]);
    for (const line of lines) expect(line).not.toContain('YW5uYS5ub3dha0');
    expect(lines[0]).toMatch(/wire - >> "Authorization: Basic \S+\[\\r\]\[\\n\]"$/);
    expect(lines[1]).toMatch(/wire - >> "authorization: basic \S+\[\\r\]\[\\n\]"$/);
    expect(lines[2]).toMatch(/^authorization: basic \S+\r$/);
  });

  it('leak check: finds an original IPv6 address next to other hex and colons ([IPv6:addr], addr:port)', async () => {
    const address = '2a08:8369:516e:aae6:7061:40c8:71ee:e12d';
    const learned = await runEngine(
      new Map([
        ['mailbox.log', Buffer.from(`2026-11-25 00:00:01,000 INFO  [ImapSSLServer-1] [ip=${address};] imap - LOGIN\n`)],
      ]),
      newMapSnapshot(),
      config,
      { workers: 1 },
    );
    expect(learned.outputs.get('mailbox.log')!.toString()).not.toContain(address);
    const leaked = new Map([
      [
        'zimbra.log',
        Buffer.from(
          `Nov 25 00:00:29 mta01 postfix/submission/smtpd[3610]: client=unknown[IPv6:${address}], sasl_method=LOGIN\n`,
        ),
      ],
      [
        'nginx.access.log',
        Buffer.from(
          `${address}:56443 - - [25/Nov/2026:07:00:02 +0100]  "POST /service/soap/NoOpRequest HTTP/1.1" 401 4763\n`,
        ),
      ],
    ]);
    const findings = await leakCheck(leaked, learned.map, config);
    expect(findings.map((f) => f.file).sort()).toEqual(['nginx.access.log', 'zimbra.log']);
  });
});
