import { execFile, execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildCli } from '../../core/redact/tree/testing/build-cli';
import { run } from '../main';

let dir: string;
let built: Awaited<ReturnType<typeof buildCli>>;
let input: string;
let home: string;

const MAILBOX = [
  '2024-05-01 10:00:00,123 INFO  [qtp1-12:https://mail.example.com/service/soap/AuthRequest] [name=alice@example.com;ip=203.0.113.7;] account - authentication succeeded',
  'ldap_root_password = s3cr3tPassw0rd',
  'the project zebracorn',
  '',
].join('\n');

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-redact-cli-'));
  built = await buildCli();
}, 60_000);
afterAll(async () => {
  await built.remove();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  input = await mkdtemp(path.join(dir, 'in-'));
  home = await mkdtemp(path.join(dir, 'home-'));
  await mkdir(path.join(input, 'mbx01'));
  await writeFile(path.join(input, 'mbx01', 'mailbox.log'), MAILBOX);
  vi.stubEnv('CASEKIT_REDACT_WORKER', built.worker);
  vi.stubEnv('CASEKIT_HOME', home);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

async function redact(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...parts) => out.push(parts.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...parts) => err.push(parts.join(' ')));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  const code = await run(['node', 'casekit', 'redact', ...args]);
  vi.restoreAllMocks();
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('casekit redact exit codes (../shared/CLI.md)', () => {
  it('exits 0, writes the mirror, the report and the map in the data folder, and --json prints the report', async () => {
    const out = path.join(dir, 'out-ok');
    const reportFile = path.join(dir, 'report-ok.json');
    const {
      code,
      out: stdout,
      err,
    } = await redact(input, '--out', out, '--report', reportFile, '--json', '--workers', '2');
    expect(code).toBe(0);
    const mapFile = path.join(home, 'redaction-maps', 'default.json');
    expect(err).toContain(`pseudonym map: ${mapFile}`);
    expect(err).toMatch(/Redacted 1 of 1 files/);
    const report = JSON.parse(stdout);
    expect(report).toEqual(JSON.parse(await readFile(reportFile, 'utf8')));
    expect(report.status).toBe('done');
    expect(report.map).toBe(mapFile);
    expect((await stat(mapFile)).mode & 0o777).toBe(0o600);
    const text = await readFile(path.join(out, 'mbx01', 'mailbox.log'), 'utf8');
    for (const original of ['alice@example.com', '203.0.113.7', 's3cr3tPassw0rd', 'mail.example.com']) {
      expect(text).not.toContain(original);
      expect(JSON.stringify(report)).not.toContain(original);
    }
    expect(text).toContain('zebracorn');
  });

  it('exits 2 for usage and input errors, before writing anything', async () => {
    const out = path.join(dir, 'out-usage');
    const rules = path.join(dir, 'bad.rules');
    await writeFile(rules, 'secret NAME-in-caps /x/\n');
    const cases: Array<[string[], RegExp]> = [
      [[path.join(dir, 'missing'), '--out', out], /does not exist/],
      [[input], /required option '--out <dir>'/],
      [[input, '--out', path.join(input, 'inside')], /inside the input folder/],
      [[input, '--out', out, '--workers', '0'], /not a number of workers/],
      [[input, '--out', out, '--rules', path.join(dir, 'no.rules')], /Cannot read the rules file/],
      [[input, '--out', out, '--rules', rules], /bad\.rules line 1: "secret" needs a NAME/],
      [[input, '--out', out, '--map', path.join(out, 'map.json')], /must never be shipped/],
    ];
    for (const [args, message] of cases) {
      const { code, err } = await redact(...args);
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(err).toMatch(message);
    }
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  });

  it('exits 4 when the leak check finds an original value of the map, and does not write that file', async () => {
    const map = path.join(dir, 'case.map.json');
    expect(
      (await redact(input, '--out', path.join(dir, 'out-first'), '--map', map, '--keyword', 'zebracorn')).code,
    ).toBe(0);
    // the keyword is in the map now; a run that forgets it must not let it through
    const out = path.join(dir, 'out-leak');
    const { code, out: stdout, err } = await redact(input, '--out', out, '--map', map, '--json');
    expect(code).toBe(4);
    expect(err).toMatch(/mbx01\/mailbox\.log:3: /);
    expect(err).toMatch(/the leak check found 1 thing/);
    const report = JSON.parse(stdout);
    expect(report.status).toBe('leak');
    expect(report.leakCheck.findings).toEqual([{ file: 'mbx01/mailbox.log', line: 3, rule: expect.any(String) }]);
    expect(JSON.stringify(report)).not.toContain('zebracorn');
    await expect(stat(path.join(out, 'mbx01', 'mailbox.log'))).rejects.toThrow(/ENOENT/);
    await expect(stat(path.join(out, 'mbx01', 'mailbox.log.part'))).rejects.toThrow(/ENOENT/);
  });
});

describe('casekit redact over archives, with the real engine on worker threads', () => {
  it('rewrites a zmdiaglog-like .tar.bz2 holding a .zip and a .gz: same names, no planted value left', async () => {
    const bundle = await mkdtemp(path.join(dir, 'zmdiaglog-'));
    await mkdir(path.join(bundle, 'logs'));
    await writeFile(path.join(bundle, 'logs', 'mailbox.log'), MAILBOX);
    await writeFile(path.join(bundle, 'logs', 'older.log'), MAILBOX);
    execFileSync('gzip', [path.join(bundle, 'logs', 'older.log')]);
    execFileSync('zip', ['-q', '-r', path.join(bundle, 'conf.zip'), 'logs'], { cwd: bundle });
    await mkdir(path.join(input, 'mbx01', 'zmdiaglog'));
    const archive = path.join(input, 'mbx01', 'zmdiaglog', 'zmdiaglog.tar.bz2');
    execFileSync('tar', ['-cjf', archive, '-C', bundle, 'logs', 'conf.zip']);
    const out = path.join(dir, 'out-archives');
    const { code } = await redact(input, '--out', out, '--workers', '2');
    expect(code).toBe(0);
    const written = path.join(out, 'mbx01', 'zmdiaglog', 'zmdiaglog.tar.bz2');
    const names = (file: string) => execFileSync('tar', ['-tjf', file]).toString().split('\n').sort();
    expect(names(written)).toEqual(names(archive));
    const unpacked = await mkdtemp(path.join(dir, 'unpacked-'));
    execFileSync('tar', ['-xjf', written, '-C', unpacked]);
    execFileSync('unzip', ['-q', path.join(unpacked, 'conf.zip'), '-d', path.join(unpacked, 'zip')]);
    const texts = [
      await readFile(path.join(unpacked, 'logs', 'mailbox.log'), 'utf8'),
      execFileSync('gzip', ['-dc', path.join(unpacked, 'logs', 'older.log.gz')]).toString(),
      await readFile(path.join(unpacked, 'zip', 'logs', 'mailbox.log'), 'utf8'),
      execFileSync('gzip', ['-dc', path.join(unpacked, 'zip', 'logs', 'older.log.gz')]).toString(),
    ];
    for (const redactedText of texts) {
      expect(redactedText.split('\n')).toHaveLength(MAILBOX.split('\n').length);
      for (const original of ['alice@example.com', '203.0.113.7', 's3cr3tPassw0rd', 'mail.example.com']) {
        expect(redactedText).not.toContain(original);
      }
    }
    // one value, one pseudonym, in every member
    expect(new Set(texts).size).toBe(1);
  });
});

describe('the built CLI', () => {
  it('node bin/casekit.mjs redact runs with its worker threads from the bundle', async () => {
    const out = path.join(dir, 'out-built');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [built.bin, 'redact', input, '--out', out, '--workers', '2', '--json'],
      { env: { ...process.env, CASEKIT_REDACT_WORKER: '', CASEKIT_HOME: home } },
    );
    expect(JSON.parse(stdout).status).toBe('done');
    expect(await readFile(path.join(out, 'mbx01', 'mailbox.log'), 'utf8')).not.toContain('alice@example.com');
  });
});
