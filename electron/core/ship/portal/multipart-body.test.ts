import busboy from 'busboy';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { multipartOverhead, planMultipart } from './multipart-body';
import { PORTAL_DEFAULTS } from './portal-options';

/** Parses a planned body with busboy, as a portal would. */
function parse(plan: ReturnType<typeof planMultipart>, file: Buffer) {
  const body = Buffer.concat([plan.head, file, plan.tail]);
  return new Promise<{ fields: Record<string, string>; files: { field: string; name: string; bytes: Buffer }[] }>(
    (resolve, reject) => {
      const fields: Record<string, string> = {};
      const files: { field: string; name: string; bytes: Buffer }[] = [];
      const parser = busboy({ headers: { 'content-type': plan.contentType } });
      parser.on('field', (name, value) => (fields[name] = value));
      parser.on('file', (field, stream, info) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => files.push({ field, name: info.filename ?? '', bytes: Buffer.concat(chunks) }));
      });
      parser.on('close', () => resolve({ fields, files }));
      parser.on('error', reject);
      Readable.from([body]).pipe(parser);
    },
  );
}

describe('planMultipart', () => {
  it('builds a body a multipart parser reads back exactly, with Content-Length its real size', async () => {
    const file = Buffer.from('line one\r\n--not a boundary\r\n\x00\xff');
    const plan = planMultipart(PORTAL_DEFAULTS.fields, '00012345', 'case.tar.gz.part001', file.length);
    expect(plan.contentLength).toBe(plan.head.length + file.length + plan.tail.length);
    const parsed = await parse(plan, file);
    expect(parsed.fields).toEqual({ case: '00012345' });
    expect(parsed.files).toHaveLength(1);
    expect(parsed.files[0]?.field).toBe('file');
    expect(parsed.files[0]?.name).toBe('case.tar.gz.part001');
    expect(parsed.files[0]?.bytes.equals(file)).toBe(true);
  });

  it('uses the field names it is given, escaping quotes in names', async () => {
    const plan = planMultipart({ case: 'caseId', file: 'upload' }, '00012345', 'a"b.txt', 3);
    const parsed = await parse(plan, Buffer.from('abc'));
    expect(parsed.fields).toEqual({ caseId: '00012345' });
    expect(parsed.files[0]?.field).toBe('upload');
    expect(parsed.files[0]?.name).toBe('a%22b.txt');
  });

  it('adds the same overhead whatever the file size, so the largest file that fits is known', () => {
    const overhead = multipartOverhead(PORTAL_DEFAULTS.fields, '00012345', 'x.part001');
    const plan = planMultipart(PORTAL_DEFAULTS.fields, '00012345', 'x.part001', 9_961_472);
    expect(plan.contentLength - 9_961_472).toBe(overhead);
    // The pack default (9.5MiB) fits a 10MB portal with room for the form.
    expect(plan.contentLength).toBeLessThanOrEqual(PORTAL_DEFAULTS.limit);
  });
});
