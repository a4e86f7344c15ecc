import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPortalServer, type TestPortal } from './portal-server';

// The portal the ship tests run against must itself enforce what a real one
// does, or those tests would prove nothing: these requests are built by hand.

const TOKEN = 'test-token-3f9a';
let portal: TestPortal;

beforeEach(async () => {
  portal = await startPortalServer({ token: TOKEN, limit: 100_000 });
});
afterEach(async () => {
  await portal.close();
});

function form(caseNumber: string | null, fileName: string, file: Buffer): { body: Buffer; type: string } {
  const b = 'XyZ-boundary';
  const caseField =
    caseNumber === null ? '' : `--${b}\r\nContent-Disposition: form-data; name="case"\r\n\r\n${caseNumber}\r\n`;
  const head = `${caseField}--${b}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n\r\n`;
  return {
    body: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${b}--\r\n`)]),
    type: `multipart/form-data; boundary=${b}`,
  };
}

/** Sends a body in chunks without Content-Length, so the server must count what arrives. */
function post(token: string, body: Buffer, type: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(portal.url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': type, 'Transfer-Encoding': 'chunked' },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    for (let at = 0; at < body.length; at += 8192) req.write(body.subarray(at, at + 8192));
    req.end();
  });
}

describe('test portal server', () => {
  it('stores a file sent with the token and the case field', async () => {
    const { body, type } = form('00012345', 'a.part001', Buffer.alloc(5000, 7));
    const answer = await post(TOKEN, body, type);
    expect(answer.status).toBe(201);
    expect(portal.stored.get('a.part001')).toMatchObject({ size: 5000, count: 1 });
  });

  it('refuses a wrong token with 401 and stores nothing', async () => {
    const { body, type } = form('00012345', 'a.part001', Buffer.alloc(10));
    expect((await post('wrong', body, type)).status).toBe(401);
    expect(portal.stored.size).toBe(0);
  });

  it('refuses a request without the case field with 400', async () => {
    const { body, type } = form(null, 'a.part001', Buffer.alloc(10));
    const answer = await post(TOKEN, body, type);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('case number');
  });

  it('answers 413 to a body over the limit, counted without Content-Length', async () => {
    const { body, type } = form('00012345', 'big.part001', Buffer.alloc(100_001, 1));
    expect((await post(TOKEN, body, type)).status).toBe(413);
    expect(portal.stored.size).toBe(0);
    expect(portal.requests[0]?.bodyBytes).toBeGreaterThan(100_000);
  });

  it('answers a scripted 503 with Retry-After and stores nothing', async () => {
    portal.fault = ({ attempt }) => (attempt === 0 ? { kind: 'status', status: 503, retryAfter: '2' } : null);
    const { body, type } = form('00012345', 'a.part001', Buffer.alloc(10));
    expect((await post(TOKEN, body, type)).status).toBe(503);
    expect(portal.stored.size).toBe(0);
    expect((await post(TOKEN, body, type)).status).toBe(201);
  });

  it('drops the connection mid-body when scripted', async () => {
    portal.fault = () => ({ kind: 'drop', afterBytes: 20_000 });
    const { body, type } = form('00012345', 'a.part001', Buffer.alloc(60_000, 3));
    await expect(post(TOKEN, body, type)).rejects.toThrow();
    expect(portal.stored.size).toBe(0);
  });
});
