import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateLimitExceededError } from '../core/errors/rate-limit-exceeded-error.js';
import { trackedSignal } from '../testing/tracked-signal.js';
import { VirtualClock } from '../testing/virtual-clock.js';
import { useClock } from '../../test/helpers/clock.js';
import { KeyedRateLimiter } from './keyed-rate-limiter.js';

describe('KeyedRateLimiter validation', () => {
  const make = (extra: object = {}): KeyedRateLimiter => new KeyedRateLimiter({ limit: 2, interval: 1000, clock: useClock(), ...extra });
  it.each([
    [() => make({ maxKeys: 0 }), RangeError, 'KeyedRateLimiter: maxKeys must be a positive integer (got 0)'],
    [() => make({ maxKeys: '5' }), TypeError, 'KeyedRateLimiter: maxKeys must be a positive integer (got "5")'],
    [() => make({ burst: 0 }), RangeError, 'KeyedRateLimiter: burst must be a positive integer (got 0)'],
    [() => make().tryAcquire(42 as never), TypeError, 'KeyedRateLimiter.tryAcquire: key must be a string (got 42)'],
    [() => make().tryAcquire('k'.repeat(257)), RangeError, `KeyedRateLimiter.tryAcquire: key must be at most 256 characters long (got "${'k'.repeat(40)}…")`],
    [() => make().tryAcquire('k', 3), RangeError, 'KeyedRateLimiter.tryAcquire: n must be at most burst (2) (got 3)'],
  ])('%#: rejects invalid options with an exact message', (build, type, message) => {
    expect(build).toThrow(type);
    expect(build).toThrow(message);
  });

  it('acquire reports invalid arguments as a rejection', async () => {
    await expect(make().acquire(undefined as never)).rejects.toThrow('KeyedRateLimiter.acquire: key must be a string (got undefined)');
  });
});

describe('KeyedRateLimiter', () => {
  it('keeps one bucket per key', async () => {
    const clock = useClock();
    const rl = new KeyedRateLimiter({ limit: 2, interval: 1000, clock });
    expect([rl.tryAcquire('a'), rl.tryAcquire('a'), rl.tryAcquire('a')]).toEqual([true, true, false]);
    expect(rl.tryAcquire('b', 2)).toBe(true);
    expect(rl.size).toBe(2);
    await clock.advance(500);
    expect([rl.tryAcquire('a'), rl.tryAcquire('b'), rl.tryAcquire('b')]).toEqual([true, true, false]);
  });

  it('acquire waits per key and honours abort without leaking listeners or timers', async () => {
    const clock = useClock();
    const rl = new KeyedRateLimiter({ limit: 1, interval: 100, clock });
    expect(rl.tryAcquire('a')).toBe(true);
    const tracked = trackedSignal();
    const waiting = rl.acquire('a', 1, tracked.signal);
    expect(await rl.acquire('b').then(() => 'b at once')).toBe('b at once');
    tracked.controller.abort(new Error('bye'));
    await expect(waiting).rejects.toThrow('bye');
    expect(tracked.listeners).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    const ok = rl.acquire('a', 1);
    await clock.advance(100);
    await ok;
  });

  it('evicts a full idle bucket before the least recently used one', async () => {
    const clock = useClock();
    const rl = new KeyedRateLimiter({ limit: 1, interval: 1000, burst: 2, maxKeys: 2, clock });
    expect(rl.tryAcquire('a', 2)).toBe(true); // least recently used; full again only at +2000
    await clock.advance(10);
    expect(rl.tryAcquire('b')).toBe(true); // full again at +1010
    await clock.advance(1490);
    expect(rl.tryAcquire('c')).toBe(true);
    expect(rl.size).toBe(2);
    // 'a' kept its state (1.5 tokens): it was not the one evicted.
    expect(rl.tryAcquire('a', 2)).toBe(false);
    expect(rl.tryAcquire('a', 1)).toBe(true);
  });

  it('refuses a new key when every bucket has callers waiting', async () => {
    const clock = useClock();
    const rl = new KeyedRateLimiter({ limit: 1, interval: 100, maxKeys: 1, clock });
    rl.tryAcquire('a');
    const waiting = rl.acquire('a');
    expect(rl.tryAcquire('b')).toBe(false);
    const error = await rl.acquire('b').then(undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitExceededError);
    expect((error as Error).message).toBe('rate limit exceeded: all 1 keys have callers waiting');
    await clock.advance(100);
    await waiting;
  });

  it('never holds more than maxKeys buckets under hostile key cardinality (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.tuple(fc.string({ maxLength: 4 }), fc.nat(50)), { maxLength: 300 }), (maxKeys, requests) => {
        const clock = new VirtualClock();
        const rl = new KeyedRateLimiter({ limit: 3, interval: 100, maxKeys, clock });
        let t = clock.now();
        for (const [key, gap] of requests) {
          t += gap;
          void clock.advanceTo(t);
          rl.tryAcquire(key);
          expect(rl.size).toBeLessThanOrEqual(maxKeys);
        }
      }),
    );
  });
});
