import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { newMapSnapshot, type MapSnapshot } from './map-snapshot';
import { mergeOutcomes } from './outcome';
import { Redactor } from './redactor';
import { chunked, collect, NO_CONFIG, redactText, TINY_TUNING } from './test-harness';

const SAMPLE = [
  '2025-03-01 10:15:32,123 INFO  [qtp-34:https://mail.example.com/service/soap] [name=jdoe@example.com;ip=10.95.219.208;] soap - GetMsgRequest elapsed=174',
  'Mar 11 10:15:32 mbx01 postfix/smtpd[24034]: client=unknown[2001:db8::7], sasl_method=LOGIN, sasl_username=jsmith',
  '  <key name="zimbra_ldap_password">',
  '    <value>s3cr3t value</value>',
  '  </key>',
  'zimbraSSLPrivateKey: -----BEGIN PRIVATE KEY-----',
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7',
  'AbCdEf0123456789+/AbCdEf0123456789+/AbCdEf0123456789+/==',
  '-----END PRIVATE KEY-----',
  'Cookie: ZM_AUTH_TOKEN=0_8993f38604e72b6c86a10084ef522eebc4bd0041_69643d33363a3264; JSESSIONID=node01abc.node0',
  'dn="uid=jdoe,ou=people,dc=example,dc=com" mac 00:1a:2b:3c:4d:5e version 9.0.0.1 jdoe%40example.com.',
  '{"password":"q\\"uoted","user":"jsmith","deviceId":"Appl392556944"}',
  '',
].join('\r\n');

async function learned(text: string | Buffer): Promise<MapSnapshot> {
  const map = newMapSnapshot();
  const learner = new Redactor(map, NO_CONFIG);
  await pipeline(Readable.from([Buffer.from(text as string, 'latin1')]), learner.learn('sample'));
  return mergeOutcomes(map, [learner.outcome()]);
}

async function redactWith(map: MapSnapshot, input: Buffer, chunks: number[], tuning = TINY_TUNING): Promise<Buffer> {
  const redactor = new Redactor(map, NO_CONFIG, tuning);
  const parts: Buffer[] = [];
  await pipeline(Readable.from(chunked(input, chunks)), redactor.redact('sample'), collect(parts));
  return Buffer.concat(parts);
}

describe('streaming', () => {
  it('writes the same bytes whatever the chunks and windows, at every split point and byte by byte', async () => {
    const map = await learned(SAMPLE);
    const input = Buffer.from(SAMPLE, 'latin1');
    const reference = (await redactText(input, { map, learn: false })).output;
    expect(reference.toString('latin1')).not.toContain('jdoe');
    for (let split = 1; split < input.length; split++) {
      const output = await redactWith(map, input, [split, input.length]);
      if (!output.equals(reference)) {
        expect({ split, output: output.toString('latin1') }).toEqual({ split, output: reference.toString('latin1') });
      }
    }
    expect((await redactWith(map, input, [1])).equals(reference)).toBe(true);
    expect((await redactWith(map, input, [7, 1, 13])).equals(reference)).toBe(true);
  }, 60_000);

  it('cuts a long line between windows only where no match runs across, with the same result', async () => {
    const line = SAMPLE.replace(/\r\n/g, ' ').repeat(6);
    const map = await learned(line);
    const input = Buffer.from(`${line}\n`, 'latin1');
    const reference = (await redactText(input, { map, learn: false })).output;
    for (const chunks of [[1], [7], [64], [333]]) {
      expect((await redactWith(map, input, chunks)).toString('latin1')).toBe(reference.toString('latin1'));
    }
  });

  it('learns the same names whatever the chunks', async () => {
    const input = Buffer.from(SAMPLE, 'latin1');
    const whole = await redactText(input);
    const bytewise = await redactText(input, { chunks: [1], tuning: TINY_TUNING });
    expect(bytewise.map.vocabulary).toEqual(whole.map.vocabulary);
    expect(whole.map.vocabulary.users).toEqual(['jdoe', 'jsmith']);
    expect(whole.map.vocabulary.hosts).toContain('mail.example.com');
  });

  it('keeps non-UTF-8 bytes, NUL, CR and CRLF exactly', async () => {
    const input = Buffer.concat([
      Buffer.from('caf\xe9 \xff\xfe\x00\r\n', 'latin1'),
      Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x82, 0x0d, 0x0a]),
      Buffer.from('Gr\u00fc\u00dfe ip=10.1.2.3 \r lone CR\r\n', 'utf8'),
      Buffer.from([0xf0, 0x9f, 0x98, 0x80, 0x0a]),
    ]);
    const { output } = await redactText(input, { chunks: [3, 5] });
    const ip = /ip=(\d+\.\d+\.\d+\.\d+)/.exec(output.toString('latin1'))![1]!;
    expect(ip).not.toBe('10.1.2.3');
    expect(output.equals(Buffer.from(input.toString('latin1').replace('10.1.2.3', ip), 'latin1'))).toBe(true);
  });

  it('handles a line of several megabytes: every unit redacted alike, every other byte kept', async () => {
    const unit = 'x=1;jdoe@example.com;ip=10.1.2.3;password=abc;' + 'dolor sit amet elit '.repeat(20);
    const line = Buffer.from(`${unit.repeat(12_000)}\n`, 'latin1');
    expect(line.length).toBeGreaterThan(4 * 1024 * 1024);
    const { output, text } = await redactText(line, { chunks: [65_536] });
    const first = text.slice(0, text.indexOf('dolor'));
    expect(first).toMatch(/^x=1;user-[a-z2-7]{10}@d-[a-z2-7]{10}\.invalid;ip=[\d.]+;password=\[REDACTED:password\];$/);
    const redactedUnit = first + 'dolor sit amet elit '.repeat(20);
    expect(output.equals(Buffer.from(`${redactedUnit.repeat(12_000)}\n`, 'latin1'))).toBe(true);
  });

  it('passes a line of several megabytes with no break of any kind through unchanged', async () => {
    const line = Buffer.alloc(3 * 1024 * 1024 + 17, 'AbCdEf0123');
    const { output } = await redactText(line, { chunks: [100_000] });
    expect(output.equals(line)).toBe(true);
  });

  it('drops a PEM block longer than a window without holding it, and a value as long', async () => {
    const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n'.repeat(200);
    const text = `before\n-----BEGIN CERTIFICATE-----\n${body}-----END CERTIFICATE-----\nafter password=${'p'.repeat(5000)} next\n`;
    for (const chunks of [[1 << 20], [64], [1]]) {
      const { text: output } = await redactText(text, { chunks, tuning: TINY_TUNING });
      expect(output).toBe('before\n[REDACTED:pem-certificate]\nafter password=[REDACTED:password] next\n');
    }
  });

  it('ends an open block at the end of the stream', async () => {
    const { text } = await redactText(`x\n-----BEGIN PRIVATE KEY-----\n${'QUJD\n'.repeat(300)}`, {
      chunks: [50],
      tuning: TINY_TUNING,
    });
    expect(text).toBe('x\n[REDACTED:pem-private-key]');
  });

  it('finds a quoted value with escaped quotes across windows', async () => {
    const value = `${'a\\"b'.repeat(400)}`;
    const { text } = await redactText(`{"password":"${value}","n":1}\n`, { chunks: [33], tuning: TINY_TUNING });
    expect(text).toBe('{"password":"[REDACTED:password]","n":1}\n');
  });
});
