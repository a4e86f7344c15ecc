import http from 'node:http';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../../core/api/create-core';
import { startServeServer, type RunningServer } from './server';

let dir: string;
let core: Core;
let server: RunningServer;
let cookie: string;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw requests, so that Host and Origin can be forged the way a hostile page or rebinding DNS would. */
function request(pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: pathname,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const call = (name: string, input: unknown, headers: Record<string, string> = {}) =>
  request(`/api/call/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, ...headers },
    body: JSON.stringify(input),
  });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-serve-'));
  const rendererRoot = path.join(dir, 'renderer');
  await mkdir(path.join(rendererRoot, 'assets'), { recursive: true });
  await writeFile(path.join(rendererRoot, 'index.html'), '<!doctype html><title>Casekit</title>');
  await writeFile(path.join(rendererRoot, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(dir, 'secret.txt'), 'outside the renderer');
  core = await createCore({ home: path.join(dir, 'home'), version: '0.0.0-test' });
  server = await startServeServer({ backend: core, rendererRoot, port: 0 });
  const login = await request(`/?token=${server.token}`);
  cookie = String(login.headers['set-cookie']?.[0]).split(';')[0]!;
});

afterAll(async () => {
  await server.close();
  await core.close();
  await rm(dir, { recursive: true, force: true });
});

describe('casekit serve: the token', () => {
  it('listens on 127.0.0.1 only and prints an address with the token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{43}$`));
  });

  it('refuses the page without a token or with a wrong one', async () => {
    expect((await request('/')).status).toBe(401);
    expect((await request('/')).body).toContain('access token needed');
    expect((await request('/?token=wrong')).status).toBe(401);
    expect((await request('/assets/app.js')).status).toBe(401);
  });

  it('trades the token for a strict, HttpOnly cookie and takes it out of the address', async () => {
    const login = await request(`/?token=${server.token}`);
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/');
    const setCookie = String(login.headers['set-cookie']?.[0]);
    expect(setCookie).toContain(`casekit_token_${server.port}=${server.token}`);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
  });

  it('serves the UI with the cookie, under a strict CSP', async () => {
    const page = await request('/', { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect((await request('/assets/app.js', { headers: { Cookie: cookie } })).status).toBe(200);
  });

  it('accepts a bearer token for scripts', async () => {
    const answer = await call('listCases', {}, { Cookie: '', Authorization: `Bearer ${server.token}` });
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true });
  });
});

describe('casekit serve: DNS rebinding and CSRF', () => {
  it('refuses a foreign Host even with the right cookie', async () => {
    const answer = await request('/', { headers: { Cookie: cookie, Host: `evil.example:${server.port}` } });
    expect(answer.status).toBe(403);
    expect((await request('/', { headers: { Cookie: cookie, Host: `localhost:${server.port}` } })).status).toBe(403);
  });

  it('refuses a call from a foreign Origin', async () => {
    const answer = await call('createCase', { title: 'x' }, { Origin: 'http://evil.example' });
    expect(answer.status).toBe(403);
    expect((await core.cases.list()).cases).toHaveLength(0);
  });

  it('refuses calls that a cross-site form could send', async () => {
    const answer = await request('/api/call/createCase', {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'title=x',
    });
    expect(answer.status).toBe(415);
  });

  it('does not serve files outside the renderer', async () => {
    for (const attempt of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%5c..%5csecret.txt',
    ]) {
      const answer = await request(attempt, { headers: { Cookie: cookie } });
      expect(answer.status, attempt).toBeGreaterThanOrEqual(400);
      expect(answer.body).not.toContain('outside the renderer');
    }
  });
});

describe('casekit serve: the API', () => {
  it('runs calls through the core and answers Results', async () => {
    const created = JSON.parse((await call('createCase', { title: 'Mailbox stops every day at 4 am' })).body);
    expect(created).toMatchObject({ ok: true, data: { title: 'Mailbox stops every day at 4 am', vendor: 'zimbra' } });
    const listed = JSON.parse((await call('listCases', {})).body);
    expect(listed.data.cases).toHaveLength(1);
  });

  it('answers invalid input, unknown operations and bad JSON with specific errors', async () => {
    const invalid = JSON.parse((await call('createCase', { title: 'x', caseNumber: '1234' })).body);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', retryable: false } });
    const unknown = await call('dropDatabase', {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('UNKNOWN_OPERATION');
    const badJson = await request('/api/call/listCases', {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: '{',
    });
    expect(JSON.parse(badJson.body).error.code).toBe('INVALID_INPUT');
  });

  it('pushes events over the WebSocket only to an authorized page', async () => {
    const wsUrl = `ws://127.0.0.1:${server.port}/api/events`;
    const origin = `http://127.0.0.1:${server.port}`;
    const refused = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(wsUrl, { headers });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
      });
    expect(await refused({ Origin: origin })).toBe(401);
    expect(await refused({ Origin: 'http://evil.example', Cookie: cookie })).toBe(403);

    const ws = new WebSocket(wsUrl, { headers: { Origin: origin, Cookie: cookie } });
    await new Promise((resolve) => ws.once('open', resolve));
    const message = new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    const created = JSON.parse((await call('createCase', { title: 'Queue grows after upgrade' })).body);
    expect(await message).toEqual({ event: 'casesChanged', payload: { caseId: created.data.id } });
    ws.close();
  });
});
