import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedactReport } from '../redact/index';
import { CasekitError } from '../../shared/error-codes';
import { packWith } from './pack-bundle';
import type { PackOptions } from './pack-types';
import { fixtureOptions, testRunner, writeRedactedTree } from './testing/redacted-tree';

let dir: string;
let fixture: Awaited<ReturnType<typeof writeRedactedTree>>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-pack-refusals-'));
  fixture = await writeRedactedTree(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const options = (outDir: string, extra: Partial<PackOptions> = {}): PackOptions =>
  fixtureOptions(fixture, dir, outDir, extra);

const failure = async (promise: Promise<unknown>): Promise<CasekitError> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CasekitError);
  return error as CasekitError;
};

const report: RedactReport = {
  version: 1,
  status: 'done',
  input: '/cases/in',
  output: '/cases/out',
  map: '/private/map.json',
  startedAt: '2026-11-26T01:00:00.000Z',
  finishedAt: '2026-11-26T01:01:00.000Z',
  totals: { files: 3, written: 3, leftOut: 0, failed: 0, bytesIn: 900, bytesOut: 880, replacements: 11 },
  counts: { files: {}, rules: { email: 4, ipv4: 5, password: 2 }, total: 11 },
  leftOut: [],
  failed: [],
  binaryFindings: [],
  leakCheck: { clean: true, findings: [] },
};

describe('packWith refusals and extras', () => {
  it('refuses a bad case number, format or part size before reading anything', async () => {
    expect((await failure(packWith(options('x', { caseNumber: '1234' }), testRunner))).code).toBe('INVALID_INPUT');
    expect((await failure(packWith(options('x', { partSize: 10 }), testRunner))).message).toContain('too small');
    const format = { format: 'rar' } as unknown as Partial<PackOptions>;
    expect((await failure(packWith(options('x', format), testRunner))).code).toBe('INVALID_INPUT');
  });

  it('refuses a missing map: without it the leak check could not look for originals', async () => {
    const error = await failure(packWith(options('no-map', { mapFile: path.join(dir, 'none.json') }), testRunner));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('does not exist');
  });

  it('refuses a case summary that names the customer before writing anything', async () => {
    const error = await failure(
      packWith(options('summary-leak', { caseSummary: '# Outage on mbx01.example.com\n' }), testRunner),
    );
    expect(error.code).toBe('LEAK_CHECK_FAILED');
    expect(error.message).toContain('CASE-SUMMARY.md line 1');
    expect(error.message).not.toContain('example.com');
    await expect(readdir(path.join(dir, 'summary-leak'))).rejects.toThrow();
  });

  it('includes a named redaction report at the root and summarises it in the manifest', async () => {
    const reportFile = path.join(dir, 'report.json');
    await writeFile(reportFile, JSON.stringify(report));
    const result = await packWith(
      options('with-report', { redactionReport: reportFile, caseSummary: '# Mail stuck\n' }),
      testRunner,
    );
    expect(result.manifest.redaction).toEqual({
      report: 'redaction-report.json',
      status: 'done',
      files: 3,
      written: 3,
      leftOut: 0,
      failed: 0,
      replacements: 11,
      rules: { email: 4, ipv4: 5, password: 2 },
      leakCheckClean: true,
    });
    expect(result.manifest.files[0]?.path).toBe('redaction-report.json');
    expect(result.manifest.generated).toEqual(['CASE-SUMMARY.md', 'MANIFEST.json']);
    // rule counts such as "password": 2 are no finding there, but a customer's name in a path is
    await writeFile(reportFile, JSON.stringify({ ...report, input: '/cases/mbx01.example.com/collected' }));
    const named = await failure(packWith(options('report-leak', { redactionReport: reportFile }), testRunner));
    expect(named.code).toBe('LEAK_CHECK_FAILED');
    expect(named.message).toMatch(/redaction-report\.json line 1 \(original-/);
    await writeFile(reportFile, '{"not": "a report"}');
    const bad = await failure(packWith(options('bad-report', { redactionReport: reportFile }), testRunner));
    expect(bad.code).toBe('INVALID_INPUT');
  });

  it('refuses OUTDIR or the map inside the folder to pack', async () => {
    const inside = await failure(packWith(options('x', { outDir: path.join(fixture.source, 'bundle') }), testRunner));
    expect(inside.message).toContain('inside the folder to pack');
    const withMap = path.join(dir, 'with-map');
    await cp(fixture.source, withMap, { recursive: true });
    await cp(fixture.mapFile, path.join(withMap, 'map.json'));
    const map = await failure(
      packWith(options('x', { sourceDir: withMap, mapFile: path.join(withMap, 'map.json') }), testRunner),
    );
    expect(map.message).toContain('must never be shipped');
    await expect(readdir(path.join(dir, 'x'))).rejects.toThrow();
  });

  it('refuses a folder that holds MANIFEST.json at its top', async () => {
    const clash = path.join(dir, 'clash');
    await cp(fixture.source, clash, { recursive: true });
    await writeFile(path.join(clash, 'MANIFEST.json'), '{}');
    expect((await failure(packWith(options('clash-out', { sourceDir: clash }), testRunner))).message).toContain(
      'MANIFEST.json',
    );
  });

  it('cancels mid-stream with CANCELLED and leaves nothing behind', async () => {
    const big = path.join(dir, 'big');
    await cp(fixture.source, big, { recursive: true });
    // base64 text: the leak check reads it as text, gzip cannot shrink it much
    await writeFile(
      path.join(big, 'filler.txt'),
      randomBytes(6 * 1024 * 1024)
        .toString('base64')
        .replace(/(.{76})/g, '$1\n'),
    );
    const controller = new AbortController();
    const error = await failure(
      packWith(
        options('cancelled', {
          sourceDir: big,
          signal: controller.signal,
          onProgress: (p) => {
            if (p.bytesDone > 1024 * 1024) controller.abort();
          },
        }),
        testRunner,
      ),
    );
    expect(error.code).toBe('CANCELLED');
    await expect(readdir(path.join(dir, 'cancelled'))).rejects.toThrow();
  });
});
