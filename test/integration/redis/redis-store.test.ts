// resile/redis against a real redis-server, through every supported client: sharing, hostile
// names, TTLs, lost scripts, and whose clock the bucket runs on.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisStore } from '../../../src/adapters/redis/index.js';
import { systemClock, type Clock } from '../../../src/core/clock.js';
import { CircuitBreaker, KeyedRateLimiter, RateLimiter, RetryBudget, type Instrumenter, type Store } from '../../../src/index.js';
import { CLIENTS, connect, describeRedis, useRedisServer, type TestClient } from '../../helpers/redis-suite.js';

function skewed(offset: number): Clock {
  return { now: () => systemClock.now() + offset, setTimer: (ms, fn) => systemClock.setTimer(ms, fn) };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describeRedis('redisStore on a real Redis', () => {
  const server = useRedisServer();
  let admin: Redis;
  beforeAll(() => {
    admin = new Redis(server().port, '127.0.0.1');
  });
  afterAll(() => {
    admin.disconnect();
  });

  describe.each(CLIENTS)('via %s', (kind) => {
    let c: TestClient;
    beforeAll(async () => {
      c = await connect(kind, server().port);
    });
    afterAll(async () => {
      await c.close();
    });
    const prefix = kind.replace(/\s/g, '-');

    it('shares one bucket between limiters, with a retryAfter within one token interval', async () => {
      const store = redisStore(c.client as never, { prefix, storeTimeout: 2000 });
      const a = new RateLimiter({ limit: 10, interval: 1000, burst: 5, name: 'shared', store });
      const b = new RateLimiter({ limit: 10, interval: 1000, burst: 5, name: 'shared', store });
      const decisions = await Promise.all([...Array(5).keys()].map(() => a.tryAcquire()));
      expect(decisions).toEqual([true, true, true, true, true]);
      const refused = await b.execute(() => 'x').catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'ERR_RATE_LIMIT_EXCEEDED' });
      const retryAfter = (refused as { retryAfter: number }).retryAfter;
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(100);
    });

    it('survives hostile names and keys: bounded, escaped, and every key expires', async () => {
      const store = redisStore(c.client as never, { prefix: `${prefix}-hostile`, storeTimeout: 2000, flushInterval: 0 });
      const name = `hostile{}:\u0000${'n'.repeat(300)}`;
      const limiter = new KeyedRateLimiter({ limit: 1, interval: 60_000, name, store, maxKeys: 50 });
      const keys = ['}', '{', '', ':', '%', '~', '\uD800', '\r\n', 'k'.repeat(256), '😀'.repeat(100), ...[...Array(200).keys()].map(String)];
      for (const key of keys) expect(await limiter.tryAcquire(key)).toBe(true);
      for (const key of keys.slice(0, 10)) expect(await limiter.tryAcquire(key)).toBe(false);
      expect(limiter.size).toBeLessThanOrEqual(50);
      const budget = new RetryBudget({ name, store, capacity: 10 });
      expect(await budget.tryRetry()).toBe(true);
      const breaker = new CircuitBreaker({ name, store });
      await breaker.execute(() => 'ok');
      await breaker.sync();
      const stored = await admin.keys(`{${prefix}-hostile:*`);
      expect(stored.length).toBe(keys.length + 2);
      for (const key of stored) {
        expect(Buffer.byteLength(key)).toBeLessThanOrEqual(300);
        expect(await admin.pttl(key)).toBeGreaterThan(0);
      }
    });

    it('heals damaged or foreign values under its keys instead of failing', async () => {
      const events: string[] = [];
      const instrumenter: Instrumenter = { onStoreUnavailable: () => events.push('down') };
      const p = `${prefix}-damaged`;
      const store = redisStore(c.client as never, { prefix: p, storeTimeout: 2000, flushInterval: 0, instrumenter });
      const limiter = new RateLimiter({ limit: 10, interval: 1000, name: 'x', store });
      const budget = new RetryBudget({ name: 'x', store, capacity: 10 });
      const breaker = new CircuitBreaker({ name: 'x', store, failureThreshold: 2 });
      for (const damage of ['nan', 'inf', '-1', Buffer.alloc(16, 0xff), Buffer.from([0, 0, 0, 0, 0, 0, 0xf0, 0x7f, 0, 0, 0, 0, 0, 0, 0xf8, 0x7f])]) {
        await admin.set(`{${p}:rl:x}`, damage);
        await admin.set(`{${p}:rb:x}`, damage);
        await admin.del(`{${p}:cb:x}`);
        await admin.hset(`{${p}:cb:x}`, { p: 'weird', e: String(damage), u: 'nan', r: 'nan', l: 'inf', k: 'consecutive', w: 'nan' });
        expect(await limiter.tryAcquire()).toBe(true);
        expect(await budget.tryRetry()).toBe(true);
        expect(await breaker.sync()).toBe('closed');
        for (let i = 0; i < 2; i++) await breaker.execute(() => Promise.reject(new Error('x'))).catch(() => undefined);
        expect(await breaker.sync()).toBe('open');
        breaker.reset();
      }
      expect(events).toEqual([]);
    });

    it('recovers from SCRIPT FLUSH at once, without an outage', async () => {
      const events: string[] = [];
      const instrumenter: Instrumenter = { onStoreUnavailable: () => events.push('down'), onStoreRecovered: () => events.push('up') };
      const store = redisStore(c.client as never, { prefix, storeTimeout: 2000, instrumenter });
      const limiter = new RateLimiter({ limit: 1000, interval: 1000, name: 'flush', store });
      const budget = new RetryBudget({ name: 'flush', store });
      const breaker = new CircuitBreaker({ name: 'flush', store });
      for (let round = 0; round < 3; round++) {
        expect(await limiter.tryAcquire()).toBe(true);
        expect(await budget.tryRetry()).toBe(true);
        expect(await breaker.sync()).toBe('closed');
        await admin.script('FLUSH');
      }
      expect(events).toEqual([]);
    });
  });

  describe('whose clock the bucket uses (processes whose clocks are 60 s apart)', () => {
    let c: TestClient;
    beforeAll(async () => {
      c = await connect('ioredis', server().port);
    });
    afterAll(async () => {
      await c.close();
    });
    const pair = (clock: 'redis' | 'local', name: string): [RateLimiter<Store>, RateLimiter<Store>] => {
      const store = redisStore(c.client as never, { prefix: 'skew', clock, storeTimeout: 2000 });
      const make = (offset: number): RateLimiter<Store> =>
        new RateLimiter({ limit: 20, interval: 1000, burst: 2, name, store, clock: skewed(offset) });
      return [make(60_000), make(-60_000)];
    };

    it("'redis' (the default): skew changes nothing, the refill runs on Redis TIME", async () => {
      const [ahead, behind] = pair('redis', 'redis-time');
      expect([await ahead.tryAcquire(), await ahead.tryAcquire(), await behind.tryAcquire()]).toEqual([true, true, false]);
      await sleep(120); // more than one token's 50 ms
      expect(await behind.tryAcquire()).toBe(true);
    });

    it("'local': the fastest clock holds the refill back for the others, but never admits more", async () => {
      const [ahead, behind] = pair('local', 'local-time');
      expect([await ahead.tryAcquire(), await ahead.tryAcquire()]).toEqual([true, true]);
      await sleep(120);
      // The bucket was last updated 60 s in `behind`'s future: for it no time has passed yet.
      expect(await behind.tryAcquire()).toBe(false);
      expect(await ahead.tryAcquire()).toBe(true);
    });
  });
});
