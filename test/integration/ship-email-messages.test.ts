import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PartTooLargeError, writeEmailMessages, type EmailOptions } from '../../electron/core/ship/email/index';
import { receiptText } from '../../electron/core/ship/receipt-text';
import type { ShipProgress } from '../../electron/core/ship/ship-types';
import { CasekitError } from '../../electron/shared/error-codes';
import { BUNDLE, makeBundle, parseEml, problemsWith, sha256 } from './ship-email-support';

// `writeEmailMessages` end to end: bundle folders made with the real
// sha256sum, messages written to disk and read back with mailparser, every
// attachment compared with its source, every message's size on disk checked
// against the limit.

let root: string;
let counter = 0;
const fresh = () => path.join(root, `run-${++counter}`);

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'casekit-ship-email-'));
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** Options for the bundle folder `dir/bundle`, written to `dir/out` for the usual address and case. */
function emailTo(dir: string, bundle: string, out: string): EmailOptions {
  return {
    bundleDir: path.join(dir, bundle),
    to: 'support@zimbra.example',
    caseNumber: '00012345',
    outFile: path.join(dir, out),
  };
}

/** Writes the messages and expects every check of `problemsWith` to pass. */
async function writeChecked(options: EmailOptions, contents: ReadonlyMap<string, Buffer>, limit: number) {
  const result = await writeEmailMessages({ ...options, limit });
  expect(
    await problemsWith(
      result.messages.map((m) => m.path),
      contents,
      limit,
    ),
  ).toEqual([]);
  return result;
}

async function emlFiles(dir: string): Promise<string[]> {
  return (await fs.readdir(dir)).filter((name) => name.endsWith('.eml')).sort();
}

describe('writeEmailMessages', () => {
  it('splits a bundle into messages under the limit that parse back to the same bytes', async () => {
    const dir = fresh();
    const contents = await makeBundle(path.join(dir, 'bundle'), [150_000, 150_000, 90_000, 20_000]);
    const limit = 250_000;
    const progress: ShipProgress[] = [];
    const { messages, receipt } = await writeEmailMessages({
      ...emailTo(dir, 'bundle', path.join('out', 'case.eml')),
      from: 'admin@example.com',
      limit,
      onProgress: (p) => progress.push(p),
    });
    expect(messages.map((m) => path.basename(m.path))).toEqual(['case.eml', 'case-2.eml', 'case-3.eml']);
    expect(await emlFiles(path.join(dir, 'out'))).toEqual(['case-2.eml', 'case-3.eml', 'case.eml']);
    expect(
      await problemsWith(
        messages.map((m) => m.path),
        contents,
        limit,
      ),
    ).toEqual([]);
    for (const message of messages) expect((await fs.stat(message.path)).size).toBe(message.size);

    const first = await parseEml(messages[0]?.path ?? '');
    expect(first.subject).toBe(`case 00012345: ${BUNDLE} (1 of 3)`);
    expect(first.from?.text).toBe('admin@example.com');
    expect(first.to).toMatchObject({ text: 'support@zimbra.example' });
    expect(first.headers.get('mime-version')).toBe('1.0');
    expect(first.headers.get('x-unsent')).toBe('1');
    expect(first.text).toContain(`sha256sum -c ${BUNDLE}.sha256`);
    expect(first.text).toContain(`cat ${BUNDLE}.part* > ${BUNDLE}`);
    const all = await Promise.all(messages.map((m) => parseEml(m.path)));
    const sums = all.flatMap((mail) => mail.attachments).find((a) => a.filename === 'SHA256SUMS');
    expect(sums?.contentType).toBe('text/plain');
    expect(first.attachments.find((a) => a.filename === `${BUNDLE}.part001`)?.contentType).toBe(
      'application/octet-stream',
    );

    expect(receipt).toMatchObject({ channel: 'email', destination: 'mailto:support@zimbra.example', complete: true });
    expect(receipt.written).toEqual(messages.map((m) => m.path));
    expect(receipt.files.map((f) => [f.name, f.size, f.sha256])).toEqual(
      [...contents].map(([name, bytes]) => [name, bytes.length, name === 'SHA256SUMS' ? null : sha256(bytes)]),
    );
    const total = [...contents.values()].reduce((sum, bytes) => sum + bytes.length, 0);
    expect(progress.at(-1)).toEqual({ file: null, bytesDone: total, bytesTotal: total, filesDone: 7, filesTotal: 7 });

    const text = receiptText(receipt, { caseNumber: '00012345' });
    for (const [name, bytes] of contents)
      expect(text).toContain(`${name}  ${bytes.length.toLocaleString('en-US')} bytes`);
    expect(text).toContain('case.eml');
  });

  it('writes one message for a small single-file bundle, From defaulting to the To address', async () => {
    const dir = fresh();
    const contents = await makeBundle(path.join(dir, 'bundle'), [5_000]);
    const { messages, leftOver } = await writeEmailMessages(emailTo(dir, 'bundle', 'one.eml'));
    expect(messages).toHaveLength(1);
    expect(leftOver).toEqual([]);
    expect(await problemsWith([path.join(dir, 'one.eml')], contents, 10_000_000)).toEqual([]);
    const mail = await parseEml(path.join(dir, 'one.eml'));
    expect(mail.from?.text).toBe('support@zimbra.example');
    expect(mail.subject).toBe(`case 00012345: ${BUNDLE} (1 of 1)`);
    expect(mail.text).not.toContain('cat ');
  });

  it('keeps every message under the limit and every file attached once, whatever the part sizes', async () => {
    const limit = 60_000;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 48_000 }), { minLength: 1, maxLength: 6 }), async (sizes) => {
        const dir = fresh();
        const contents = await makeBundle(path.join(dir, 'bundle'), sizes);
        const options = { ...emailTo(dir, 'bundle', 'm.eml'), limit };
        try {
          const { messages } = await writeEmailMessages(options);
          expect(
            await problemsWith(
              messages.map((m) => m.path),
              contents,
              limit,
            ),
          ).toEqual([]);
          expect(await emlFiles(dir)).toHaveLength(messages.length);
        } catch (error) {
          // Only a part too big for a message of its own may be refused, and then nothing is written.
          expect(error).toBeInstanceOf(PartTooLargeError);
          const tooBig = (error as PartTooLargeError).file;
          expect(contents.get(tooBig)?.length).toBeGreaterThan((error as PartTooLargeError).partSize);
          expect(await emlFiles(dir)).toEqual([]);
        }
        await fs.rm(dir, { recursive: true, force: true });
      }),
      { numRuns: 25 },
    );
  });

  it('fills messages close to the limit', async () => {
    const dir = fresh();
    const contents = await makeBundle(path.join(dir, 'bundle'), Array(12).fill(9_000));
    const limit = 50_000;
    const { messages } = await writeChecked(emailTo(dir, 'bundle', 'm.eml'), contents, limit);
    // Each full message could not take its next file: it is within one part's base64 of the limit.
    for (const message of messages.slice(0, -1)) expect(message.size).toBeGreaterThan(limit - 13_000);
  });

  it('refuses a part that cannot fit alone, and the part size it suggests does fit', async () => {
    const dir = fresh();
    const limit = 10_000_000;
    await makeBundle(path.join(dir, 'big'), [7_600_000, 100_000]);
    const error = await writeEmailMessages(emailTo(dir, 'big', 'big.eml')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartTooLargeError);
    const refusal = error as PartTooLargeError;
    expect(refusal.code).toBe('PART_TOO_LARGE');
    expect(refusal.file).toBe(`${BUNDLE}.part001`);
    expect(refusal.message).toContain(`--part-size ${refusal.partSize}`);
    expect(refusal.partSize).toBeGreaterThan(7_000_000);
    expect(refusal.partSize).toBeLessThan(7_500_000);
    expect(await emlFiles(dir)).toEqual([]);

    // The same 7.7 MB bundle packed again with the suggested size: every part goes, each message under the limit.
    const total = 7_700_000;
    const sizes = Array.from({ length: Math.ceil(total / refusal.partSize) }, (_, i) =>
      Math.min(refusal.partSize, total - i * refusal.partSize),
    );
    const contents = await makeBundle(path.join(dir, 'again'), sizes);
    const { messages } = await writeChecked(emailTo(dir, 'again', 'again.eml'), contents, limit);
    expect(messages[0]?.size).toBeGreaterThan(limit - 20_000);
  });

  it('refuses bad input before reading the bundle', async () => {
    const base = { bundleDir: path.join(root, 'nowhere'), to: 'support@zimbra.example', caseNumber: '00012345' };
    const outFile = path.join(root, 'x.eml');
    for (const bad of [
      { ...base, outFile, to: 'support@zimbra.example\r\nBcc: all@example.com' },
      { ...base, outFile, to: 'Support <support@zimbra.example>' },
      { ...base, outFile, from: 'not an address' },
      { ...base, outFile, caseNumber: '1234' },
      { ...base, outFile, limit: 0 },
      { ...base, outFile: path.join(root, 'x.txt') },
    ]) {
      const error = await writeEmailMessages(bad).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect(await writeEmailMessages({ ...base, outFile }).catch((e: unknown) => e)).toMatchObject({
      code: 'BUNDLE_INVALID',
    });
  });

  it('refuses a file changed since packing and leaves no message behind', async () => {
    const dir = fresh();
    await makeBundle(path.join(dir, 'bundle'), [30_000, 30_000]);
    await fs.writeFile(path.join(dir, 'bundle', `${BUNDLE}.part002`), Buffer.alloc(30_000, 1));
    const error = await writeEmailMessages({
      ...emailTo(dir, 'bundle', 'm.eml'),
      limit: 50_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CasekitError);
    expect(error).toMatchObject({ code: 'BUNDLE_INVALID', message: expect.stringContaining(`${BUNDLE}.part002`) });
    expect((await fs.readdir(dir)).filter((name) => name !== 'bundle')).toEqual([]);
  });

  it('stops when cancelled and leaves no message behind', async () => {
    const dir = fresh();
    await makeBundle(path.join(dir, 'bundle'), [3_000_000, 3_000_000]);
    const controller = new AbortController();
    const error = await writeEmailMessages({
      ...emailTo(dir, 'bundle', 'm.eml'),
      limit: 5_000_000,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.bytesDone > 3_500_000) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CANCELLED' });
    expect((await fs.readdir(dir)).filter((name) => name !== 'bundle')).toEqual([]);
  });
});
