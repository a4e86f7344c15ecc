// A micro-benchmark of the engine alone, one thread, in memory:
//   npx vitest bench --run electron/core/redact/engine
// Mixed Zimbra-like lines (mailbox.log, syslog with Postfix and slapd, nginx,
// zmprov, localconfig), dense with addresses, names and secrets. Each bench
// handles BENCH_MB megabytes (default 32): MB/s = BENCH_MB / mean seconds.
// `npm run bench:redact` measures the whole `casekit redact` on a gigabyte.
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { bench, describe } from 'vitest';
import { LeakChecker } from './leak-checker';
import { newMapSnapshot, type MapSnapshot } from './map-snapshot';
import { mergeOutcomes } from './outcome';
import { Redactor } from './redactor';
import { NO_CONFIG } from './test-harness';

const MB = Number(process.env.BENCH_MB ?? 32);

function mixedLog(bytes: number): Buffer {
  let seed = 2463534242;
  const next = (n: number): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  const user = (): string => `user${next(2000)}`;
  const ip = (): string => `10.${next(256)}.${next(256)}.${next(256)}`;
  const lines: string[] = [];
  for (let i = 0; i < 4000; i++) {
    const u = user();
    const pick = [
      () =>
        `2025-03-01 10:15:32,${next(999)} INFO  [qtp1234-${next(300)}:https://mail.example.com/service/soap/GetMsgRequest] [name=${u}@example.com;mid=${next(9000)};ip=${ip()};oip=${ip()};ua=ZimbraWebClient - FF120 (Linux)/10.0.0_GA_4518;soapId=3ef2a1;] soap - GetMsgRequest elapsed=${next(900)}`,
      () =>
        `Mar 11 10:15:${next(60)} mbx01 postfix/smtpd[${next(30000)}]: ${next(1e9).toString(16).toUpperCase()}: client=mail-qt1-f170.google.com[209.85.160.${next(256)}], sasl_method=LOGIN, sasl_username=${u}@example.com`,
      () =>
        `${ip()} - - [11/Mar/2025:10:15:32 +0100] "GET /service/home/~/?auth=co&zauthtoken=0_${next(1e9).toString(16)}abcdef0123456789abcdef0123456789_69643d33363a&fmt=tgz HTTP/1.1" 200 ${next(100000)} "https://mail.example.com/" "Mozilla/5.0 (X11; Linux x86_64) Chrome/119.0.0.0"`,
      () =>
        `2025-03-01 10:15:32,123 WARN  [ImapServer-${next(50)}] [ip=${ip()};] imap - error at com.zimbra.cs.mailbox.Mailbox.getItemById(Mailbox.java:${next(5000)}) version 9.0.0.1 from fe80::1c2d:${next(65535).toString(16)}%eth0`,
      () =>
        `Mar 11 10:15:33 mbx01 slapd[${next(3000)}]: conn=${next(100000)} op=2 BIND dn="uid=${u},ou=people,dc=example,dc=com" method=128`,
      () => `zimbraAuthTokenKey: ${next(1e9).toString(16)}8d9c0a1b2c3d4e5f60718293a4b5c6d7`,
      () => `    <value>${next(1e9).toString(36)}</value>`,
    ];
    lines.push((pick[next(pick.length)] as () => string)());
  }
  const text = `${lines.join('\n')}\n`;
  return Buffer.from(text.repeat(Math.ceil(bytes / text.length)).slice(0, bytes), 'latin1');
}

const input = mixedLog(MB * 1e6);
const chunks = Array.from({ length: Math.ceil(input.length / 65536) }, (_, i) =>
  input.subarray(i * 65536, (i + 1) * 65536),
);

let learned: MapSnapshot = newMapSnapshot();
let redacted: Buffer[] = [];
let final: MapSnapshot = learned;

describe(`engine, ${MB} MB of mixed logs, one thread`, () => {
  bench(
    'pass 1: learn',
    async () => {
      const redactor = new Redactor(newMapSnapshot(), NO_CONFIG);
      await pipeline(Readable.from(chunks), redactor.learn('bench'));
      learned = mergeOutcomes(newMapSnapshot(), [redactor.outcome()]);
    },
    { iterations: 3, warmupIterations: 1 },
  );
  bench(
    'pass 2: redact',
    async () => {
      const redactor = new Redactor(learned, NO_CONFIG);
      const out: Buffer[] = [];
      await pipeline(
        Readable.from(chunks),
        redactor.redact('bench'),
        new Writable({
          write: (chunk: Buffer, _encoding, done) => {
            out.push(chunk);
            done();
          },
        }),
      );
      redacted = out;
      final = mergeOutcomes(learned, [redactor.outcome()]);
    },
    { iterations: 3, warmupIterations: 1 },
  );
  bench(
    'leak check',
    async () => {
      await pipeline(Readable.from(redacted), new LeakChecker(final, NO_CONFIG).scan('bench'));
    },
    { iterations: 3, warmupIterations: 1 },
  );
});
