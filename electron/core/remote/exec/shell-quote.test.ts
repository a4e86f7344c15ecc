import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExecTestServer, type ExecTestServer } from '../../../../test/support/sshd/exec-test-server';
import { mapLimit } from '../../common/map-limit';
import { execRemote } from './exec-remote';
import { runAsRoot, runAsZimbra } from './privilege';
import { command, quote, withEnv } from './shell-quote';

describe('quote', () => {
  it('leaves plain words alone and single-quotes the rest', () => {
    expect(quote('zmdiaglog')).toBe('zmdiaglog');
    expect(quote('/opt/zimbra/bin/zmprov')).toBe('/opt/zimbra/bin/zmprov');
    expect(quote('')).toBe("''");
    expect(quote('a b')).toBe("'a b'");
    expect(quote("it's")).toBe(`'it'\\''s'`);
    // An unquoted A=b first word would be an assignment, not a command.
    expect(quote('A=b')).toBe("'A=b'");
  });

  it('refuses NUL, which no argument can carry', () => {
    expect(() => quote('a\0b')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('refuses an empty argv and bad environment names', () => {
    expect(() => command([])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => withEnv('true', { '1A': 'x' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(withEnv('true', {})).toBe('true');
  });
});

// Property test: random arguments full of shell syntax must reach a real
// remote sh (and sudo's and su's shells) byte for byte.
const PIECES = [
  "'",
  '"',
  '\\',
  '$',
  '$(id)',
  '`id`',
  '${HOME}',
  '$1',
  '*',
  '?',
  '[a-z]*',
  '~',
  '~root',
  '-',
  '--',
  '-n',
  '-e',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '  ',
  ';',
  '&&',
  '|',
  '<',
  '>',
  '#',
  '!',
  '{a,b}',
  '%',
  '%s',
  '%b',
  '=',
  'A=b',
  '\x01',
  '\x1b[31m',
  '\x7f',
  'é',
  '\u00ff',
  '\u0080',
  'ż',
  '😀',
  '\ud800',
  'plain',
  '',
];

/** mulberry32: a seeded generator, so a failing case can be reproduced from the seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomArgv(next: () => number): string[] {
  const pick = (n: number) => Math.floor(next() * n);
  return Array.from({ length: 1 + pick(5) }, () => {
    let arg = '';
    for (let i = pick(7); i > 0; i--)
      arg += next() < 0.8 ? PIECES[pick(PIECES.length)] : String.fromCodePoint(1 + pick(0x7ff));
    return arg;
  });
}

const expected = (cases: string[][]) =>
  Buffer.concat(cases.flat().map((arg) => Buffer.concat([Buffer.from(arg), Buffer.of(0)])));
/** One command line printing every argument of every case, each followed by NUL. */
const printfAll = (cases: string[][]) => cases.map((argv) => command(['printf', '%s\\000', ...argv])).join('\n');

describe('quoted arguments on a real remote shell', () => {
  let server: ExecTestServer;
  let root: Client;
  const seed = Number(process.env.CASEKIT_QUOTE_SEED ?? Date.now() % 1e9);

  beforeAll(async () => {
    server = await startExecTestServer({ zimbra: true });
    root = await server.as('root');
  });
  afterAll(() => server.stop());

  it(`round-trips 400 random argument lists exactly (seed ${seed}; CASEKIT_QUOTE_SEED repeats it)`, async () => {
    const next = random(seed);
    // 20 lists per remote command: an SSH session costs far more than a printf.
    const batches = Array.from({ length: 20 }, () => Array.from({ length: 20 }, () => randomArgv(next)));
    const outputs = await mapLimit(batches, 4, async (batch) => (await execRemote(root, printfAll(batch))).stdout);
    batches.forEach((batch, i) => expect(outputs[i], JSON.stringify(batch)).toEqual(expected(batch)));
  });

  it('round-trips them through sudo and through su - zimbra as well', async () => {
    const next = random(seed + 1);
    const batch = Array.from({ length: 40 }, () => randomArgv(next));
    const viaSudo = await runAsRoot(await server.as('nopass'), 'nopass', printfAll(batch));
    expect(viaSudo.stdout, JSON.stringify(batch)).toEqual(expected(batch));
    const viaSu = await runAsZimbra(root, 'root', printfAll(batch));
    expect(viaSu.stdout, JSON.stringify(batch)).toEqual(expected(batch));
  });
});
