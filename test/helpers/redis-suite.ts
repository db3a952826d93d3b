// Integration suites against a real redis-server: each test file starts its own on a free
// loopback port and stops it after. Without the binary the suites are skipped loudly, except in
// CI, where that is an error (.ci/run installs redis-server).
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { createClient as createClientV4 } from 'redis-v4';
import { afterAll, beforeAll, describe } from 'vitest';
import { hasRedisServer, startRedisServer, type RedisServer } from './redis-server.js';

const available = hasRedisServer();
if (!available) {
  if (process.env.CI !== undefined) throw new Error('redis-server is not installed, and CI requires the Redis integration tests');
  console.warn('\n!!! redis-server not found: SKIPPING the Redis integration tests (install redis-server to run them) !!!\n');
}

/** `describe`, or `describe.skip` without a redis-server binary. */
export function describeRedis(name: string, body: () => void): void {
  describe.skipIf(!available)(name, body);
}

/** Starts a redis-server for the calling file (in `beforeAll`) and stops it after. */
export function useRedisServer(): () => RedisServer {
  let server: RedisServer | undefined;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (server === undefined) throw new Error('redis-server not started');
    return server;
  };
}

/** A client that reconnects quickly and never crashes the test on a dropped connection. */
export interface TestClient {
  readonly label: string;
  readonly client: unknown;
  close(): Promise<void>;
}

/** The clients resile supports: ioredis, node-redis (latest) and node-redis v4. */
export const CLIENTS = ['ioredis', 'node-redis', 'node-redis v4'] as const;

/** Connects a client of kind `kind` to `port`. */
export async function connect(kind: (typeof CLIENTS)[number], port: number): Promise<TestClient> {
  const ignore = (): void => undefined;
  if (kind === 'ioredis') {
    const client = new Redis({ port, host: '127.0.0.1', retryStrategy: () => 50, lazyConnect: true });
    client.on('error', ignore);
    await client.connect();
    return { label: kind, client, close: () => Promise.resolve(client.disconnect()) };
  }
  const options = { socket: { port, host: '127.0.0.1', reconnectStrategy: () => 50 } };
  const client = kind === 'node-redis' ? createClient(options) : createClientV4(options);
  client.on('error', ignore);
  await client.connect();
  return {
    label: kind,
    client,
    close: async () => {
      try {
        // node-redis 5+ calls it destroy(); v4 only has disconnect().
        if ('destroy' in client) client.destroy();
        else await (client as { disconnect(): Promise<void> }).disconnect();
      } catch {
        // already closed
      }
    },
  };
}
