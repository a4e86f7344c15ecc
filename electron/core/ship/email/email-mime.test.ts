import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { wrap } from 'nodemailer/lib/base64';
import { describe, expect, it } from 'vitest';
import { base64Size, composeMessage, contentTypeOf, largestFitting, messageSize, type MessageSpec } from './email-mime';

function spec(sizes: number[], text = 'Summary line\nsecond line'): MessageSpec {
  return {
    from: 'admin@example.com',
    to: 'support@example.com',
    subject: 'case 00012345: bundle.tar.gz (1 of 1)',
    text,
    date: new Date('2026-01-02T03:04:05Z'),
    messageId: '<m1@example.com>',
    baseBoundary: 'b0',
    files: sizes.map((size, index) => ({
      name: index === 0 ? 'SHA256SUMS' : `bundle.tar.gz.part${String(index).padStart(3, '0')}`,
      path: '/nowhere',
      size,
      sha256: null,
    })),
  };
}

describe('base64Size', () => {
  it('is the length of nodemailer base64 with its line breaks', () => {
    for (let n = 0; n < 400; n++) {
      expect(base64Size(n)).toBe(wrap(randomBytes(n).toString('base64'), 76).length);
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), (n) => {
        expect(base64Size(n)).toBe(wrap(Buffer.alloc(n, 1).toString('base64'), 76).length);
      }),
      { numRuns: 50 },
    );
  });

  it('inverts to the largest fitting byte count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000_000 }), (room) => {
        const n = largestFitting(room);
        expect(base64Size(n)).toBeLessThanOrEqual(room);
        expect(base64Size(n + 1)).toBeGreaterThan(room);
      }),
    );
    expect(largestFitting(-1)).toBe(-1);
  });
});

describe('messageSize', () => {
  it('predicts the bytes of the message built with real contents', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 5 }),
        // Never empty: the body always lists the message's attachments, and without a text part the tree differs.
        fc.string({ minLength: 1, maxLength: 300 }),
        async (sizes, text) => {
          const message = spec(sizes, text);
          const contents = new Map(message.files.map((file) => [file, randomBytes(file.size)]));
          const built = await composeMessage(message, (file) => contents.get(file) ?? Buffer.alloc(0)).build();
          expect(await messageSize(message)).toBe(built.length);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('writes RFC 5322 headers with CRLF line ends and base64 attachments', async () => {
    const built = (await composeMessage(spec([3, 4]), () => Buffer.from('abcd')).build()).toString('latin1');
    const head = built.slice(0, built.indexOf('\r\n\r\n'));
    for (const header of [
      'From: ',
      'To: ',
      'Subject: case 00012345',
      'Date: ',
      'Message-ID: <m1@',
      'MIME-Version: 1.0',
    ]) {
      expect(head).toContain(`\r\n${header}`);
    }
    expect(built.replace(/\r\n/g, '')).not.toContain('\n');
    expect(built).toContain('Content-Type: text/plain; charset=utf-8; name=SHA256SUMS');
    expect(built).toContain('Content-Type: application/octet-stream; name=bundle.tar.gz.part001');
    expect(built.match(/Content-Transfer-Encoding: base64/g)).toHaveLength(2);
  });
});

describe('contentTypeOf', () => {
  it.each([
    ['SHA256SUMS', 'text/plain; charset=utf-8'],
    ['README.txt', 'text/plain; charset=utf-8'],
    ['case-00012345.tar.gz.sha256', 'text/plain; charset=utf-8'],
    ['case-00012345.tar.gz', 'application/octet-stream'],
    ['case-00012345.zip', 'application/octet-stream'],
    ['case-00012345.tar.gz.part007', 'application/octet-stream'],
  ])('%s is %s', (name, type) => {
    expect(contentTypeOf(name)).toBe(type);
  });
});
