import { describe, expect, it } from 'vitest';
import { RateLimitExceededError } from '../core/errors/rate-limit-exceeded-error.js';
import type { HealthChangeEvent, RateLimitExceededEvent } from '../core/telemetry/events.js';
import { trackedSignal } from '../testing/tracked-signal.js';
import { useClock } from '../../test/helpers/clock.js';
import { RateLimiter, rateLimit } from './rate-limiter.js';

describe('RateLimiter validation', () => {
  it.each([
    [() => new RateLimiter(undefined as never), TypeError, 'RateLimiter: options must be an object with limit and interval (got undefined)'],
    [() => new RateLimiter({ limit: 0, interval: 1000 }), RangeError, 'RateLimiter: limit must be a positive integer (got 0)'],
    [() => new RateLimiter({ limit: 2.5, interval: 1000 }), RangeError, 'RateLimiter: limit must be a positive integer (got 2.5)'],
    [() => new RateLimiter({ limit: 10 } as never), TypeError, 'RateLimiter: interval must be a positive finite number of milliseconds (got undefined)'],
    [() => new RateLimiter({ limit: 10, interval: 0 }), RangeError, 'RateLimiter: interval must be a positive finite number of milliseconds (got 0)'],
    [() => new RateLimiter({ limit: 10, interval: 1000, burst: 0 }), RangeError, 'RateLimiter: burst must be a positive integer (got 0)'],
    [() => new RateLimiter({ limit: 10, interval: 1000, burst: 0.5 }), RangeError, 'RateLimiter: burst must be a positive integer (got 0.5)'],
    [() => new RateLimiter({ limit: 10, interval: 1000, name: 3 as never }), TypeError, 'RateLimiter: name must be a string (got 3)'],
    [() => new RateLimiter({ limit: 2, interval: 1000 }).tryAcquire(3), RangeError, 'RateLimiter.tryAcquire: n must be at most burst (2) (got 3)'],
    [() => new RateLimiter({ limit: 2, interval: 1000 }).tryAcquire(0), RangeError, 'RateLimiter.tryAcquire: n must be a positive integer (got 0)'],
    [() => rateLimit({} as never), TypeError, 'rateLimit: rl must be a RateLimiter (got an object)'],
  ])('%#: rejects invalid options with an exact message', (build, type, message) => {
    expect(build).toThrow(type);
    expect(build).toThrow(message);
  });

  it('acquire reports invalid arguments as a rejection', async () => {
    const rl = new RateLimiter({ limit: 2, interval: 1000, clock: useClock() });
    await expect(rl.acquire(5)).rejects.toThrow('RateLimiter.acquire: n must be at most burst (2) (got 5)');
    await expect(rl.acquire(1, 'x' as never)).rejects.toThrow('RateLimiter.acquire: signal must be an AbortSignal (got "x")');
  });
});

describe('RateLimiter', () => {
  it('tryAcquire spends tokens, then refills continuously', async () => {
    const clock = useClock();
    const rl = new RateLimiter({ limit: 10, interval: 1000, burst: 2, clock });
    expect([rl.tryAcquire(), rl.tryAcquire(), rl.tryAcquire()]).toEqual([true, true, false]);
    await clock.advance(99);
    expect(rl.tryAcquire()).toBe(false);
    await clock.advance(1);
    expect(rl.tryAcquire()).toBe(true);
    await clock.advance(10_000);
    expect(rl.tokens).toBe(2);
    expect(rl.tryAcquire(2)).toBe(true);
  });

  it('fails fast inside execute with the exact retryAfter and reports the event', async () => {
    const clock = useClock();
    const events: RateLimitExceededEvent[] = [];
    const rl = new RateLimiter({ limit: 4, interval: 1000, clock, name: 'quota', instrumenter: { onRateLimitExceeded: (e) => events.push(e) } });
    for (let i = 0; i < 4; i++) expect(await rl.execute(() => i)).toBe(i);
    await clock.advance(100);
    const error = await rl.execute(() => 'x').then(undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitExceededError);
    expect((error as RateLimitExceededError).retryAfter).toBeCloseTo(150, 9);
    expect((error as RateLimitExceededError).source).toBe('quota');
    expect((error as Error).message).toBe('rate limit exceeded: next token in 150 ms');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ name: 'quota', at: clock.now() });
    await clock.advance((error as RateLimitExceededError).retryAfter!);
    expect(await rl.execute(() => 'now')).toBe('now');
  });

  it('acquire waits its turn in FIFO order; a big request is not starved by small ones', async () => {
    const clock = useClock();
    const rl = new RateLimiter({ limit: 1, interval: 100, burst: 3, clock });
    expect(rl.tryAcquire(3)).toBe(true);
    const order: string[] = [];
    const big = rl.acquire(3).then(() => order.push('big'));
    const small = rl.acquire(1).then(() => order.push('small'));
    // tryAcquire may not overtake waiting callers, even when a token is there.
    await clock.advance(100);
    expect(rl.tryAcquire()).toBe(false);
    await clock.advance(199);
    expect(order).toEqual([]);
    await clock.advance(1);
    expect(order).toEqual(['big']);
    await clock.advance(100);
    await Promise.all([big, small]);
    expect(order).toEqual(['big', 'small']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('an aborted acquire leaves the queue, removes its listener and lets the next waiter move up', async () => {
    const clock = useClock();
    const rl = new RateLimiter({ limit: 1, interval: 100, burst: 5, clock });
    expect(rl.tryAcquire(5)).toBe(true);
    const tracked = trackedSignal();
    const head = rl.acquire(5, tracked.signal);
    const next = rl.acquire(1);
    expect(tracked.listeners).toBe(1);
    await clock.advance(50);
    tracked.controller.abort(new Error('stop'));
    await expect(head).rejects.toThrow('stop');
    expect(tracked.listeners).toBe(0);
    await clock.advance(49);
    let done = false;
    void next.then(() => (done = true));
    await clock.flush();
    expect(done).toBe(false);
    await clock.advance(1);
    expect(done).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it('an already cancelled call spends no token', async () => {
    const rl = new RateLimiter({ limit: 1, interval: 100, clock: useClock() });
    const c = new AbortController();
    c.abort('gone');
    await expect(rl.execute(() => 1, c.signal)).rejects.toBe('gone');
    expect(rl.tokens).toBe(1);
  });

  it('an already aborted acquire rejects at once', async () => {
    const rl = new RateLimiter({ limit: 1, interval: 100, clock: useClock() });
    const c = new AbortController();
    c.abort('late');
    await expect(rl.acquire(1, c.signal)).rejects.toBe('late');
    expect(rl.tokens).toBe(1);
  });

  it('signals degraded when exhausted and healthy once half the burst is back (with a timer only while observed)', async () => {
    const clock = useClock();
    const rl = new RateLimiter({ limit: 10, interval: 1000, burst: 4, clock, name: 'api' });
    // Unobserved: no recovery timer.
    for (let i = 0; i < 5; i++) rl.tryAcquire();
    expect(clock.pendingTimers).toBe(0);
    const events: HealthChangeEvent[] = [];
    const off = rl.onHealthChange((e) => events.push(e));
    await clock.advance(1000);
    expect(rl.tryAcquire(4)).toBe(true);
    expect(rl.tryAcquire()).toBe(false);
    expect(events.map((e) => e.state)).toEqual(['healthy', 'degraded']);
    expect(clock.pendingTimers).toBe(1);
    await clock.advance(199);
    expect(events).toHaveLength(2);
    await clock.advance(1);
    expect(events.map((e) => [e.state, e.component, e.name, e.at])).toEqual([
      ['healthy', 'rate-limiter', 'api', events[0]!.at],
      ['degraded', 'rate-limiter', 'api', events[1]!.at],
      ['healthy', 'rate-limiter', 'api', clock.now()],
    ]);
    expect(clock.pendingTimers).toBe(0);
    off();
  });
});
