import { describe, expect, it } from 'vitest';
import { ShedLoadError } from '../core/errors/shed-load-error.js';
import { TimeoutError } from '../core/errors/timeout-error.js';
import type { HealthChangeEvent, LimitChangeEvent, ListenerErrorEvent, ShedLoadEvent } from '../core/telemetry/events.js';
import { delay, useClock } from '../../test/helpers/clock.js';
import { deferred } from '../../test/helpers/deferred.js';
import type { VirtualClock } from '../testing/virtual-clock.js';
import { AdaptiveLimiter, adaptiveLimit } from './limiter.js';
import { gradient2 } from './algorithms/gradient2.js';

describe('AdaptiveLimiter validation', () => {
  it.each([
    [{ initialLimit: 2000 }, RangeError, 'AdaptiveLimiter: initialLimit must be at most maxLimit (1000) (got 2000)'],
    [{ minLimit: 30, maxLimit: 10 }, RangeError, 'AdaptiveLimiter: minLimit must be at most maxLimit (10) (got 30)'],
    [{ minLimit: 5, initialLimit: 2 }, RangeError, 'AdaptiveLimiter: initialLimit must be at least minLimit (5) (got 2)'],
    [{ initialLimit: 0 }, RangeError, 'AdaptiveLimiter: initialLimit must be a positive integer (got 0)'],
    [{ maxLimit: 2.5 }, RangeError, 'AdaptiveLimiter: maxLimit must be a positive integer (got 2.5)'],
    [{ algorithm: 'aimd' }, RangeError, "AdaptiveLimiter: algorithm must be 'vegas', 'gradient2' or a LimitAlgorithm (got \"aimd\")"],
    [{ algorithm: {} }, TypeError, "AdaptiveLimiter: algorithm must be 'vegas', 'gradient2' or a LimitAlgorithm (got an object)"],
    [{ window: 0 }, RangeError, 'AdaptiveLimiter: window must be a positive finite number of milliseconds (got 0)'],
    [{ minSamples: 0 }, RangeError, 'AdaptiveLimiter: minSamples must be a positive integer (got 0)'],
    [{ isOverload: true }, TypeError, 'AdaptiveLimiter: isOverload must be a function (got true)'],
  ])('%#: rejects %o with an exact message', (options, type, message) => {
    const build = (): AdaptiveLimiter => new AdaptiveLimiter(options as never);
    expect(build).toThrow(type);
    expect(build).toThrow(message);
  });

  it('has documented defaults and a validated strategy factory', () => {
    const al = new AdaptiveLimiter();
    expect([al.limit, al.minLimit, al.maxLimit, al.algorithm, al.inFlight]).toEqual([20, 1, 1000, 'vegas', 0]);
    expect(new AdaptiveLimiter({ maxLimit: 10 }).limit).toBe(10);
    expect(new AdaptiveLimiter({ algorithm: 'gradient2' }).algorithm).toBe('gradient2');
    expect(new AdaptiveLimiter({ algorithm: gradient2({ tolerance: 2 }) }).algorithm).toBe('gradient2');
    expect(adaptiveLimit(al)).toBe(al);
    expect(() => adaptiveLimit({} as never)).toThrow(new TypeError('adaptiveLimit: al must be an AdaptiveLimiter (got an object)'));
  });
});

/** Runs `waves` rounds of `concurrency` parallel calls taking `rtt` ms each. */
async function load(clock: VirtualClock, al: AdaptiveLimiter, concurrency: number, rtt: number, waves: number): Promise<void> {
  for (let w = 0; w < waves; w++) {
    const calls = Array.from({ length: concurrency }, () => al.execute(({ signal }) => delay(clock, rtt, signal)).catch(() => undefined));
    await clock.advance(rtt);
    await Promise.all(calls);
  }
}

describe('AdaptiveLimiter', () => {
  it('sheds calls beyond the limit with ShedLoadError; rejected calls never count as in flight', async () => {
    const clock = useClock();
    const shed: ShedLoadEvent[] = [];
    const al = new AdaptiveLimiter({ clock, initialLimit: 2, name: 'db', instrumenter: { onShedLoad: (e) => shed.push(e) } });
    const gate = deferred();
    const held = [al.execute(() => gate.promise), al.execute(() => gate.promise)];
    expect(al.inFlight).toBe(2);
    const error = await al.execute(() => 1).then(undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ShedLoadError);
    expect((error as Error).message).toBe('load shed: concurrency limit reached (2 in flight)');
    expect((error as ShedLoadError).source).toBe('db');
    expect(al.tryAcquire()).toBeUndefined();
    expect(al.inFlight).toBe(2);
    expect(shed.map((e) => [e.reason, e.priority, e.name])).toEqual([
      ['adaptive-limit', 'standard', 'db'],
      ['adaptive-limit', 'standard', 'db'],
    ]);
    gate.resolve();
    await Promise.all(held);
    expect(al.inFlight).toBe(0);
  });

  it('does not grow the limit while it is not used (idle or light traffic)', async () => {
    const clock = useClock();
    const al = new AdaptiveLimiter({ clock, initialLimit: 20, window: 100, minSamples: 5 });
    await load(clock, al, 3, 10, 200);
    expect(al.limit).toBe(20);
  });

  it('grows while saturated at a steady RTT, shrinks when the RTT climbs, changes at most once per window', async () => {
    const clock = useClock();
    const al = new AdaptiveLimiter({ clock, initialLimit: 10, window: 100, minSamples: 5 });
    const changes: LimitChangeEvent[] = [];
    al.onLimitChange((e) => changes.push(e));
    // (The first windows probe the baseline below the starting limit, then it grows.)
    await load(clock, al, 10, 10, 60);
    expect(al.limit).toBeGreaterThan(10);
    const grown = al.limit;
    changes.length = 0;
    // Latency quadruples: the limit falls first, one step per 100 ms window at most. (Here the RTT
    // does not depend on the calls in flight, so once a cut has shown that, the limit recovers.)
    const start = clock.now();
    await load(clock, al, al.limit, 40, 10);
    expect(changes[0]!.to).toBeLessThan(grown);
    const windows = (clock.now() - start) / 100;
    expect(changes.length).toBeLessThanOrEqual(Math.ceil(windows));
    for (let i = 1; i < changes.length; i++) expect(changes[i]!.at - changes[i - 1]!.at).toBeGreaterThanOrEqual(100);
  });

  it('backs off on timeouts, ignores other errors and cancellations', async () => {
    const clock = useClock();
    const al = new AdaptiveLimiter({ clock, initialLimit: 10, window: 10, minSamples: 1 });
    const failed = al.execute(() => delay(clock, 10, undefined).then(() => Promise.reject(new Error('bad request')))).catch(() => undefined);
    await clock.advance(10);
    await failed;
    const c = new AbortController();
    const cancelled = al.execute(({ signal }) => delay(clock, 50, signal), c.signal).catch(() => undefined);
    await clock.advance(20);
    c.abort(new TimeoutError(20));
    await cancelled;
    expect(al.limit).toBe(10);
    const timedOut = al.execute(() => delay(clock, 5, undefined).then(() => Promise.reject(new TimeoutError(5)))).catch(() => undefined);
    await clock.advance(5);
    await timedOut;
    expect(al.limit).toBe(9); // 10 × 0.9
    expect(al.inFlight).toBe(0);
  });

  it('counts a call as a drop by a custom isOverload and survives a throwing one', async () => {
    const clock = useClock();
    const overload = new AdaptiveLimiter({ clock, initialLimit: 10, window: 1, minSamples: 1, isOverload: (e) => (e as Error).message === '503' });
    const call = overload.execute(() => delay(clock, 1, undefined).then(() => Promise.reject(new Error('503')))).catch(() => undefined);
    await clock.advance(1);
    await call;
    expect(overload.limit).toBe(9);
    const broken = new AdaptiveLimiter({
      clock,
      initialLimit: 10,
      window: 1,
      minSamples: 1,
      isOverload: () => {
        throw new Error('oops');
      },
    });
    await expect(broken.execute(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect([broken.limit, broken.inFlight]).toEqual([10, 0]);
  });

  it('reports limit changes to listeners and the instrumenter, isolating a throwing listener; health follows the direction', async () => {
    const clock = useClock();
    const errors: ListenerErrorEvent[] = [];
    const limits: LimitChangeEvent[] = [];
    const al = new AdaptiveLimiter({
      clock,
      initialLimit: 10,
      window: 1,
      minSamples: 1,
      name: 'svc',
      instrumenter: { onListenerError: (e) => errors.push(e), onLimitChange: (e) => limits.push(e) },
    });
    const health: HealthChangeEvent[] = [];
    al.onHealthChange((e) => health.push(e));
    const off = al.onLimitChange(() => {
      throw new Error('listener bug');
    });
    const permit = al.tryAcquire()!;
    await clock.advance(2);
    permit.dropped();
    permit.success(); // only the first report counts
    expect(limits).toEqual([{ at: clock.now(), name: 'svc', execution: undefined, from: 10, to: 9 }]);
    expect(errors.map((e) => [e.hook, (e.error as Error).message])).toEqual([['onLimitChange', 'listener bug']]);
    expect(health.map((e) => [e.state, e.component])).toEqual([['degraded', 'adaptive-limiter']]);
    off();
    expect(al.inFlight).toBe(0);
  });

  it('releases the permit when fn throws synchronously', async () => {
    const al = new AdaptiveLimiter({ clock: useClock(), initialLimit: 1 });
    await expect(
      al.execute(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(al.inFlight).toBe(0);
    expect(await al.execute(() => 'ok')).toBe('ok');
  });
});
