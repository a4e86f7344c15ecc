import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPublicName } from './names';
import { redactText } from './test-harness';

// Random personal data and secrets planted into random log lines of fixed
// shape: nothing planted survives, every byte around them does, and one value
// always gets one replacement while two values get two.

type Slot = 'email' | 'ipv4' | 'ipv6' | 'mac' | 'password';
interface Planted {
  slot: Slot;
  /** As written into the line. */
  shown: string;
  /** What must get the same replacement (case-insensitive values lower-cased). */
  value: string;
}

const label = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);
const domain = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 2 }), fc.stringMatching(/^[a-z]{2,6}$/))
  .map(([labels, tld]) => [...labels, tld].join('.'))
  .filter(
    (name) =>
      !isPublicName(name) && !/(^|\.)(invalid|example|test|local|localhost|log|xml|txt|java|key|pem|crt)$/.test(name),
  );
const email: fc.Arbitrary<Planted> = fc
  .tuple(fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,15}[a-z0-9]$/), domain, fc.boolean())
  .filter(([local]) => !local.includes('..'))
  .map(([local, host, upper]) => {
    const value = `${local}@${host}`;
    return { slot: 'email' as const, shown: upper ? value.toUpperCase() : value, value };
  });
const ipv4: fc.Arbitrary<Planted> = fc
  .tuple(fc.integer({ min: 1, max: 254 }), fc.nat(255), fc.nat(255), fc.nat(255))
  .filter(([a]) => a !== 127)
  .map((parts) => ({ slot: 'ipv4' as const, shown: parts.join('.'), value: parts.join('.') }));
const ipv6: fc.Arbitrary<Planted> = fc
  .tuple(fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }), fc.boolean())
  .filter(([groups]) => groups[0]! > 0x1000 && groups.some((g) => g !== 0))
  .map(([groups, upper]) => {
    const text = groups.map((g) => g.toString(16)).join(':');
    return { slot: 'ipv6' as const, shown: upper ? text.toUpperCase() : text, value: text };
  })
  .filter((p) => /\d/.test(p.shown));
const mac: fc.Arbitrary<Planted> = fc
  .tuple(fc.uint8Array({ minLength: 6, maxLength: 6 }), fc.constantFrom(':', '-'))
  .filter(([bytes]) => bytes.some((b) => b !== 0) && bytes.some((b) => b !== 0xff))
  .map(([bytes, separator]) => {
    const value = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(':');
    return { slot: 'mac' as const, shown: value.replace(/:/g, separator), value };
  });
const password: fc.Arbitrary<Planted> = fc
  .stringMatching(/^[A-Za-z0-9!#$%*+./:=?@^_~-]{1,24}$/)
  .filter((pw) => !pw.startsWith('*') && !pw.startsWith('['))
  .map((pw) => ({ slot: 'password' as const, shown: pw, value: pw }));

const SHAPES: Record<Slot, [string, string]> = {
  email: ['[name=', ';mid=12;] soap - GetMsgRequest elapsed=17'],
  ipv4: ['INFO  [ImapServer-9] [ip=', ';] imap - FETCH 1:42 (FLAGS)'],
  ipv6: ['postfix/smtpd[24034]: connect from unknown[', ']'],
  mac: ['dhcpd: DHCPACK on 127.0.0.1 to (', ') via eth0'],
  password: ['login attempt user=zimbra password=', ' result=ok'],
};

const lineOf = (planted: Planted): [string, string] => SHAPES[planted.slot];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('random values in random log lines', () => {
  it('replaces every planted value, keeps every other byte, one value one replacement, two values two', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(email, ipv4, ipv6, mac, password), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 97 }),
        async (values, chunk) => {
          // Repeat some values so consistency is tested within a run.
          const planted = [...values, ...values.slice(0, 3)];
          const lines = planted.map((p) => {
            const [before, after] = lineOf(p);
            return `2025-03-01 10:15:32,123 ${before}${p.shown}${after}\r\n`;
          });
          const { text } = await redactText(lines.join(''), { chunks: [chunk] });
          const pattern = lines
            .map((line, i) => {
              const p = planted[i]!;
              const [before, after] = lineOf(p);
              return `${escape(`2025-03-01 10:15:32,123 ${before}`)}(.+?)${escape(`${after}\r\n`)}`;
            })
            .join('');
          const m = new RegExp(`^${pattern}$`, 's').exec(text);
          expect(m, text).not.toBeNull();
          const replacementOf = new Map<string, string>();
          const valueOf = new Map<string, string>();
          planted.forEach((p, i) => {
            const replacement = m![i + 1]!;
            if (p.slot === 'password') {
              expect(replacement).toBe('[REDACTED:password]');
              return;
            }
            expect(replacement.toLowerCase()).not.toContain(p.value.toLowerCase());
            const key = `${p.slot}:${p.value}`;
            const normal = p.slot === 'ipv4' ? replacement : replacement.toLowerCase().replace(/-/g, ':');
            expect(replacementOf.get(key) ?? normal).toBe(normal);
            replacementOf.set(key, normal);
            expect(valueOf.get(`${p.slot}:${normal}`) ?? key).toBe(key);
            valueOf.set(`${p.slot}:${normal}`, key);
          });
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);
});
