// Real loopback HTTP servers for integration tests, with the bookkeeping the leak checks need:
// every socket that carried a request is tracked, and every response says `connection: close`,
// so a client that has released a response has also closed its socket (an unread body keeps it
// open). Sockets that never carry a request are not counted: Node's fetch (undici) opens a spare
// idle connection after an aborted request, with plain `fetch` too; its pool closes it later and
// `close()` here closes it at once.
import { afterEach, beforeEach, expect } from 'vitest';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { systemClock, type Clock, type TimerHandle } from '../../src/core/clock.js';

/** A server listening on 127.0.0.1 and an ephemeral port. */
export interface TestServer {
  readonly server: Server;
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Requests received so far. */
  readonly hits: number;
  /** Sockets that carried a request and are still open. */
  readonly connections: number;
  /** Fails unless every socket that carried a request closes within `ms` (real time). */
  expectNoConnections(ms?: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts `listener` on a free loopback port. */
export async function startServer(listener: RequestListener): Promise<TestServer> {
  const sockets = new Set<Socket>();
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    const socket = req.socket;
    if (!socket.destroyed && !sockets.has(socket)) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    }
    res.setHeader('connection', 'close');
    listener(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${String(port)}`;
  return {
    server,
    url,
    get hits() {
      return hits;
    },
    get connections() {
      return sockets.size;
    },
    async expectNoConnections(ms = 3000) {
      const until = Date.now() + ms;
      while (sockets.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
      if (sockets.size > 0) throw new Error(`${String(sockets.size)} connection(s) still open on ${url}`);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => {
        server.close((e) => {
          if (e) reject(e);
          else resolve();
        });
      });
    },
  };
}

/** Resolves when the response closes; `finished` tells whether it was completed or cut off. */
export function closed(res: ServerResponse): Promise<{ finished: boolean }> {
  return new Promise((resolve) => {
    res.once('close', () => {
      resolve({ finished: res.writableFinished });
    });
  });
}

/** Reads a request body as text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The system clock, counting its pending timers. */
export type CountingClock = Clock & { readonly pending: number };

/** The system clock, counting timers still pending (to prove none is left behind). */
export function countingClock(): CountingClock {
  const live = new Set<object>();
  return {
    now: () => systemClock.now(),
    setTimer(ms: number, fn: () => void): TimerHandle {
      const token = {};
      live.add(token);
      const handle = systemClock.setTimer(ms, () => {
        live.delete(token);
        fn();
      });
      return {
        cancel() {
          live.delete(token);
          handle.cancel();
        },
      };
    },
    get pending() {
      return live.size;
    },
  };
}

/** Open TCP handles of this process (sockets and servers), for before/after comparisons. */
export function tcpHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length;
}

/** Polls `check` in real time until it holds, failing after `ms`. */
export async function eventually(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

/**
 * Loopback servers for the tests of one file, and a counting clock to give the code under test.
 * After every test: no socket that carried a request is left open, the servers are closed, no
 * timer of the clock is pending and the process has no more TCP handles than before the test.
 */
export function useLoopback(): { readonly serve: (listener: RequestListener) => Promise<TestServer>; readonly clock: CountingClock } {
  const servers: TestServer[] = [];
  const clock = countingClock();
  let handlesBefore = 0;
  beforeEach(() => {
    handlesBefore = tcpHandles();
  });
  afterEach(async () => {
    for (const server of servers) await server.expectNoConnections();
    for (const server of servers.splice(0)) await server.close();
    await eventually(() => clock.pending === 0, 'timers to be released');
    await eventually(() => tcpHandles() <= handlesBefore, 'TCP handles to close');
    expect(clock.pending).toBe(0);
  });
  return {
    serve: async (listener) => {
      const server = await startServer(listener);
      servers.push(server);
      return server;
    },
    clock,
  };
}
