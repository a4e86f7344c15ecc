import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTexts, findingsThatCount, leakError } from './leak-gate';
import { writeRedactedTree } from './testing/redacted-tree';

let dir: string;
let fixture: Awaited<ReturnType<typeof writeRedactedTree>>;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-leak-gate-'));
  fixture = await writeRedactedTree(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('leak gate', () => {
  it('finds originals of the map and secrets in generated texts, by line and rule', async () => {
    const findings = await checkTexts(fixture.map, [
      { name: 'CASE-SUMMARY.md', text: '# Case\n\nmail stuck on mbx01.example.com\n' },
      { name: 'notes', text: 'db_password = hunter2hunter2\n' },
      { name: 'clean', text: 'nothing here but h-abc.d-def.invalid\n' },
    ]);
    expect(findings).toEqual(
      expect.arrayContaining([
        { file: 'CASE-SUMMARY.md', line: 3, rule: expect.stringMatching(/^original-/) as string },
        { file: 'notes', line: 1, rule: 'password' },
      ]),
    );
    expect(findings.some((finding) => finding.file === 'clean')).toBe(false);
  });

  it("counts only the map's originals in Casekit's own JSON", () => {
    const findings = [
      { file: 'MANIFEST.json', line: 40, rule: 'password' },
      { file: 'MANIFEST.json', line: 7, rule: 'original-domain' },
      { file: 'host/a.log', line: 3, rule: 'password' },
    ];
    expect(findingsThatCount(findings, ['MANIFEST.json'])).toEqual(findings.slice(1));
  });

  it('names file, line and rule of at most 20 findings, then a count', () => {
    const findings = Array.from({ length: 23 }, (_, i) => ({
      file: `h/${i % 2}.log`,
      line: i + 1,
      rule: 'original-user',
    }));
    const error = leakError(findings, '/out');
    expect(error.code).toBe('LEAK_CHECK_FAILED');
    expect(error.message).toContain(
      '23 thing(s) that look unredacted in 2 file(s): h/0.log line 1 (original-user), h/1.log line 2',
    );
    expect(error.message).toContain('and 3 more');
    expect(error.message).not.toContain('line 21 ');
  });
});
