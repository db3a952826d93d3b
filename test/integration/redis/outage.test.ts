// Killing redis-server mid-run and starting it again: calls never throw or hang because of it,
// blocks continue on local state, one event marks the outage and one the recovery, and no
// rejection of the dead connection goes unhandled.
import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { redisStore } from '../../../src/adapters/redis/index.js';
import { systemClock } from '../../../src/core/clock.js';
import { CircuitBreaker, RateLimiter, RetryBudget, StoreUnavailableError, execute, type Instrumenter } from '../../../src/index.js';
import { trackUnhandled } from '../../helpers/unhandled.js';
import { connect, describeRedis, useRedisServer } from '../../helpers/redis-suite.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!condition() && Date.now() < end) await sleep(20);
}

describeRedis('redis-server killed and restarted mid-run', () => {
  const server = useRedisServer();
  const unhandled = trackUnhandled();

  it.each(['ioredis', 'node-redis'] as const)('via %s: no throw, local mode, one event each way, recovery', async (kind) => {
    const c = await connect(kind, server().port);
    const events: string[] = [];
    const instrumenter: Instrumenter = { onStoreUnavailable: () => events.push('down'), onStoreRecovered: () => events.push('up') };
    const store = redisStore(c.client as never, { prefix: kind, instrumenter, storeTimeout: 50, flushInterval: 50, recheckInterval: 100 });
    const strict = redisStore(c.client as never, { prefix: kind, onStoreError: 'deny', storeTimeout: 50, recheckInterval: 100 });
    const rateLimiter = new RateLimiter({ limit: 100_000, interval: 1000, name: 'api', store });
    const retryBudget = new RetryBudget({ name: 'api', store });
    const circuitBreaker = new CircuitBreaker({ name: 'api', store });
    const denying = new RateLimiter({ limit: 100_000, interval: 1000, name: 'strict', store: strict });

    let running = true;
    let calls = 0;
    let slowest = 0;
    const failures: unknown[] = [];
    const load = (async () => {
      while (running) {
        const started = systemClock.now();
        try {
          await execute(() => 'ok', { rateLimiter, retryBudget, circuitBreaker, maxAttempts: 2 });
          calls++;
        } catch (error) {
          failures.push(error);
        }
        slowest = Math.max(slowest, systemClock.now() - started);
        await sleep(2);
      }
    })();

    await sleep(150);
    await server().kill();
    const callsAtKill = calls;
    await sleep(400);
    expect(events).toEqual(['down']);
    expect(calls).toBeGreaterThan(callsAtKill); // still serving, on local state
    expect(await denying.tryAcquire()).toBe(false);
    await expect(denying.execute(() => 'x')).rejects.toBeInstanceOf(StoreUnavailableError);

    await server().start();
    await until(() => events.length === 2, 5000);
    expect(events).toEqual(['down', 'up']);
    await sleep(100);
    running = false;
    await load;

    expect(failures).toEqual([]);
    expect(slowest).toBeLessThan(1000); // each call waited at most storeTimeout on Redis (generous bound)
    const fresh = new Redis(server().port, '127.0.0.1');
    expect(await fresh.exists(`{${kind}:rl:api}`)).toBe(1); // decisions are made in Redis again
    fresh.disconnect();
    await c.close();
    expect(unhandled.reasons).toEqual([]);
  });
});
