import { describe, expect, it } from 'vitest';
import { leaksIn, redactText, TINY_TUNING } from './test-harness';

const RAW = [
  'zimbraServiceHostname: mbx01.example.com',
  '[name=jdoe@example.com;ip=10.1.2.3;] DeviceId=Appl392556944 uid=jsmith',
  'client=unknown[IPv6:2a08:8369:516e:aae6:7061:40c8:71ee:e12d] mac 00:1a:2b:3c:4d:5e to someone@gmail.com',
  'password=hunter2 Authorization: Basic dXNlcjpwYXNz',
  '-----BEGIN CERTIFICATE-----',
  'MIIB',
  '-----END CERTIFICATE-----',
  'Cookie: ZM_AUTH_TOKEN=0_8993f38604e72b6c86a10084ef522eebc4bd0041_69643d33363a3264',
  '  <key name="zimbra_ldap_password">',
  '    <value>s3cr3t</value>',
  '{"authToken":[{"_content":"0_abc123def"}]} ftp://bob:hunter2@ftp.example.com/ sig=a9F3kQ0zL2mX8pR5tV7wY1b',
  'Acme rollout for jsmith on mbx01',
  '',
].join('\n');
const CONFIG = { keywords: ['acme'], extraRules: [] };

describe('leak check', () => {
  it('finds what was not redacted, naming line and rule, never the value', async () => {
    const { map } = await redactText(RAW, { config: CONFIG });
    const findings = await leaksIn(RAW, map, CONFIG);
    const rules = (line: number): string[] =>
      findings
        .filter((f) => f.line === line)
        .map((f) => f.rule)
        .sort();
    expect(rules(1)).toEqual(['original-domain', 'original-host']);
    expect(rules(2)).toEqual(['original-device', 'original-domain', 'original-ipv4', 'original-user']);
    expect(rules(3)).toEqual(['original-email', 'original-ipv6', 'original-mac']);
    expect(rules(4)).toEqual(['authorization', 'password']);
    expect(rules(5)).toEqual(['pem']);
    expect(rules(8)).toEqual(['token', 'zimbra-auth-token']);
    expect(rules(9)).toEqual(['password']);
    expect(rules(11)).toEqual(['high-entropy', 'original-domain', 'original-user', 'token', 'url-password']);
    expect(rules(12)).toEqual(['original-host', 'original-keyword', 'original-user']);
    expect(JSON.stringify(findings)).not.toMatch(
      /jdoe|jsmith|bob|example|10\.1\.2\.3|hunter2|appl|2a08|00:1a|someone|acme|mbx01/i,
    );
  });

  it('comes back clean on the redacted output, also in small windows', async () => {
    const { text, map } = await redactText(RAW, { config: CONFIG });
    expect(await leaksIn(text, map, CONFIG)).toEqual([]);
    expect(await leaksIn(text, map, CONFIG, TINY_TUNING)).toEqual([]);
  });

  it('does not take an address that is also a pseudonym for a leak', async () => {
    const { map } = await redactText('ip=10.1.2.3\n');
    const pseudo = map.entries.ipv4['10.1.2.3']!;
    map.entries.ipv4[pseudo] = '10.9.9.9';
    expect(await leaksIn(`seen ${pseudo}\n`, map)).toEqual([]);
  });

  it('keeps at most a thousand findings a file', async () => {
    const { map } = await redactText('jdoe@example.com\n');
    const findings = await leaksIn('jdoe@example.com\n'.repeat(1500), map);
    expect(findings).toHaveLength(1000);
  });
});
