// The server side against real loopback servers: deadlineMiddleware under express and withDeadline
// under node:http, and a two-hop chain where createFetch carries the shrinking budget on.
import express from 'express';
import type { RequestListener } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createFetch, deadlineMiddleware, withDeadline } from '../../../src/adapters/http/index.js';
import { currentContext } from '../../../src/core/ambient.js';
import { execute } from '../../../src/policy/execute.js';
import { closed, eventually, useLoopback } from '../../helpers/http-server.js';

const { serve, clock } = useLoopback();

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    signal.addEventListener('abort', () => {
      resolve();
    });
  });
}

/** What a handler saw of its ambient context. */
interface Seen {
  remaining: number | undefined;
  priority: string;
  signal: AbortSignal | undefined;
}

function observe(): Seen {
  const ctx = currentContext();
  return { remaining: ctx.deadline === undefined ? undefined : ctx.deadline - clock.now(), priority: ctx.priority, signal: ctx.signal };
}

describe('withDeadline (node:http)', () => {
  it('runs the handler inside the caller’s deadline and priority, with a signal', async () => {
    let seen: Seen | undefined;
    const s = await serve(
      withDeadline(
        (_req, res) => {
          seen = observe();
          res.end('ok');
        },
        { clock },
      ),
    );
    const response = await fetch(s.url, { headers: { 'x-request-timeout': '800', 'x-request-priority': 'critical' } });
    expect(await response.text()).toBe('ok');
    expect(seen?.remaining).toBeGreaterThan(0);
    expect(seen?.remaining).toBeLessThanOrEqual(800);
    expect(seen?.priority).toBe('critical');
    expect(seen?.signal?.aborted).toBe(false);
  });

  it('answers 504 at once to a spent budget, without running the handler', async () => {
    let ran = false;
    const s = await serve(
      withDeadline(
        (_req, res) => {
          ran = true;
          res.end();
        },
        { clock },
      ),
    );
    const spent = await fetch(s.url, { headers: { 'x-request-timeout': '0' } });
    expect(spent.status).toBe(504);
    expect(await spent.text()).toBe('deadline exceeded');
    const grpc = await fetch(s.url, { headers: { 'grpc-timeout': '0n' } });
    expect(grpc.status).toBe(200);
    await grpc.arrayBuffer();
    expect(ran).toBe(true);
  });

  it('reads grpc-timeout when told to, clamps to max, and applies defaultTimeout', async () => {
    const seen: Seen[] = [];
    const handler: RequestListener = (_req, res) => {
      seen.push(observe());
      res.end();
    };
    const grpc = await serve(withDeadline(handler, { header: 'grpc-timeout', max: 1000, clock }));
    const fallback = await serve(withDeadline(handler, { defaultTimeout: 300, priorityHeader: false, clock }));
    await (await fetch(grpc.url, { headers: { 'grpc-timeout': '5H' } })).arrayBuffer();
    await (await fetch(fallback.url, { headers: { 'x-request-priority': 'low' } })).arrayBuffer();
    expect(seen[0]?.remaining).toBeLessThanOrEqual(1000);
    expect(seen[0]?.remaining).toBeGreaterThan(0);
    expect(seen[1]?.remaining).toBeLessThanOrEqual(300);
    expect(seen[1]?.priority).toBe('standard');
  });

  it('aborts the handler’s signal when the client disconnects', async () => {
    const started = deferred<AbortSignal>();
    const s = await serve(
      withDeadline(
        async (_req, res) => {
          const signal = currentContext().signal as AbortSignal;
          started.resolve(signal);
          await untilAborted(signal);
          res.end('too late');
        },
        { clock },
      ),
    );
    const client = new AbortController();
    const request = fetch(s.url, { signal: client.signal }).catch((e: unknown) => e);
    const signal = await started.promise;
    client.abort();
    await request;
    await eventually(() => signal.aborted, 'the handler signal to abort');
    expect(signal.reason).toMatchObject({ name: 'AbortError', message: 'client disconnected' });
  });

  it('aborts the handler’s signal when the deadline passes, and answers 504 for a deadline error', async () => {
    let reason: unknown;
    const s = await serve(
      withDeadline(
        async () => {
          const signal = currentContext().signal as AbortSignal;
          await untilAborted(signal);
          reason = signal.reason;
          throw signal.reason;
        },
        { clock },
      ),
    );
    const response = await fetch(s.url, { headers: { 'x-request-timeout': '30' } });
    expect(response.status).toBe(504);
    await response.arrayBuffer();
    expect(reason).toMatchObject({ code: 'ERR_DEADLINE_EXCEEDED' });
  });

  it('answers 500 for other failures, and closes a response that had started', async () => {
    const s = await serve(
      withDeadline((req, res) => {
        if (req.url === '/sync') throw new Error('boom');
        if (req.url === '/started') {
          // A declared length, so the client can tell a cut-off body from a complete one.
          res.setHeader('content-length', '100');
          res.write('half');
          return Promise.reject(new Error('boom'));
        }
        return Promise.reject(new Error('boom'));
      }),
    );
    const sync = await fetch(`${s.url}/sync`);
    expect([sync.status, await sync.text()]).toEqual([500, 'internal server error']);
    const async = await fetch(`${s.url}/async`);
    expect(async.status).toBe(500);
    await async.arrayBuffer();
    const started = await fetch(`${s.url}/started`);
    await expect(started.text()).rejects.toThrow();
  });

  it('releases the deadline timer when the response is done', async () => {
    const done = deferred<undefined>();
    const s = await serve(
      withDeadline(
        (_req, res) => {
          void closed(res).then(() => {
            done.resolve(undefined);
          });
          res.end();
        },
        { clock },
      ),
    );
    await (await fetch(s.url, { headers: { 'x-request-timeout': '60000' } })).arrayBuffer();
    await done.promise;
    expect(clock.pending).toBe(0);
  });
});

describe('deadlineMiddleware (express)', () => {
  function app(handler: express.RequestHandler): RequestListener {
    const a = express();
    a.use(deadlineMiddleware({ clock }));
    a.get('/', handler);
    return a;
  }

  it('gives later handlers the ambient deadline and priority, across awaits', async () => {
    let seen: Seen | undefined;
    const s = await serve(
      app(async (_req, res) => {
        await new Promise((r) => setTimeout(r, 1));
        seen = observe();
        res.send('ok');
      }),
    );
    const response = await fetch(s.url, { headers: { 'X-Request-Timeout': '900', 'X-Request-Priority': 'low' } });
    expect(await response.text()).toBe('ok');
    expect(seen?.remaining).toBeLessThanOrEqual(900);
    expect(seen?.priority).toBe('low');
  });

  it('answers 504 to a spent budget without running the handler', async () => {
    let ran = false;
    const s = await serve(
      app((_req, res) => {
        ran = true;
        res.send('ran');
      }),
    );
    const response = await fetch(s.url, { headers: { 'x-request-timeout': '0' } });
    expect(response.status).toBe(504);
    await response.arrayBuffer();
    expect(ran).toBe(false);
  });

  it('lets execute inside the handler stop at the caller’s deadline', async () => {
    let error: unknown;
    const s = await serve(
      app(async (_req, res) => {
        error = await execute(async ({ signal }) => {
          await untilAborted(signal);
          throw signal.reason;
        }, { baseDelay: 1 }).catch((e: unknown) => e);
        res.status(504).end();
      }),
    );
    const response = await fetch(s.url, { headers: { 'x-request-timeout': '40' } });
    expect(response.status).toBe(504);
    expect(error).toMatchObject({ code: 'ERR_DEADLINE_EXCEEDED' });
  });
});

describe('deadline propagation across hops', () => {
  it('the downstream service receives a smaller budget than the one sent upstream', async () => {
    const received: string[] = [];
    const downstream = await serve((req, res) => {
      received.push(String(req.headers['x-request-timeout']));
      received.push(String(req.headers['x-request-priority']));
      res.end('data');
    });
    const upstreamFetch = createFetch({ clock, baseDelay: 1 });
    const gateway = await serve(
      withDeadline(
        async (_req, res) => {
          const r = await upstreamFetch(`${downstream.url}/data`);
          res.end(`gateway got ${await r.text()}`);
        },
        { clock },
      ),
    );
    const response = await fetch(gateway.url, { headers: { 'x-request-timeout': '1000', 'x-request-priority': 'critical' } });
    expect(await response.text()).toBe('gateway got data');
    const [budget, priority] = received;
    expect(Number(budget)).toBeLessThan(1000);
    expect(Number(budget)).toBeGreaterThan(0);
    expect(priority).toBe('critical');
  });

  it('a gateway that gives up abandons the downstream request (no zombie work)', async () => {
    const downstreamClosed = deferred<{ finished: boolean }>();
    const downstream = await serve(
      withDeadline(
        (_req, res) => {
          void closed(res).then(downstreamClosed.resolve);
        },
        { clock },
      ),
    );
    const f = createFetch({ clock, maxAttempts: 1 });
    const gateway = await serve(
      withDeadline(
        async (_req, res) => {
          await f(downstream.url);
          res.end('unreachable');
        },
        { clock },
      ),
    );
    // Generous: the gateway must reach the dependency before giving up, even on a loaded machine.
    const response = await fetch(gateway.url, { headers: { 'x-request-timeout': '300' } });
    expect(response.status).toBe(504);
    await response.arrayBuffer();
    expect(await downstreamClosed.promise).toEqual({ finished: false });
  });
});
