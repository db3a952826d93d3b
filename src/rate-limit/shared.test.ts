import { describe, expect, it } from 'vitest';
import { settle, useClock } from '../../test/helpers/clock.js';
import { switchableStore } from '../../test/helpers/stores.js';
import { trackedSignal } from '../testing/tracked-signal.js';
import { RateLimitExceededError } from '../core/errors/rate-limit-exceeded-error.js';
import { StoreUnavailableError } from '../core/errors/store-unavailable-error.js';
import { execute } from '../policy/execute.js';
import { memoryStore } from '../store/memory-store.js';
import type { Store, StoreErrorMode } from '../store/store.js';
import { KeyedRateLimiter } from './keyed-rate-limiter.js';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter with a store', () => {
  it('shares one bucket between limiters of the same name, with the exact retryAfter', async () => {
    const clock = useClock();
    const store = memoryStore();
    const a = new RateLimiter({ limit: 10, interval: 1000, burst: 2, name: 'quota', clock, store });
    const b = new RateLimiter({ limit: 10, interval: 1000, burst: 2, name: 'quota', clock, store });
    const other = new RateLimiter({ limit: 10, interval: 1000, burst: 2, name: 'other', clock, store });
    const answer = a.tryAcquire();
    expect(answer).toBeInstanceOf(Promise);
    expect(await answer).toBe(true);
    expect(await b.tryAcquire()).toBe(true);
    expect(await a.tryAcquire()).toBe(false);
    expect(await other.tryAcquire()).toBe(true);
    await clock.advance(30);
    const refused = await settle(clock, execute(() => 'x', { clock, rateLimiter: b }));
    expect(refused.ok).toBe(false);
    const error = (refused as { error: RateLimitExceededError }).error;
    expect(error).toBeInstanceOf(RateLimitExceededError);
    expect(error.retryAfter).toBeCloseTo(70, 9);
    expect(b.tokens).toBeCloseTo(0.3, 9);
    await clock.advance(70);
    await expect(settle(clock, execute(() => 'x', { clock, rateLimiter: b }))).resolves.toEqual({ ok: true, value: 'x' });
  });

  it('acquire waits in FIFO order, asking the store again after the exact wait, and honours abort', async () => {
    const clock = useClock();
    const store = memoryStore();
    const a = new RateLimiter({ limit: 10, interval: 1000, burst: 1, name: 'q', clock, store });
    expect(await a.tryAcquire()).toBe(true);
    const order: string[] = [];
    const controller = new AbortController();
    const first = a.acquire(1).then(() => order.push(`first@${String(clock.now() % 10_000)}`));
    const aborted = a.acquire(1, controller.signal).catch((e: unknown) => order.push(`aborted:${String(e)}`));
    const third = a.acquire(1).then(() => order.push(`third@${String(clock.now() % 10_000)}`));
    expect(await a.tryAcquire()).toBe(false); // waiters go first
    await clock.advance(50);
    controller.abort('gone');
    await clock.runAll();
    await Promise.all([first, aborted, third]);
    expect(order).toEqual(['aborted:gone', 'first@100', 'third@200']);
  });

  it('leaves no abort listener behind, granted or aborted', async () => {
    const clock = useClock();
    const limiter = new RateLimiter({ limit: 10, interval: 1000, burst: 1, name: 'q', clock, store: memoryStore() });
    const granted = trackedSignal();
    const aborted = trackedSignal();
    await limiter.acquire(1, granted.signal);
    const waiting = limiter.acquire(1, aborted.signal).catch(() => 'aborted');
    expect(aborted.listeners).toBe(1);
    aborted.abort();
    expect(await waiting).toBe('aborted');
    expect([granted.listeners, aborted.listeners]).toEqual([0, 0]);
    await clock.runAll();
  });

  it('serves acquires made one after another (each after the previous resolved)', async () => {
    const clock = useClock();
    const limiter = new RateLimiter({ limit: 10, interval: 1000, burst: 2, name: 'q', clock, store: memoryStore() });
    const start = clock.now();
    const times: number[] = [];
    const loop = (async () => {
      for (let i = 0; i < 5; i++) {
        await limiter.acquire();
        times.push(clock.now() - start);
      }
    })();
    await clock.runAll();
    await loop;
    expect(times).toEqual([0, 0, 100, 200, 300]);
  });

  it.each<[StoreErrorMode, boolean[], string]>([
    ['local', [true, true, false], 'RateLimitExceededError'],
    ['allow', [true, true, true], 'ok'],
    ['deny', [false, false, false], 'StoreUnavailableError'],
  ])('store down, onStoreError %s', async (mode, decisions, executeOutcome) => {
    const clock = useClock();
    const store = switchableStore(memoryStore(), mode);
    const limiter = new RateLimiter({ limit: 1, interval: 1000, burst: 2, name: 'q', clock, store });
    store.down = true;
    const seen = [await limiter.tryAcquire(), await limiter.tryAcquire(), await limiter.tryAcquire()];
    expect(seen).toEqual(decisions);
    const out = await settle(clock, execute(() => 'ok', { clock, rateLimiter: limiter }));
    expect(out.ok ? 'ok' : (out.error as Error).name).toBe(executeOutcome);
    if (mode === 'deny') await expect(limiter.acquire(1)).rejects.toBeInstanceOf(StoreUnavailableError);
    store.down = false;
    expect(await limiter.tryAcquire()).toBe(true); // the shared bucket was never touched
  });

  it('requires a name with a store', () => {
    expect(() => new RateLimiter({ limit: 1, interval: 1, store: memoryStore() })).toThrow(
      'RateLimiter: name must be a non-empty string when store is set (it names the shared state) (got undefined)',
    );
    expect(() => new KeyedRateLimiter({ limit: 1, interval: 1, name: 'k', store: 'redis' as never })).toThrow(
      new TypeError('KeyedRateLimiter: store must be a Store (redisStore(...) or memoryStore()) (got "redis")'),
    );
  });
});

describe('KeyedRateLimiter with a store', () => {
  it('shares each key between limiters of the same name, keys apart, holding at most maxKeys here', async () => {
    const clock = useClock();
    const store: Store = memoryStore();
    const make = (): KeyedRateLimiter<Store> => new KeyedRateLimiter({ limit: 1, interval: 1000, maxKeys: 2, name: 'per-user', clock, store });
    const a = make();
    const b = make();
    expect(await a.tryAcquire('alice')).toBe(true);
    expect(await b.tryAcquire('alice')).toBe(false);
    expect(await b.tryAcquire('bob')).toBe(true);
    for (const key of ['carol', 'dave', 'erin', '{hostile}:key\u0000']) expect(await a.tryAcquire(key)).toBe(true);
    expect(a.size).toBe(2);
    expect(await a.tryAcquire('alice')).toBe(false); // still in the store, though evicted here
    const waited = a.acquire('alice', 1);
    await clock.runAll();
    await expect(waited).resolves.toBeUndefined();
  });
});
