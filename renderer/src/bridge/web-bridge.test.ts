// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SocketLike } from './web-bridge-events';
import { createWebBridge } from './web-bridge';

class FakeSocket implements SocketLike {
  static instances: FakeSocket[] = [];
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }
  close(): void {
    this.closed = true;
  }
  open(): void {
    this.onopen?.(new Event('open'));
  }
  send(data: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data: typeof data === 'string' ? data : JSON.stringify(data) }));
  }
  drop(): void {
    this.onclose?.(new CloseEvent('close', { code: 1006 }));
  }
}

const location = { protocol: 'http:', host: '127.0.0.1:4711' };
const record = {
  id: 'case-abc123',
  title: 'Mail queue stuck',
  vendor: 'zimbra',
  caseNumber: null,
  createdAt: '2025-01-02T03:04:05.000Z',
  updatedAt: '2025-01-02T03:04:05.000Z',
};

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function bridgeWith(fetchImpl: typeof fetch) {
  return createWebBridge({
    fetch: fetchImpl,
    WebSocket: FakeSocket,
    location,
    backoff: { initialMs: 100, maxMs: 400 },
    idleCloseMs: 1_000,
  });
}

beforeEach(() => {
  FakeSocket.instances = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('web bridge calls', () => {
  it('POSTs the input as JSON to the call path and returns the data', async () => {
    const fetchFake = vi.fn<typeof fetch>(async () => jsonResponse({ ok: true, data: record }));
    const result = await bridgeWith(fetchFake).createCase({ title: 'Mail queue stuck' });

    expect(result).toEqual({ ok: true, data: record });
    const [url, init] = fetchFake.mock.calls[0] ?? [];
    expect(url).toBe('/api/call/createCase');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(new Headers(init?.headers).get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(init?.body))).toEqual({ title: 'Mail queue stuck' });
  });

  it('passes application errors through', async () => {
    const error = { code: 'NOT_FOUND', message: 'No case case-abc123.', retryable: false };
    const result = await bridgeWith(async () => jsonResponse({ ok: false, error })).getCase({ id: 'case-abc123' });
    expect(result).toEqual({ ok: false, error });
  });

  it('reports a missing session as UNAUTHORIZED', async () => {
    const error = { code: 'UNAUTHORIZED', message: 'Missing session token.', retryable: false };
    const result = await bridgeWith(async () => jsonResponse({ ok: false, error }, 401)).listCases({});
    expect(result.ok === false && result.error.code).toBe('UNAUTHORIZED');

    const bare = await bridgeWith(async () => new Response('', { status: 403 })).listCases({});
    expect(bare.ok === false && bare.error.code).toBe('UNAUTHORIZED');
  });

  it('turns a network failure into a retryable BRIDGE_UNAVAILABLE', async () => {
    const result = await bridgeWith(async () => {
      throw new TypeError('Failed to fetch');
    }).listCases({});
    expect(result).toEqual({
      ok: false,
      error: { code: 'BRIDGE_UNAVAILABLE', message: expect.stringContaining('Failed to fetch'), retryable: true },
    });
  });

  it('turns a non-JSON answer into BRIDGE_UNAVAILABLE with a clear message', async () => {
    const result = await bridgeWith(async () => new Response('<html>Bad gateway</html>', { status: 502 })).listCases(
      {},
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('BRIDGE_UNAVAILABLE');
      expect(result.error.message).toMatch(/not JSON.*502/);
    }
  });

  it('rejects data that does not match the contract', async () => {
    const result = await bridgeWith(async () => jsonResponse({ ok: true, data: { id: 42 } })).getCase({
      id: 'case-abc123',
    });
    expect(result.ok === false && result.error.code).toBe('INTERNAL');
  });
});

describe('web bridge events', () => {
  const noFetch: typeof fetch = async () => jsonResponse({});

  it('opens one socket at the events path and delivers valid events', () => {
    const bridge = bridgeWith(noFetch);
    const cases = vi.fn();
    const jobs = vi.fn();
    bridge.on('casesChanged', cases);
    bridge.on('jobChanged', jobs);

    expect(FakeSocket.instances).toHaveLength(1);
    const socket = FakeSocket.instances[0]!;
    expect(socket.url).toBe('ws://127.0.0.1:4711/api/events');
    socket.open();
    socket.send({ event: 'casesChanged', payload: { caseId: 'case-abc123' } });

    expect(cases).toHaveBeenCalledWith({ caseId: 'case-abc123' });
    expect(jobs).not.toHaveBeenCalled();
  });

  it('uses wss on https pages', () => {
    const bridge = createWebBridge({
      fetch: noFetch,
      WebSocket: FakeSocket,
      location: { protocol: 'https:', host: 'casekit.example:8443' },
    });
    bridge.on('casesChanged', () => undefined);
    expect(FakeSocket.instances[0]?.url).toBe('wss://casekit.example:8443/api/events');
  });

  it('drops unknown events, invalid payloads and non-JSON messages', () => {
    const bridge = bridgeWith(noFetch);
    const cases = vi.fn();
    bridge.on('casesChanged', cases);
    const socket = FakeSocket.instances[0]!;
    socket.open();
    socket.send({ event: 'somethingElse', payload: {} });
    socket.send({ event: 'casesChanged', payload: { caseId: 7 } });
    socket.send({ event: 'casesChanged' });
    socket.send('not json at all');
    socket.send(null);
    expect(cases).not.toHaveBeenCalled();
  });

  it('stops delivering after unsubscribe and closes the socket once no one listens', () => {
    vi.useFakeTimers();
    const bridge = bridgeWith(noFetch);
    const first = vi.fn();
    const second = vi.fn();
    const offFirst = bridge.on('casesChanged', first);
    const offSecond = bridge.on('casesChanged', second);
    const socket = FakeSocket.instances[0]!;
    socket.open();

    offFirst();
    socket.send({ event: 'casesChanged', payload: { caseId: null } });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    expect(socket.closed).toBe(false);

    offSecond();
    expect(socket.closed).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(socket.closed).toBe(true);
  });

  it('keeps the socket when a new listener arrives soon after the last one left', () => {
    vi.useFakeTimers();
    const bridge = bridgeWith(noFetch);
    bridge.on('casesChanged', () => undefined)();
    const next = vi.fn();
    bridge.on('casesChanged', next);
    vi.advanceTimersByTime(5_000);

    expect(FakeSocket.instances).toHaveLength(1);
    expect(FakeSocket.instances[0]?.closed).toBe(false);
    FakeSocket.instances[0]!.open();
    FakeSocket.instances[0]!.send({ event: 'casesChanged', payload: { caseId: null } });
    expect(next).toHaveBeenCalledTimes(1);
  });

  it('reconnects with capped backoff and asks screens to reload after a reconnect', () => {
    vi.useFakeTimers();
    const bridge = bridgeWith(noFetch);
    const cases = vi.fn();
    bridge.on('casesChanged', cases);
    FakeSocket.instances[0]!.open();

    const delays = [100, 200, 400, 400];
    for (const [index, delay] of delays.entries()) {
      FakeSocket.instances[index]!.drop();
      vi.advanceTimersByTime(delay - 1);
      expect(FakeSocket.instances).toHaveLength(index + 1);
      vi.advanceTimersByTime(1);
      expect(FakeSocket.instances).toHaveLength(index + 2);
    }

    expect(cases).not.toHaveBeenCalled();
    FakeSocket.instances.at(-1)!.open();
    expect(cases).toHaveBeenCalledWith({ caseId: null });
  });
});
