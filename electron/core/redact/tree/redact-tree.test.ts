import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CORE, MAILBOX_LOG, redacted, sh } from '../archive/testing/build-tree';
import { MarkerLeakChecker, MarkerRedactor } from '../archive/testing/marker-engine';
import { craftTar } from '../archive/testing/craft-archives';
import { markerMaps, type MarkerMap } from '../archive/testing/marker-maps';
import type { WorkerEngine } from './engine-port';
import { inThreadRunner } from './pass-runner';
import { runRedaction, type RedactProgress, type RedactTreeOptions } from './redact-tree';
import { NAMES_FILE } from './redact-text';

let dir: string;
let input: string;
let output: string;
let mapFile: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-tree-'));
  input = path.join(dir, 'in');
  output = path.join(dir, 'out');
  mapFile = path.join(dir, 'private', 'map.json');
  await mkdir(path.join(input, 'host1', 'log'), { recursive: true });
  await mkdir(path.dirname(mapFile), { recursive: true });
  await writeFile(path.join(input, 'host1', 'log', 'mailbox.log'), MAILBOX_LOG);
  await writeFile(path.join(input, 'host1', 'core.77'), CORE);
  await writeFile(path.join(input, 'notes.txt'), 'no marker here\n');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const markerEngine: WorkerEngine<MarkerMap> = {
  createRedactor: () => new MarkerRedactor(),
  createLeakChecker: () => new MarkerLeakChecker(),
};

function run(overrides: Partial<RedactTreeOptions> = {}, engine: WorkerEngine<MarkerMap> = markerEngine) {
  const options: RedactTreeOptions = {
    input,
    output,
    mapFile,
    reportFile: path.join(dir, 'report.json'),
    config: { keywords: [], extraRules: [] },
    includeBinary: false,
    ...overrides,
  };
  return runRedaction(options, markerMaps, () => inThreadRunner(engine, options.signal));
}

async function listTree(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

describe('runRedaction over a folder', () => {
  it('mirrors IN under OUT, leaves binaries out, saves the map and writes the report', async () => {
    const progress: RedactProgress[] = [];
    const report = await run({ onProgress: (p) => progress.push(p) });
    expect(await listTree(output)).toEqual(['host1/log/mailbox.log', 'notes.txt']);
    expect(await readFile(path.join(output, 'host1/log/mailbox.log'))).toEqual(redacted(MAILBOX_LOG));
    expect(report.status).toBe('done');
    expect(report.leftOut).toEqual([{ path: 'host1/core.77', reason: 'binary: an ELF file (program or core dump)' }]);
    expect(report.counts).toEqual({
      files: { 'host1/log/mailbox.log': { marker: 2 } },
      rules: { marker: 2 },
      total: 2,
    });
    expect(report.totals).toMatchObject({ files: 3, written: 2, leftOut: 1, failed: 0, replacements: 2 });
    expect(report.leakCheck).toEqual({ clean: true, findings: [] });
    expect(JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8'))).toEqual(report);
    // learned, names, redacted, wording: four merges, saved after the redaction and after the report's wording
    expect(JSON.parse(await readFile(mapFile, 'utf8'))).toEqual({ runs: 1, merged: 4 });
    const phases = [...new Set(progress.map((p) => p.phase))];
    expect(phases).toEqual(['learn', 'redact', 'check']);
    const lastRedact = progress.filter((p) => p.phase === 'redact').at(-1)!;
    expect(lastRedact).toMatchObject({ filesDone: 2, filesTotal: 2, bytesDone: lastRedact.bytesTotal });
  });

  it('copies and scans binaries with includeBinary', async () => {
    const report = await run({ includeBinary: true });
    expect(await readFile(path.join(output, 'host1/core.77'))).toEqual(CORE);
    expect(report.binaryFindings).toEqual([
      { file: 'host1/core.77', rule: 'marker', count: 1, firstOffset: CORE.length - 6 },
    ]);
    expect(report.leftOut).toEqual([]);
  });

  it('redacts a single file into OUT/<name>', async () => {
    const report = await run({ input: path.join(input, 'host1', 'log', 'mailbox.log') });
    expect(await listTree(output)).toEqual(['mailbox.log']);
    expect(report.counts.files).toEqual({ 'mailbox.log': { marker: 2 } });
  });

  it('keeps links inside IN as links and leaves out links that lead out of it', async () => {
    await symlink('log/mailbox.log', path.join(input, 'host1', 'current.log'));
    await symlink(path.join(dir, 'private'), path.join(input, 'host1', 'escape'));
    await writeFile(path.join(dir, 'outside.log'), 'SECRET outside\n');
    await symlink(path.join(dir, 'outside.log'), path.join(input, 'outside.log'));
    const report = await run();
    expect((await lstat(path.join(output, 'host1/current.log'))).isSymbolicLink()).toBe(true);
    expect(await readlink(path.join(output, 'host1/current.log'))).toBe('log/mailbox.log');
    expect(report.leftOut.map((entry) => entry.path)).toEqual(['host1/core.77', 'host1/escape', 'outside.log']);
    expect(report.leftOut[1]!.reason).toMatch(/outside the input folder/);
    await expect(lstat(path.join(output, 'outside.log'))).rejects.toThrow(/ENOENT/);
  });

  it('gets x and x.part right when IN holds both', async () => {
    await writeFile(path.join(input, 'x'), 'x SECRET\n');
    await writeFile(path.join(input, 'x.part'), 'x.part SECRET\n');
    await writeFile(path.join(input, 'x.part.part'), 'x.part.part\n');
    await run();
    expect(await readFile(path.join(output, 'x'), 'utf8')).toBe('x [REDACTED]\n');
    expect(await readFile(path.join(output, 'x.part'), 'utf8')).toBe('x.part [REDACTED]\n');
    expect(await readFile(path.join(output, 'x.part.part'), 'utf8')).toBe('x.part.part\n');
  });
});

describe('runRedaction redacts names as it redacts contents', () => {
  it('in file paths, archive members, link targets and everything the report says', async () => {
    await mkdir(path.join(input, 'SECRET-mbx01'));
    await writeFile(path.join(input, 'SECRET-mbx01', 'SECRET.log'), 'SECRET\n');
    await writeFile(path.join(input, 'SECRET-mbx01', 'core.SECRET'), CORE);
    await symlink('SECRET-mbx01/SECRET.log', path.join(input, 'current.log'));
    await craftTar(path.join(input, 'bundle.tar'), [
      { name: 'SECRET-dir/a.log', data: 'a SECRET\n' },
      { name: 'SECRET-dir/link', symlink: 'a.log' },
      { name: 'SECRET-dir/core', data: '\u007fELF' },
    ]);
    const report = await run();
    expect(await listTree(output)).toEqual([
      '[REDACTED]-mbx01/[REDACTED].log',
      'bundle.tar',
      'current.log',
      'host1/log/mailbox.log',
      'notes.txt',
    ]);
    expect(await readlink(path.join(output, 'current.log'))).toBe('[REDACTED]-mbx01/[REDACTED].log');
    expect(
      sh('tar', ['-tf', path.join(output, 'bundle.tar')])
        .toString()
        .trim()
        .split('\n'),
    ).toEqual(['[REDACTED]-dir/a.log', '[REDACTED]-dir/link']);
    expect(report.counts.files['bundle.tar!/[REDACTED]-dir/a.log']).toEqual({ marker: 1 });
    expect(report.counts.files[NAMES_FILE]).toEqual({ marker: 9 });
    expect(report.leftOut.map((entry) => entry.path)).toEqual([
      '[REDACTED]-mbx01/core.[REDACTED]',
      'bundle.tar!/[REDACTED]-dir/core',
      'host1/core.77',
    ]);
    expect(JSON.stringify(report)).not.toContain('SECRET');
  });

  it('leak-checks names, and does not write a file whose name still leaks', async () => {
    class NameLeakChecker extends MarkerLeakChecker {
      override scan(file: string) {
        return file.endsWith('!/(names)') ? super.scan(file) : new MarkerLeakChecker().scan(file);
      }
    }
    // a redactor that forgets names: the check must catch it
    const forgetful = {
      ...markerEngine,
      createRedactor: () =>
        new (class extends MarkerRedactor {
          override redact(file: string) {
            return file === NAMES_FILE ? new PassThrough() : super.redact(file);
          }
        })(),
      createLeakChecker: () => new NameLeakChecker(),
    };
    await craftTar(path.join(input, 'named.tar'), [{ name: 'SECRET.log', data: 'fine\n' }]);
    const report = await run({}, forgetful);
    expect(report.leakCheck.findings).toEqual([{ file: 'named.tar!/(names)', line: 2, rule: 'marker' }]);
    expect(await listTree(output)).not.toContain('named.tar');
  });
});

describe('runRedaction refuses paths that would overwrite or ship what must not be', () => {
  it.each([
    ['OUT inside IN', () => ({ output: path.join(input, 'out') }), /inside the input folder/],
    ['OUT equal to IN', () => ({ output: input }), /inside the input folder \(or is it\)/],
    ['IN inside OUT', () => ({ output: dir }), /is inside the output folder/],
    ['the map inside OUT', () => ({ mapFile: path.join(output, 'map.json') }), /must never be shipped/],
    ['the map inside IN', () => ({ mapFile: path.join(input, 'map.json') }), /inside the input/],
    ['a missing IN', () => ({ input: path.join(dir, 'nope') }), /does not exist/],
    ['OUT as the folder of a file IN', () => ({ input: path.join(input, 'notes.txt'), output: input }), /overwrite/],
  ])('%s', async (_name, overrides, message) => {
    await expect(run(overrides())).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(message),
    });
    await expect(readdir(output)).rejects.toThrow(/ENOENT/);
  });
});

describe('runRedaction when a file leaks or fails', () => {
  /** Misses the word LEAK, which its leak check finds: the check is what stops it. */
  class LeakyChecker extends MarkerLeakChecker {
    override scan(file: string) {
      let line = 1;
      return new Writable({
        write: (chunk: Buffer, _encoding, callback) => {
          for (const text of chunk.toString('latin1').split('\n')) {
            if (text.includes('LEAK')) this.found.push({ file, line, rule: 'leak-word' });
            line++;
          }
          callback();
        },
      });
    }
  }

  it('does not write a file the leak check flags, and says where (never what)', async () => {
    await writeFile(path.join(input, 'leaky.log'), 'fine\nLEAK here\n');
    sh('tar', ['-czf', path.join(input, 'bundle.tar.gz'), '-C', input, 'leaky.log', 'notes.txt']);
    await mkdir(output, { recursive: true });
    await writeFile(path.join(output, 'leaky.log'), 'an older output');
    const report = await run({}, { ...markerEngine, createLeakChecker: () => new LeakyChecker() });
    expect(report.status).toBe('leak');
    expect(report.leakCheck.findings).toEqual([
      { file: 'bundle.tar.gz!/leaky.log', line: 2, rule: 'leak-word' },
      { file: 'leaky.log', line: 2, rule: 'leak-word' },
    ]);
    expect(await listTree(output)).toEqual(['host1/log/mailbox.log', 'notes.txt']);
    expect(JSON.stringify(report)).not.toContain('LEAK here');
  });

  it('fails one file without stopping the others, and leaves no part behind', async () => {
    const failing: WorkerEngine<MarkerMap> = {
      ...markerEngine,
      createRedactor: () =>
        new (class extends MarkerRedactor {
          override redact(file: string) {
            if (file === 'notes.txt') throw new Error('the engine broke on this file');
            return super.redact(file);
          }
        })(),
    };
    const report = await run({}, failing);
    expect(report.status).toBe('partial');
    expect(report.failed).toEqual([{ path: 'notes.txt', reason: 'the engine broke on this file' }]);
    expect(await listTree(output)).toEqual(['host1/log/mailbox.log']);
  });

  it('stops when cancelled: CANCELLED, and no part or output file is left', async () => {
    const controller = new AbortController();
    await writeFile(path.join(input, 'big.log'), 'SECRET line\n'.repeat(500_000));
    const pending = run({
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'redact' && p.bytesDone > 0) controller.abort();
      },
    });
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await listTree(output)).toEqual([]);
  });
});
