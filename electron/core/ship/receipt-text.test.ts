import { describe, expect, it } from 'vitest';
import type { ShipFileResult, ShipReceipt } from '../../shared/ship-schemas';
import { bundleNameOf } from './bundle-name';
import { cleanAnswer, receiptText, verifySteps } from './receipt-text';

const BUNDLE = 'case-00012345-20260126T010203Z.tar.gz';
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

function file(name: string, size: number, sha256: string | null, extra: Partial<ShipFileResult> = {}): ShipFileResult {
  return { name, size, sha256, status: 'sent', attempts: 1, serverAnswer: null, error: null, ...extra };
}

const portal: ShipReceipt = {
  channel: 'portal',
  destination: 'https://support.example.com/upload',
  startedAt: '2026-01-26T01:00:00.000Z',
  finishedAt: '2026-01-26T01:05:30.000Z',
  files: [
    file(`${BUNDLE}.part001`, 9_961_472, A, { serverAnswer: '201 Created: stored\u001b[31m as #7\r\nX-Evil: 1' }),
    file(`${BUNDLE}.part002`, 1_234, B, { status: 'already-there', serverAnswer: '200 OK' }),
    file(`${BUNDLE}.sha256`, 104, 'c'.repeat(64)),
    file('SHA256SUMS', 300, null),
    file('README.txt', 50, 'd'.repeat(64), {
      status: 'failed',
      error: { code: 'UPLOAD_REJECTED', message: '413 Too Large\u0007\u202e' },
    }),
  ],
  complete: false,
};

describe('receiptText', () => {
  const text = receiptText(portal, { caseNumber: '00012345' });

  it('says what arrived, where and when, with exact sizes and checksums', () => {
    expect(text).toContain('Case 00012345: 4 file(s) uploaded to the support portal on 2026-01-26 01:05 UTC.');
    expect(text).toContain('Destination: https://support.example.com/upload');
    expect(text).toContain(`  ${BUNDLE}.part001  9,961,472 bytes (9.96 MB)  sha256 ${A}`);
    expect(text).toContain(`  ${BUNDLE}.part002  1,234 bytes (1.23 kB)  sha256 ${B}`);
    expect(text).toContain('  SHA256SUMS  300 bytes\n');
    expect(text).toContain('Files (9,963,110 bytes (9.96 MB) in all):');
  });

  it('lists what was not sent, and how to verify in order', () => {
    expect(text).toMatch(/Not sent:\n {2}README\.txt: 413 Too Large\n/);
    expect(text).toContain(
      [
        'How to verify:',
        '  1. In the folder holding the files: sha256sum -c SHA256SUMS',
        `  2. Join the parts: cat ${BUNDLE}.part* > ${BUNDLE}`,
        `  3. Check the bundle: sha256sum -c ${BUNDLE}.sha256`,
      ].join('\n'),
    );
  });

  it('keeps server answers on one line without control characters', () => {
    expect(text).toContain(`  ${BUNDLE}.part001: 201 Created: stored [31m as #7 X-Evil: 1\n`);
    expect(text.replace(/\n/g, '')).not.toMatch(/[\p{Cc}\u202a-\u202e]/u);
    expect(cleanAnswer('x'.repeat(400))).toHaveLength(300);
  });

  it('shows a link with its expiry and note', () => {
    const link: ShipReceipt = {
      channel: 'link',
      destination: 'https://share.example.com/s/abc',
      startedAt: '2026-01-26T01:00:00.000Z',
      finishedAt: '2026-01-26T01:00:00.000Z',
      files: [file(BUNDLE, 5_000, A)],
      complete: true,
      link: {
        url: 'https://share.example.com/s/abc',
        expiresAt: '2026-02-02T12:00:00+02:00',
        note: 'Nextcloud\nshare',
        recordedAt: '2026-01-26T01:00:00.000Z',
      },
    };
    const linkText = receiptText(link, { caseNumber: '00012345', lang: 'en' });
    expect(linkText).toContain('1 file(s) shared as a download link on 2026-01-26 01:00 UTC');
    expect(linkText).toContain('The link expires 2026-02-02 10:00 UTC.');
    expect(linkText).toContain('Note: Nextcloud share');
    expect(linkText).not.toContain('Join the parts');
  });

  it('names the message files of an e-mail shipment', () => {
    const email: ShipReceipt = {
      ...portal,
      channel: 'email',
      destination: 'mailto:s@x.example',
      written: ['/t/a.eml', '/t/a-2.eml'],
    };
    expect(receiptText(email, { caseNumber: '00012345' })).toContain('Message file(s): /t/a.eml, /t/a-2.eml');
  });
});

describe('verifySteps and bundleNameOf', () => {
  it('skip the join step for a bundle in one file', () => {
    expect(verifySteps([BUNDLE, `${BUNDLE}.sha256`, 'SHA256SUMS'])).toEqual([
      '  1. In the folder holding the files: sha256sum -c SHA256SUMS',
      `  2. Check the bundle: sha256sum -c ${BUNDLE}.sha256`,
    ]);
  });

  it('find the bundle name from its checksum file, a part, or the folder', () => {
    expect(bundleNameOf(['README.txt', `${BUNDLE}.sha256`], '/x')).toBe(BUNDLE);
    expect(bundleNameOf(['README.txt', `${BUNDLE}.part012`], '/x')).toBe(BUNDLE);
    expect(bundleNameOf(['README.txt'], '/data/out-1/')).toBe('out-1');
  });
});
