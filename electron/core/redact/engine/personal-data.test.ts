import { describe, expect, it } from 'vitest';
import { parseRulesFile } from './rules-file';
import { redactText } from './test-harness';

const TAG = '[a-z2-7]{10}';
const DOMAIN = `d-${TAG}\\.invalid`;
const EMAIL = new RegExp(`^user-${TAG}@${DOMAIN}$`);

async function out(text: string, keywords: string[] = []): Promise<string> {
  return (await redactText(text, { config: { keywords, extraRules: [] } })).text;
}

/** Splits the output by the same separators as `template` to compare pieces. */
async function pieces(text: string): Promise<string[]> {
  return (await out(text)).split(/[ \n]/);
}

describe('e-mail addresses', () => {
  it('become user-<tag>@d-<tag>.invalid, the same in any letter case and URL-encoded', async () => {
    const [a, b, c, d] = await pieces('jdoe@example.com JDoe@Example.COM jdoe%40example.com other@example.com\n');
    expect(a).toMatch(EMAIL);
    expect(b).toBe(a);
    expect(c).toBe(a!.replace('@', '%40'));
    expect(d).toMatch(EMAIL);
    expect(d).not.toBe(a);
    expect(d!.split('@')[1]).toBe(a!.split('@')[1]);
  });

  it('keep the local part of the same user on another domain and a public domain as it is', async () => {
    const [a, b, c] = await pieces('jdoe@example.com jdoe@other.org jdoe@gmail.com\n');
    expect(a!.split('@')[0]).toBe(b!.split('@')[0]);
    expect(a!.split('@')[1]).not.toBe(b!.split('@')[1]);
    expect(c).toBe(`${a!.split('@')[0]}@gmail.com`);
  });

  it('end before a sentence period, an angle bracket, a quote or a semicolon', async () => {
    const output = await out('acct=jdoe@example.com. <jdoe@example.com> "jdoe@example.com";x\n');
    expect(output).toMatch(
      new RegExp(`^acct=user-${TAG}@${DOMAIN}\\. <user-${TAG}@${DOMAIN}> "user-${TAG}@${DOMAIN}";x\\n$`),
    );
  });

  it('leave Java object ids, annotations and mail to a bare host alone', async () => {
    const text = 'at com.zimbra.cs.Foo@5f3a1b2c @Override root@localhost\n';
    expect(await out(text)).toBe(text);
  });
});

describe('IPv4 addresses', () => {
  it('become other valid addresses, keeping subnets, ports, CIDR sizes and a period after them', async () => {
    const output = await out('ip=10.1.2.3 oip=10.1.2.200 from 10.1.3.4:443 net 10.1.2.0/24 end 192.0.2.7.\n');
    const m = /^ip=(\S+) oip=(\S+) from (\S+):443 net (\S+)\/24 end (\S+)\.\n$/.exec(output);
    expect(m).not.toBeNull();
    const [, a, b, c, net] = m!.map((x) => x.split('.'));
    for (const ip of m!.slice(1)) expect(ip.split('.').every((p) => Number(p) <= 255)).toBe(true);
    expect(a!.slice(0, 3)).toEqual(b!.slice(0, 3));
    expect(a!.slice(0, 2)).toEqual(c!.slice(0, 2));
    expect(a![2]).not.toBe(c![2]);
    expect(net!.slice(0, 3)).toEqual(a!.slice(0, 3));
    expect(m![1]).not.toBe('10.1.2.3');
  });

  it.each([
    'listen 127.0.0.1 and 0.0.0.0, mask 255.255.255.0',
    'Zimbra version 9.0.0.1',
    'Release 9.0.0.1.GA.4178',
    'zimbra_version=9.0.0.1',
    '"version": "10.0.0.5"',
    'build 8.8.15_GA_4179 and 10.1.0',
    'v9.0.0.1 9.0.0.1_GA_4178 9.0.0.1-GA zimbra-core-9.0.0.1-1',
    'ua=ZimbraConnectorForOutlook/9.0.0.1; Chrome/119.0.0.0 Safari/537.36',
    'OID 1.3.6.1.4.1.311 and 1.2.3.4.5 and 256.1.1.1',
  ])('keep %j (loopback, masks, versions)', async (text) => {
    expect(await out(`${text}\n`)).toBe(`${text}\n`);
  });
});

describe('IPv6 and MAC addresses', () => {
  it('replace every notation and keep zones, brackets and ports', async () => {
    const output = await out(
      'a 2001:db8::1 b fe80::1c2d:49c7%eth0 c [2001:db8::5]:443 d 2001:0DB8:0000:0000:0000:0000:0000:0007 e client=unknown[IPv6:2a08:8369:516e:aae6:7061:40c8:71ee:e12d]\n',
    );
    expect(output).toMatch(
      /^a [0-9a-f:]+ b [0-9a-f:]+%eth0 c \[[0-9a-f:]+\]:443 d [0-9A-F]{4}(:[0-9A-F]{4}){7} e client=unknown\[IPv6:[0-9a-f:]+\]\n$/,
    );
    expect(output).not.toContain('2001:db8');
    expect(output).not.toContain('fe80::1c2d');
    expect(output).not.toContain('2a08:8369');
  });

  it('give the IPv4 tail of ::ffff:a.b.c.d the pseudonym of the plain address', async () => {
    const [mapped, plain] = await pieces('::ffff:192.0.2.1 192.0.2.1\n');
    expect(mapped).toBe(`::ffff:${plain}`);
    expect(plain).not.toBe('192.0.2.1');
  });

  it.each(['::1 and :: in text', '10:15:32,123 std::string Foo::bar pool-1::'])('keep %j', async (text) => {
    expect(await out(`${text}\n`)).toBe(`${text}\n`);
  });

  it('keep netstat loopback listeners and replace other tcp6 addresses before their port', async () => {
    const text = 'tcp6       0      0 ::1:7025                :::*                    LISTEN      3456/java\n';
    expect(await out(text)).toBe(text);
    const other = await out('tcp6       0      0 2a06:92f7:dcb4:10::11:42965 :::*   LISTEN\n');
    expect(other).toMatch(/^tcp6 {7}0 {6}0 [0-9a-f:]+:42965 :::\* {3}LISTEN\n$/);
    expect(other).not.toContain('2a06:92f7');
  });

  it('replace MAC addresses with locally administered ones written the same way', async () => {
    const [colon, dash, zero] = await pieces('00:1a:2b:3c:4d:5e 00-1A-2B-3C-4D-5E 00:00:00:00:00:00\n');
    expect(colon).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    expect(dash).toMatch(/^([0-9A-F]{2}-){5}[0-9A-F]{2}$/);
    expect(dash!.toLowerCase().replace(/-/g, ':')).toBe(colon);
    expect(parseInt(colon!.slice(0, 2), 16) & 0x03).toBe(0x02);
    expect(zero).toBe('00:00:00:00:00:00');
  });
});

describe('host and domain names of the customer', () => {
  const LEARN = 'zimbraServiceHostname: mbx01.example.com\n# name jdoe@example.com\n';

  it('become h-<tag>.d-<tag>.invalid under the pseudonym of their domain, wherever they occur', async () => {
    const output = await out(
      `${LEARN}https://mbx01.example.com:7071/ mbx01 MBX01.EXAMPLE.COM example.com mail.example.com->x\n`,
    );
    const lines = output.split('\n');
    const host = lines[0]!.slice('zimbraServiceHostname: '.length);
    expect(host).toMatch(new RegExp(`^h-${TAG}\\.${DOMAIN}$`));
    const domain = host.slice(host.indexOf('.') + 1);
    expect(lines[1]).toMatch(new RegExp(`^# name user-${TAG}@${domain.replace(/\./g, '\\.')}$`));
    const [url, short, upper, bare, arrow] = lines[2]!.split(' ');
    expect(url).toBe(`https://${host}:7071/`);
    expect(short).toBe(host.slice(0, host.indexOf('.')));
    expect(upper).toBe(host);
    expect(bare).toBe(domain);
    expect(arrow).toMatch(new RegExp(`^h-${TAG}\\.${domain.replace(/\./g, '\\.')}->x$`));
  });

  it('leave Java class names, files, vendor names and namespaces alone', async () => {
    const text =
      `${LEARN}at com.zimbra.cs.mailbox.Mailbox.getItemById(Mailbox.java:4571) /opt/zimbra/log/mailbox.log ` +
      'http://www.w3.org/2001/XMLSchema www.zimbra.com urn:zimbraMail GetMsgRequest\n';
    const output = await out(text);
    expect(output.split('\n')[2]).toBe(text.split('\n')[2]);
  });

  it('replace the host of a syslog header, and LDAP DN domains label by label', async () => {
    const output = await out(
      `${LEARN}Mar 11 10:15:32 mbx01 slapd[1908]: conn=1 op=2 BIND dn="uid=jdoe,ou=people,dc=example,dc=com" method=128\n`,
    );
    const [learnLine, , line] = output.split('\n');
    const host = learnLine!.slice('zimbraServiceHostname: '.length);
    const [label, d, tld] = host.split('.');
    expect(line).toMatch(
      new RegExp(
        `^Mar 11 10:15:32 ${label} slapd\\[1908\\]: conn=1 op=2 BIND dn="uid=user-${TAG},ou=people,dc=${d},dc=${tld}" method=128$`,
      ),
    );
  });
});

describe('user names, device IDs and keywords', () => {
  it('replace user names after their keys, the same everywhere and also bare', async () => {
    const output = await out(
      'uid=jdoe, user=jdoe sasl_username=jdoe [name=jdoe;mid=1;] User=jdoe&x {"user":"jdoe"} account=jdoe aname=jdoe ' +
        'error=authentication failed for [jdoe], invalid\nmailbox of jdoe deleted\n',
    );
    const user = /^uid=(user-[a-z2-7]{10}),/.exec(output)![1]!;
    expect(output).toBe(
      `uid=${user}, user=${user} sasl_username=${user} [name=${user};mid=1;] User=${user}&x {"user":"${user}"} account=${user} aname=${user} ` +
        `error=authentication failed for [${user}], invalid\nmailbox of ${user} deleted\n`,
    );
  });

  it('keep system accounts, numbers and a name= that is not a user', async () => {
    const text = 'uid=zimbra user=root uid=0 sudo -u zimbra <key name="ldap_url"> folder name=Inbox\n';
    expect(await out(text)).toBe(text);
  });

  it('replace ActiveSync device IDs after their keys and wherever they occur', async () => {
    const output = await out(
      '/Microsoft-Server-ActiveSync?User=zimbra&DeviceId=Appl392556944&DeviceType=iPhone [DeviceID=Appl392556944;] devId=androidc123 blocked Appl392556944\n',
    );
    const id = /DeviceId=(dev-[a-z2-7]{10})&/.exec(output)![1]!;
    expect(output).toMatch(new RegExp(`DeviceType=iPhone \\[DeviceID=${id};\\] devId=dev-${TAG} blocked ${id}\\n$`));
  });

  it('replace keywords case-insensitively, also inside words', async () => {
    const output = await out('Acme rollout for ACMECorp and acme\n', ['acme']);
    const kw = /^(kw-[a-z2-7]{10}) /.exec(output)![1]!;
    expect(output).toBe(`${kw} rollout for ${kw}Corp and ${kw}\n`);
  });

  it('apply the secret and pseudonym rules of a rules file', async () => {
    const extraRules = parseRulesFile(
      'secret ticket-id /TICKET-(\\d+)/\npseudonym project /proj-[a-z]+/i\nsecret-key mysecretfield\n',
      'rules.txt',
    );
    const { text } = await redactText('TICKET-1234 for PROJ-apollo and proj-apollo mysecretfield=abc\n', {
      config: { keywords: [], extraRules },
    });
    expect(text).toMatch(
      /^TICKET-\[REDACTED:ticket-id\] for (project-[a-z2-7]{10}) and \1 mysecretfield=\[REDACTED:secret-key\]\n$/,
    );
  });
});
