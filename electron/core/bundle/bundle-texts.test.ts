import { describe, expect, it } from 'vitest';
import { readmeText, sumsText } from './bundle-texts';

const facts = {
  caseNumber: '00012345',
  bundle: 'case-00012345-20261126T014933Z.tar.gz',
  format: 'tar.gz' as const,
  bundleSize: 25_000_000,
  bundleSha256: 'a'.repeat(64),
  partSize: 9961472,
  appVersion: '1.2.3',
  created: new Date('2026-11-26T01:49:33Z'),
};

describe('README.txt and SHA256SUMS', () => {
  it('gives the exact commands to check, put together and unpack split parts, for Linux, macOS and PowerShell', () => {
    const parts = [1, 2, 3].map((n) => ({ name: `${facts.bundle}.part00${n}`, size: 1, sha256: 'b'.repeat(64) }));
    const text = readmeText({ ...facts, parts });
    expect(text).toContain('sha256sum -c SHA256SUMS');
    expect(text).toContain('shasum -a 256 -c SHA256SUMS');
    expect(text).toContain(`cat ${facts.bundle}.part* > ${facts.bundle}`);
    expect(text).toContain(`sha256sum -c ${facts.bundle}.sha256`);
    expect(text).toContain(`Get-ChildItem -Filter '${facts.bundle}.part*' | Sort-Object Name`);
    expect(text).toContain(`.Hash -eq '${'a'.repeat(64)}'`);
    expect(text).toContain(`tar xzf ${facts.bundle}`);
    expect(text).toContain('3 part(s) of at most 9961472 bytes');
  });

  it('says there is nothing to put together for a bundle in one file, and how to open a zip', () => {
    const bundle = facts.bundle.replace('.tar.gz', '.zip');
    const text = readmeText({
      ...facts,
      bundle,
      format: 'zip',
      parts: [{ name: bundle, size: 5, sha256: 'c'.repeat(64) }],
    });
    expect(text).toContain('no parts to put together');
    expect(text).not.toContain('cat ');
    expect(text).toContain(`unzip ${bundle}`);
    expect(text).toContain(`Expand-Archive -LiteralPath '${bundle}'`);
  });

  it('writes checksum lines as sha256sum does', () => {
    expect(sumsText([{ name: 'a.part001', sha256: 'f'.repeat(64) }])).toBe(`${'f'.repeat(64)}  a.part001\n`);
  });
});
