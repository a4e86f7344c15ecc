import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecResult } from '../../remote/exec';
import { caught } from '../../testing/caught';
import { fileLocalPath, insideOutDir, localName } from './local-paths';
import { listRemoteFiles, listingScript, parseFindOutput } from './remote-listing';

// The listing's script runs in a real local sh with GNU find: the same programs as on a server.
function localShell(script: string): Promise<ExecResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    execFile('sh', ['-c', script], { encoding: 'buffer' }, (error, stdout, stderr) =>
      resolve({
        exitCode: error ? ((error as { code?: number }).code ?? 1) : 0,
        signal: null,
        stdout,
        stderr,
        truncated: { stdout: false, stderr: false },
        durationMs: performance.now() - started,
      }),
    );
  });
}
const host = {
  run: (what: readonly string[] | string) => localShell(typeof what === 'string' ? what : what.join(' ')),
};

let dir: string;
let logs: string;
const HOSTILE = [
  'mailbox.log',
  'mailbox.log.2026-01-02.gz',
  'mailbox.log.with\nnewline',
  'mailbox.log.with\ttab',
  "mailbox.log.'quoted' $(touch PWNED) `id`;x",
  'mailbox.log.-rf',
  'mailbox.log.%2e%2e',
];
const NOT_UTF8 = Buffer.concat([Buffer.from('mailbox.log.'), Buffer.from([0xff, 0xfe]), Buffer.from('.gz')]);

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'casekit-listing-'));
  logs = path.join(dir, "log dir 'x'");
  mkdirSync(path.join(logs, 'sub'), { recursive: true });
  for (const name of HOSTILE) writeFileSync(path.join(logs, name), name);
  writeFileSync(Buffer.from(`${logs}/${NOT_UTF8.toString('latin1')}`, 'latin1'), 'x');
  writeFileSync(
    path.join(
      logs,
      Buffer.from(NOT_UTF8)
        .toString('utf8')
        .replace(/\uFFFD/g, ''),
    ),
    '',
  );
  writeFileSync(path.join(logs, 'sub', 'mailbox.log.deep'), 'deep');
  writeFileSync(path.join(logs, 'other.log'), 'other');
  symlinkSync('/etc/passwd', path.join(logs, 'mailbox.log.link'));
  utimesSync(path.join(logs, 'mailbox.log'), 1_700_000_000.25, 1_700_000_000.25);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('listRemoteFiles through a real shell and find', () => {
  it('lists matching regular files directly in the folder, odd names whole, links and subfolders left out', async () => {
    const entries = await listRemoteFiles(
      host,
      [logs, path.join(dir, 'missing')],
      ['mailbox.log', 'mailbox.log.*'],
      'root',
    );
    const names = entries.map((entry) => entry.name).sort();
    expect(names).toEqual([...HOSTILE, 'mailbox.log.\uFFFD\uFFFD.gz', 'mailbox.log..gz'].sort());
    for (const entry of entries) {
      expect(entry.dir).toBe(logs);
      expect(entry.path).toBe(`${logs}/${entry.name}`);
      expect(entry.type).toBe('file');
    }
    const current = entries.find((entry) => entry.name === 'mailbox.log');
    expect(current).toMatchObject({ size: 'mailbox.log'.length, problem: null });
    expect(current?.modifiedAt.getTime()).toBe(1_700_000_000_250);
    // A name that is not UTF-8 is listed, but marked as not fetchable by name.
    expect(entries.find((entry) => entry.name.includes('\uFFFD'))?.problem).toContain('not valid UTF-8');
    // The command substitution in a name was never run.
    expect(entries.some((entry) => entry.name === 'PWNED')).toBe(false);
  });

  it('lists nothing for a folder that does not exist', async () => {
    expect(await listRemoteFiles(host, [path.join(dir, 'nope')], ['*'], 'root')).toEqual([]);
  });

  it('walks below the folder when asked, and lists folders when asked', async () => {
    const deep = await listRemoteFiles(host, [logs], ['*.deep'], 'root', { recursive: true });
    expect(deep.map((entry) => entry.path)).toEqual([`${logs}/sub/mailbox.log.deep`]);
    const folders = await listRemoteFiles(host, [logs], ['sub'], 'root', { types: ['folder'] });
    expect(folders).toMatchObject([{ name: 'sub', type: 'folder' }]);
  });

  it('says PERMISSION_DENIED for a folder it may not read', async () => {
    const denied = {
      run: () =>
        Promise.resolve({
          exitCode: 1,
          signal: null,
          stdout: Buffer.alloc(0),
          stderr: Buffer.from("find: '/var/log/x': Permission denied\n"),
          truncated: { stdout: false, stderr: false },
          durationMs: 1,
        }),
    };
    const error = await caught(listRemoteFiles(denied, ['/var/log/x'], ['*'], 'login'));
    expect(error.code).toBe('PERMISSION_DENIED');
    expect(error.message).toContain('/var/log/x');
  });

  it('quotes every word of the script', () => {
    const script = listingScript(["/a b/'c'"], ['*.log', "x'y"], {});
    expect(script).toContain(`'/a b/'\\''c'\\'''`);
    expect(script).toContain(`'x'\\''y'`);
    expect(script).toContain(`'*.log'`);
  });
});

const record = (meta: string, start: string, below: Buffer | string) =>
  Buffer.concat([Buffer.from(`${meta}\0${start}\0`), Buffer.from(below), Buffer.from('\0')]);

describe('parseFindOutput', () => {
  it('refuses records that would leave the folder or were not asked for', () => {
    const cases = [
      record('f 1 1.0', '/log', '../etc/passwd'),
      record('f 1 1.0', '/log', 'a/b'),
      record('f 1 1.0', '/etc', 'passwd'),
      record('f 1 1.0', '/log', ''),
      record('x 1 1.0', '/log', 'a'),
      Buffer.from('f 1 1.0\0/log\0a'),
    ];
    for (const output of cases) expect(() => parseFindOutput(output, ['/log'], false)).toThrow(/could not be read/);
  });

  it('keeps a name with a newline as one entry, and its local path stays in its folder', () => {
    const entries = parseFindOutput(record('f 5 1700000000.5', '/log', 'a\nb'), ['/log'], false);
    expect(entries).toMatchObject([{ path: '/log/a\nb', name: 'a\nb', size: 5 }]);
    expect(entries[0]?.modifiedAt.getTime()).toBe(1_700_000_000_500);
    const local = insideOutDir('/out', fileLocalPath('mbx.example.test', '/log/a\nb'));
    expect(local).toBe(path.resolve('/out/mbx.example.test/log/a%0Ab'));
    expect(() => parseFindOutput(record('f 5 1.0', '/log', 'a\n/../../b'), ['/log'], false)).toThrow(
      /could not be read/,
    );
  });
});

describe('localName', () => {
  it('escapes what cannot be a local name and keeps plain names as they are', () => {
    expect(localName('mailbox.log.2026-01-02.gz')).toBe('mailbox.log.2026-01-02.gz');
    expect(localName('a\nb')).toBe('a%0Ab');
    expect(localName('a\\b%c', 'linux')).toBe('a%5Cb%25c');
    expect(localName('..')).toBe('%2E%2E');
    expect(localName('con.log', 'win32')).toBe('%con.log');
    expect(localName('a:b.', 'win32')).toBe('a%3Ab%2E');
  });
});

describe('insideOutDir', () => {
  it('refuses a path that would leave the collection folder', () => {
    expect(() => insideOutDir('/out', ['..', 'etc'])).toThrow(/outside/);
    expect(() => insideOutDir('/out', [])).toThrow(/outside/);
    expect(() => fileLocalPath('h', '/opt/../etc/passwd')).toThrow(/without "\.\." steps/);
  });
});
