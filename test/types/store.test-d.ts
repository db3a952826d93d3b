import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { createClient as createClientV4 } from 'redis-v4';
import { describe, expectTypeOf, it } from 'vitest';
import { redisStore } from '../../src/adapters/redis/index.js';
import { CircuitBreaker, KeyedRateLimiter, RateLimiter, RetryBudget, execute, memoryStore, type Store } from '../../src/index.js';

describe('types with a store', () => {
  it('tryAcquire and tryRetry answer at once without a store and with a promise with one', () => {
    const store = memoryStore();
    expectTypeOf(new RateLimiter({ limit: 1, interval: 1 }).tryAcquire()).toEqualTypeOf<boolean>();
    expectTypeOf(new RateLimiter({ limit: 1, interval: 1, name: 'x', store }).tryAcquire()).toEqualTypeOf<Promise<boolean>>();
    expectTypeOf(new KeyedRateLimiter({ limit: 1, interval: 1 }).tryAcquire('k')).toEqualTypeOf<boolean>();
    expectTypeOf(new KeyedRateLimiter({ limit: 1, interval: 1, name: 'x', store }).tryAcquire('k')).toEqualTypeOf<Promise<boolean>>();
    expectTypeOf(new RetryBudget().tryRetry()).toEqualTypeOf<boolean>();
    expectTypeOf(new RetryBudget({ name: 'x', store }).tryRetry()).toEqualTypeOf<Promise<boolean>>();
  });

  it('shared blocks plug into execute like private ones', () => {
    const store: Store = memoryStore();
    const rateLimiter = new RateLimiter({ limit: 1, interval: 1, name: 'x', store });
    const retryBudget = new RetryBudget({ name: 'x', store });
    const circuitBreaker = new CircuitBreaker({ name: 'x', store });
    expectTypeOf(execute(() => 1, { rateLimiter, retryBudget, circuitBreaker })).toEqualTypeOf<Promise<number>>();
  });

  it('redisStore takes ioredis and node-redis clients as they are', () => {
    expectTypeOf(redisStore(new Redis({ lazyConnect: true }))).toEqualTypeOf<Store>();
    expectTypeOf(redisStore(createClient())).toEqualTypeOf<Store>();
    expectTypeOf(redisStore(createClientV4())).toEqualTypeOf<Store>();
    // @ts-expect-error not a Redis client
    redisStore({ get: () => undefined });
  });
});
