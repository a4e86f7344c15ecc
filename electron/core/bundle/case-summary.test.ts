import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCaseSummary } from './case-summary';
import { scanSource } from './source-files';
import { writeRedactedTree } from './testing/redacted-tree';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-summary-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('defaultCaseSummary', () => {
  it('states the case, the bundle, each host with its files and size, and the redaction', async () => {
    const fixture = await writeRedactedTree(dir);
    const tree = await scanSource(fixture.source, []);
    const text = defaultCaseSummary({
      caseNumber: '00012345',
      bundle: 'case-00012345-20261126T014933Z.tar.gz',
      created: new Date('2026-11-26T01:49:33Z'),
      appVersion: '1.2.3',
      tree,
      redaction: {
        report: 'redaction-report.json',
        status: 'done',
        files: 3,
        written: 3,
        leftOut: 1,
        failed: 0,
        replacements: 9,
        rules: { email: 9 },
        leakCheckClean: true,
      },
    });
    expect(text.startsWith('# Case 00012345\n')).toBe(true);
    expect(text).toContain('Casekit 1.2.3 on 2026-11-26T01:49:33.000Z');
    expect(text).toContain(`It holds 3 file(s)`);
    const hosts = [...new Set(fixture.files.map((file) => file.split('/')[0]))];
    expect(hosts).toHaveLength(2);
    for (const host of hosts)
      expect(text).toMatch(new RegExp(`\\| ${host?.replaceAll('.', '\\.') ?? ''} \\| \\d+ \\| [\\d.]+ B \\|`));
    expect(text).toContain('9 replacement(s) in 3 of 3 file(s); 1 file(s) or member(s) left out, 0 failed.');
    expect(text).not.toContain('example.com');
  });
});
