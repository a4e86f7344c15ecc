import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../electron/cli/main';
import type { PackResult, VerifyResult } from '../../electron/core/bundle/index';
import { RAW_FILES } from '../../electron/core/bundle/testing/redacted-tree';
import { buildCli } from '../../electron/core/redact/tree/testing/build-cli';

// `casekit pack` and `casekit verify` end to end through run(), with the
// built leak-check worker threads, over a folder redacted by the real engine;
// the bundle folder is checked with the real sha256sum, cat, tar and unzip.

const exec = promisify(execFile);
let dir: string;
let built: Awaited<ReturnType<typeof buildCli>>;
let source: string;
let mapFile: string;
let reportFile: string;
let files: string[];
const CORE = 'dumps/core.4242';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-pack-cli-'));
  built = await buildCli();
  // the raw logs redacted by the real `casekit redact`, its report kept to ship along
  const raw = path.join(dir, 'raw');
  for (const [rel, text] of Object.entries(RAW_FILES)) {
    await mkdir(path.dirname(path.join(raw, rel)), { recursive: true });
    await writeFile(path.join(raw, rel), text);
  }
  source = path.join(dir, 'redacted');
  mapFile = path.join(dir, 'map.json');
  reportFile = path.join(dir, 'redact-report.json');
  const redacted = await casekit('redact', raw, '--out', source, '--map', mapFile, '--report', reportFile);
  expect(redacted.code).toBe(0);
  files = (await readdir(source, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(source, path.join(entry.parentPath, entry.name)));
  expect(files.join(' ')).not.toContain('example.com');
  // random bytes do not compress: with 8 KiB parts the bundle takes several
  await mkdir(path.join(source, 'dumps'));
  await writeFile(path.join(source, CORE), Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), randomBytes(60_000)]));
}, 120_000);
afterAll(async () => {
  await built.remove();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

async function casekit(...args: string[]) {
  vi.stubEnv('CASEKIT_REDACT_WORKER', built.worker);
  vi.stubEnv('CASEKIT_HOME', path.join(dir, 'home'));
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...parts) => out.push(parts.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...parts) => err.push(parts.join(' ')));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  let code: number;
  try {
    code = await run(['node', 'casekit', ...args]);
  } finally {
    vi.restoreAllMocks();
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const pack = (input: string, out: string, ...extra: string[]) =>
  casekit('pack', input, '--case', '00012345', '--out', out, '--map', mapFile, ...extra);

describe('casekit pack and verify', () => {
  let outDir: string;
  let result: PackResult;

  it('packs into parts that sha256sum, cat and tar accept, and verify passes', async () => {
    outDir = path.join(dir, 'bundle');
    const done = await pack(
      source,
      outDir,
      '--part-size',
      '8KiB',
      '--allow-binary',
      CORE,
      '--report',
      reportFile,
      '--json',
    );
    expect(done.err).not.toContain('unexpected');
    expect(done.code).toBe(0);
    result = JSON.parse(done.out) as PackResult;
    expect(result.parts.length).toBeGreaterThanOrEqual(7);
    expect(result.parts.every((part) => part.size <= 8192)).toBe(true);
    expect(result.parts[0]?.name).toBe(`${result.bundleName}.part001`);
    expect(await exec('sha256sum', ['-c', 'SHA256SUMS'], { cwd: outDir })).toBeTruthy();
    await exec('sh', ['-c', `cat "$1".part* > "$1" && sha256sum -c "$1.sha256"`, 'sh', result.bundleName], {
      cwd: outDir,
    });
    const { stdout } = await exec('tar', ['tzf', result.bundleName], { cwd: outDir });
    expect(stdout.split('\n')).toEqual(
      expect.arrayContaining(['MANIFEST.json', 'CASE-SUMMARY.md', CORE, ...files, 'redaction-report.json']),
    );
    const manifest = JSON.parse(
      (await exec('tar', ['xzOf', result.bundleName, 'MANIFEST.json'], { cwd: outDir })).stdout,
    ) as PackResult['manifest'];
    expect(manifest).toMatchObject({ caseNumber: '00012345', leakCheck: { clean: true, consentedBinaries: [CORE] } });
    expect(manifest.redaction).toMatchObject({ report: 'redaction-report.json', status: 'done', written: 3 });
    expect(manifest.redaction?.replacements).toBeGreaterThan(5);
    const readme = await readFile(path.join(outDir, 'README.txt'), 'utf8');
    expect(readme).toContain(`cat ${result.bundleName}.part* > ${result.bundleName}`);
    expect(readme).toContain(`sha256sum -c ${result.bundleName}.sha256`);
    // the bundle put together in the folder (as README.txt says) is checked too
    const verified = await casekit('verify', outDir, '--json');
    expect(verified.code).toBe(0);
    expect((JSON.parse(verified.out) as VerifyResult).parts).toHaveLength(result.parts.length);
  });

  it('verify exits 1 naming a part with a flipped byte, and a missing part', async () => {
    const flipped = path.join(dir, 'flipped');
    await cp(outDir, flipped, { recursive: true });
    await rm(path.join(flipped, result.bundleName));
    const victim = result.parts[1]?.name ?? '';
    const handle = await open(path.join(flipped, victim), 'r+');
    await handle.write(Buffer.from([0x00, 0xff]), 0, 2, 10);
    await handle.close();
    const bad = await casekit('verify', flipped);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`${victim} does not match its checksum`);
    await expect(exec('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: flipped })).rejects.toThrow();

    const missing = path.join(dir, 'missing');
    await cp(outDir, missing, { recursive: true });
    await rm(path.join(missing, result.bundleName));
    const gone = result.parts.at(-1)?.name ?? '';
    await rm(path.join(missing, gone));
    const short = await casekit('verify', missing);
    expect(short.code).toBe(1);
    expect(short.err).toContain(gone);
  });

  it('packs a zip that unzip tests, in one file named like the bundle', async () => {
    const zipOut = path.join(dir, 'zip');
    const done = await pack(source, zipOut, '--format', 'zip', '--allow-binary', CORE, '--json');
    expect(done.code).toBe(0);
    const zipped = JSON.parse(done.out) as PackResult;
    expect(zipped.bundleName).toMatch(/^case-00012345-\d{8}T\d{6}Z\.zip$/);
    expect(zipped.parts.map((part) => part.name)).toEqual([zipped.bundleName]);
    const { stdout } = await exec('unzip', ['-t', zipped.bundleName], { cwd: zipOut });
    expect(stdout).toContain('MANIFEST.json');
    expect(stdout).toContain('CASE-SUMMARY.md');
    expect(stdout).toContain('No errors detected');
    await exec('sha256sum', ['-c', 'SHA256SUMS'], { cwd: zipOut });
    expect((await casekit('verify', zipOut)).code).toBe(0);
  });

  it('exits 4 with nothing in OUTDIR when the leak check finds a planted original', async () => {
    const leaky = path.join(dir, 'leaky');
    await cp(source, leaky, { recursive: true });
    await writeFile(path.join(leaky, files[0] ?? ''), 'login from alice@example.com on mbx01.example.com\n', {
      flag: 'a',
    });
    const outLeak = path.join(dir, 'out-leak');
    await mkdir(outLeak);
    const refused = await pack(leaky, outLeak, '--allow-binary', CORE, '--json');
    expect(refused.code).toBe(4);
    expect(JSON.parse(refused.out)).toMatchObject({ ok: false, error: { code: 'LEAK_CHECK_FAILED' } });
    expect(refused.err).toContain(files[0]);
    expect(refused.err).not.toMatch(/alice|mbx01\.example/);
    expect(await readdir(outLeak)).toEqual([]);
  });

  it('exits 4 naming an unconsented binary, before writing anything', async () => {
    const outBinary = path.join(dir, 'out-binary');
    const refused = await pack(source, outBinary);
    expect(refused.code).toBe(4);
    expect(refused.err).toContain(CORE);
    await expect(readdir(outBinary)).rejects.toThrow();
  });

  it('exits 2 for a bad case number, a bad size, a missing folder or a folder that is not empty', async () => {
    const out = path.join(dir, 'out-usage');
    expect((await casekit('pack', source, '--case', '1234', '--out', out)).code).toBe(2);
    expect((await pack(source, out, '--part-size', 'ten')).code).toBe(2);
    expect((await pack(source, out, '--part-size', '10')).code).toBe(2);
    expect((await pack(path.join(dir, 'nowhere'), out)).code).toBe(2);
    const full = await pack(source, outDir, '--allow-binary', CORE);
    expect(full.code).toBe(2);
    expect(full.err).toContain('not empty');
    await expect(readdir(out)).rejects.toThrow();
  });
});
