// createFetch against real node:http servers on loopback. Real time, tiny delays, no speed
// assertions; after every test no socket, timer or abort listener may be left behind.
import type { RequestListener } from 'node:http';
import { beforeEach, describe, expect, it } from 'vitest';
import { HttpStatusError, createFetch } from '../../../src/adapters/http/index.js';
import { RetryExhaustedError } from '../../../src/core/errors/retry-exhausted-error.js';
import type { RetryEvent } from '../../../src/core/telemetry/events.js';
import { trackedSignal } from '../../../src/testing/index.js';
import { closed, eventually, readBody, useLoopback } from '../../helpers/http-server.js';

const { serve, clock } = useLoopback();

describe('createFetch: statuses', () => {
  it('retries 503 and returns the success', async () => {
    const s = await serve((_req, res) => {
      res.statusCode = s.hits < 3 ? 503 : 200;
      res.end(s.hits < 3 ? 'busy' : 'ok');
    });
    const response = await createFetch({ baseDelay: 1, clock })(`${s.url}/users/1`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
    expect(s.hits).toBe(3);
  });

  it('returns the last failed Response (not an error) when attempts run out on a status', async () => {
    const s = await serve((_req, res) => {
      res.statusCode = 503;
      res.end(`busy ${String(s.hits)}`);
    });
    const response = await createFetch({ baseDelay: 1, maxAttempts: 3, clock })(s.url);
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('busy 3');
    expect(s.hits).toBe(3);
  });

  it('does not retry a 400', async () => {
    const s = await serve((_req, res) => {
      res.statusCode = 400;
      res.end('bad');
    });
    const response = await createFetch({ baseDelay: 1, clock })(s.url);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('bad');
    expect(s.hits).toBe(1);
  });

  it('retries the statuses of retryOnStatus only', async () => {
    const s = await serve((_req, res) => {
      res.statusCode = s.hits < 2 ? 404 : 200;
      res.end();
    });
    const response = await createFetch({ baseDelay: 1, retryOnStatus: [404], clock })(s.url);
    expect(response.status).toBe(200);
    const t = await serve((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    const predicate = await createFetch({ baseDelay: 1, retryOnStatus: (status) => status === 404, clock })(t.url);
    expect(predicate.status).toBe(503);
    expect(t.hits).toBe(1);
  });

  it('throws an HttpStatusError with throwOnStatus, keeping the body readable', async () => {
    const s = await serve((req, res) => {
      res.statusCode = req.url === '/missing' ? 404 : 503;
      res.end(`status ${String(s.hits)}`);
    });
    const f = createFetch({ baseDelay: 1, maxAttempts: 2, throwOnStatus: true, clock });
    const exhausted = await f(s.url).catch((e: unknown) => e);
    expect(exhausted).toBeInstanceOf(HttpStatusError);
    const error = exhausted as HttpStatusError;
    expect(error.status).toBe(503);
    expect(error.code).toBe('ERR_HTTP_STATUS');
    expect(error.cause).toBeInstanceOf(RetryExhaustedError);
    expect(await error.response.text()).toBe('status 2');
    const missing = (await f(`${s.url}/missing`).catch((e: unknown) => e)) as HttpStatusError;
    expect(missing.status).toBe(404);
    expect(missing.cause).toBeUndefined();
    await missing.response.body?.cancel();
  });

  it('counts a retryable status as a failed attempt (what breakers and throttles see)', async () => {
    const s = await serve((_req, res) => {
      res.statusCode = s.hits < 2 ? 502 : 200;
      res.end();
    });
    const outcomes: string[] = [];
    await createFetch({ baseDelay: 1, clock, instrumenter: { onAttemptEnd: (e) => outcomes.push(e.outcome) } })(s.url);
    expect(outcomes).toEqual(['failure', 'success']);
  });
});

describe('createFetch: deadline header and injected fetch', () => {
  it('sends the remaining budget on every attempt, smaller each time, in the gRPC format when asked', async () => {
    const budgets: string[] = [];
    const s = await serve((req, res) => {
      budgets.push(String(req.headers['grpc-timeout']));
      res.statusCode = budgets.length < 3 ? 503 : 200;
      res.end();
    });
    await (await createFetch({ clock, baseDelay: 1, timeout: 5000, deadlineHeader: 'grpc-timeout' })(s.url)).arrayBuffer();
    expect(budgets).toHaveLength(3);
    const ms = budgets.map((b) => {
      expect(b).toMatch(/^\d{1,8}[um]$/);
      return b.endsWith('u') ? Number(b.slice(0, -1)) / 1000 : Number(b.slice(0, -1));
    });
    expect(ms[0]).toBeLessThanOrEqual(5000);
    expect(ms[1]).toBeLessThan(ms[0] as number);
    expect(ms[2]).toBeLessThan(ms[1] as number);
  });

  it('sends no deadline header without a deadline, and a priority only when it is not standard', async () => {
    const seen: [string | undefined, string | undefined][] = [];
    const s = await serve((req, res) => {
      seen.push([req.headers['x-request-timeout'] as string | undefined, req.headers['x-request-priority'] as string | undefined]);
      res.end();
    });
    await (await createFetch({ clock })(s.url)).arrayBuffer();
    await (await createFetch({ clock, priority: 'low' })(s.url)).arrayBuffer();
    await (await createFetch({ clock, timeout: 1000, deadlineHeader: false, priorityHeader: false, priority: 'critical' })(s.url)).arrayBuffer();
    expect(seen).toEqual([
      [undefined, undefined],
      [undefined, 'low'],
      [undefined, undefined],
    ]);
  });

  it('calls the injected fetch for every attempt', async () => {
    const s = await serve((_req, res) => {
      res.statusCode = s.hits < 2 ? 500 : 200;
      res.end();
    });
    const calls: string[] = [];
    const f = createFetch({
      clock,
      baseDelay: 1,
      fetch: (input, init) => {
        calls.push(String(init?.method));
        return fetch(input, init);
      },
    });
    const response = await f(s.url);
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    expect(calls).toEqual(['GET', 'GET']);
  });
});

describe('createFetch: idempotency', () => {
  const flaky: RequestListener = (req, res) => {
    void readBody(req).then((body) => {
      seen.push({ key: req.headers['idempotency-key'] as string | undefined, body });
      res.statusCode = seen.length < 3 ? 503 : 201;
      res.end();
    });
  };
  let seen: { key: string | undefined; body: string }[] = [];
  beforeEach(() => {
    seen = [];
  });

  it('never retries a POST without an idempotency key', async () => {
    const s = await serve(flaky);
    const response = await createFetch({ baseDelay: 1, clock })(s.url, { method: 'POST', body: 'order' });
    expect(response.status).toBe(503);
    expect(s.hits).toBe(1);
    expect(seen[0]?.key).toBeUndefined();
  });

  it('retries a POST with idempotencyKey: true, sending one key and the same body on every attempt', async () => {
    const s = await serve(flaky);
    const response = await createFetch({ baseDelay: 1, idempotencyKey: true, clock })(s.url, { method: 'post', body: 'order' });
    expect(response.status).toBe(201);
    expect(seen).toHaveLength(3);
    const key = seen[0]?.key;
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen.map((r) => r.key)).toEqual([key, key, key]);
    expect(seen.map((r) => r.body)).toEqual(['order', 'order', 'order']);
  });

  it('generates a new key per logical request, with a custom generator', async () => {
    const s = await serve((req, res) => {
      seen.push({ key: req.headers['x-key'] as string, body: '' });
      res.end();
    });
    let n = 0;
    const f = createFetch({ idempotencyKey: () => `k${String(++n)}`, idempotencyKeyHeader: 'X-Key', clock });
    await (await f(s.url, { method: 'PATCH' })).text();
    await (await f(s.url, { method: 'PATCH' })).text();
    await (await f(s.url)).text();
    expect(seen.map((r) => r.key)).toEqual(['k1', 'k2', undefined]);
  });

  it("retries a POST that carries the caller's own Idempotency-Key, unchanged", async () => {
    const s = await serve(flaky);
    const request = new Request(s.url, { method: 'POST', body: 'from a Request', headers: { 'Idempotency-Key': 'abc' } });
    const response = await createFetch({ baseDelay: 1, clock })(request);
    expect(response.status).toBe(201);
    expect(seen).toEqual([
      { key: 'abc', body: 'from a Request' },
      { key: 'abc', body: 'from a Request' },
      { key: 'abc', body: 'from a Request' },
    ]);
  });

  it('sends a stream body once: it cannot be replayed', async () => {
    const s = await serve(flaky);
    const body = new Blob(['streamed']).stream();
    const response = await createFetch({ baseDelay: 1, idempotencyKey: true, clock })(s.url, { method: 'PUT', body, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(503);
    expect(seen).toEqual([{ key: undefined, body: 'streamed' }]);
  });
});

describe('createFetch: Retry-After', () => {
  function retryAfter(value: string): RequestListener {
    let n = 0;
    return (_req, res) => {
      if (n++ === 0) {
        res.statusCode = 429;
        res.setHeader('retry-after', value);
      }
      res.end();
    };
  }
  function recorder(): { delays: [number, boolean][]; instrumenter: { onRetry(e: RetryEvent): void } } {
    const delays: [number, boolean][] = [];
    return { delays, instrumenter: { onRetry: (e) => delays.push([e.delayMs, e.serverHint]) } };
  }

  it('waits what the server asks (seconds) instead of the backoff', async () => {
    const s = await serve(retryAfter('0'));
    const { delays, instrumenter } = recorder();
    const response = await createFetch({ baseDelay: 1, clock, instrumenter })(s.url);
    expect(response.status).toBe(200);
    expect(delays).toEqual([[0, true]]);
  });

  it('caps the wait at maxRetryAfter', async () => {
    const s = await serve(retryAfter('120'));
    const { delays, instrumenter } = recorder();
    const response = await createFetch({ baseDelay: 1, maxRetryAfter: 20, clock, instrumenter })(s.url);
    expect(response.status).toBe(200);
    expect(delays).toEqual([[20, true]]);
  });

  it('reads an HTTP date', async () => {
    const s = await serve(retryAfter(new Date(Date.now() - 60_000).toUTCString()));
    const { delays, instrumenter } = recorder();
    expect((await createFetch({ baseDelay: 1, clock, instrumenter })(s.url)).status).toBe(200);
    expect(delays).toEqual([[0, true]]);
  });

  it('returns the response at once when the wait would pass the deadline', async () => {
    const s = await serve(retryAfter('30'));
    const { delays, instrumenter } = recorder();
    const response = await createFetch({ timeout: 5000, clock, instrumenter })(s.url);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('30');
    await response.arrayBuffer();
    expect(delays).toEqual([]);
    expect(s.hits).toBe(1);
  });
});

describe('createFetch: cancellation and hedging', () => {
  it('hedges a slow GET; the loser is aborted and its socket closed', async () => {
    let loser: Promise<{ finished: boolean }> | undefined;
    const s = await serve((_req, res) => {
      if (s.hits === 1) {
        loser = closed(res);
        return; // never answers: only the hedge can win
      }
      res.end('hedge');
    });
    const response = await createFetch({ hedgingDelay: 10, maxAttempts: 2, clock })(s.url);
    expect(await response.text()).toBe('hedge');
    expect(s.hits).toBe(2);
    expect(await loser).toEqual({ finished: false });
  });

  it('does not hedge other methods', async () => {
    const s = await serve((_req, res) => {
      setTimeout(() => res.end('slow'), 30);
    });
    const response = await createFetch({ hedgingDelay: 1, clock })(s.url, { method: 'PUT' });
    expect(await response.text()).toBe('slow');
    expect(s.hits).toBe(1);
  });

  it('times out an attempt through the request signal and retries it', async () => {
    let first: Promise<{ finished: boolean }> | undefined;
    const s = await serve((_req, res) => {
      if (s.hits === 1) first = closed(res);
      else res.end('second');
    });
    const response = await createFetch({ attemptTimeout: 50, baseDelay: 1, clock })(s.url);
    expect(await response.text()).toBe('second');
    expect(await first).toEqual({ finished: false });
  });

  it('retries network errors and throws RetryExhaustedError when they persist', async () => {
    const s = await serve((req) => {
      req.socket.destroy();
    });
    const error = await createFetch({ baseDelay: 1, maxAttempts: 3, clock })(s.url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryExhaustedError);
    expect((error as RetryExhaustedError).errors).toHaveLength(3);
    expect(s.hits).toBe(3);
  });

  it('rejects at once with the reason of an already aborted signal, sending nothing', async () => {
    const s = await serve((_req, res) => res.end());
    const tracked = trackedSignal();
    tracked.abort(new Error('stop'));
    await expect(createFetch({ clock })(s.url, { signal: tracked.signal })).rejects.toThrow('stop');
    expect(s.hits).toBe(0);
  });

  it("keeps the returned body cancellable by the caller's signal, then releases every listener", async () => {
    let server: Promise<{ finished: boolean }> | undefined;
    const s = await serve((_req, res) => {
      server = closed(res);
      res.write('first chunk');
    });
    const tracked = trackedSignal();
    const response = await createFetch({ clock, timeout: 10_000 })(s.url, { signal: tracked.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first chunk');
    expect(tracked.listeners).toBe(1);
    expect(clock.pending).toBe(1);
    tracked.abort(new Error('caller gave up'));
    await expect(reader.read()).rejects.toThrow('caller gave up');
    expect(await server).toEqual({ finished: false });
    expect(clock.pending).toBe(0);
  });

  it('releases listeners and the deadline timer once the body is read', async () => {
    const s = await serve((_req, res) => res.end('all of it'));
    const perRequest = trackedSignal();
    const shared = trackedSignal();
    const f = createFetch({ clock, timeout: 10_000, signal: shared.signal });
    const response = await f(new Request(s.url), { signal: perRequest.signal });
    expect(response.url).toBe(`${s.url}/`);
    expect(response.clone().url).toBe(`${s.url}/`);
    expect([perRequest.listeners, shared.listeners, clock.pending]).toEqual([1, 1, 1]);
    expect(await response.text()).toBe('all of it');
    expect([perRequest.listeners, shared.listeners, clock.pending]).toEqual([0, 0, 0]);
  });

  it('leaves no listener on the caller’s signal on any path', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/reset') {
        req.socket.destroy();
        return;
      }
      if (req.url === '/hang') return;
      res.statusCode = 503;
      res.end('busy');
    });
    const f = createFetch({ clock, baseDelay: 1, maxAttempts: 2 });
    const tracked = trackedSignal();
    const exhausted = await f(s.url, { signal: tracked.signal });
    expect(await exhausted.text()).toBe('busy');
    expect(tracked.listeners).toBe(0);
    await expect(f(`${s.url}/reset`, { signal: tracked.signal })).rejects.toBeInstanceOf(RetryExhaustedError);
    expect(tracked.listeners).toBe(0);
    const hanging = f(`${s.url}/hang`, { signal: tracked.signal });
    await eventually(() => s.hits === 5, 'the hanging request to arrive');
    tracked.abort(new Error('caller gave up'));
    await expect(hanging).rejects.toThrow('caller gave up');
    expect(tracked.listeners).toBe(0);
  });

  it('aborts the body read when the deadline passes', async () => {
    const s = await serve((_req, res) => res.write('partial'));
    // Generous: the response itself must arrive before the deadline, even on a loaded machine.
    const response = await createFetch({ clock, timeout: 400 })(s.url);
    await expect(response.text()).rejects.toMatchObject({ code: 'ERR_DEADLINE_EXCEEDED' });
  });

  it('returns a fallback value as it is, releasing every response', async () => {
    const s = await serve((_req, res) => {
      res.statusCode = 500;
      res.end();
    });
    const response = await createFetch({ maxAttempts: 2, baseDelay: 1, clock, fallback: () => new Response('cached') })(s.url);
    expect(await response.text()).toBe('cached');
  });
});
