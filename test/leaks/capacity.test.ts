// Leak suite for the capacity layers: every layer on every path (success, failure, caller abort
// before and during, deadline, attempt timeout) must leave no timer, no abort listener, no
// held slot or permit, and no unhandled rejection (vitest fails the run on those).
import { describe, expect, it } from 'vitest';
import { AdaptiveLimiter, Bulkhead, execute, KeyedRateLimiter, PriorityBulkhead, RateLimiter, type ExecuteOptions } from '../../src/index.js';
import { trackedSignal } from '../../src/testing/index.js';
import type { VirtualClock } from '../../src/testing/index.js';
import { delay, useClock } from '../helpers/clock.js';
import { deferred } from '../helpers/deferred.js';

interface Layer {
  name: string;
  /** Execute options adding the layer; `occupy` makes the next call wait (queued layers only). */
  make(clock: VirtualClock): { options: ExecuteOptions; idle(): boolean; occupy?: () => Promise<unknown> };
}

const layers: Layer[] = [
  {
    name: 'bulkhead',
    make: (clock) => {
      const bh = new Bulkhead(2, { clock });
      return { options: { bulkhead: bh }, idle: () => bh.active === 0 && bh.queued === 0 };
    },
  },
  {
    name: 'bulkhead, queued behind a busy slot',
    make: (clock) => {
      const bh = new Bulkhead(1, { clock, queue: 2, queueTimeout: 10_000 });
      const gate = deferred();
      return {
        options: { bulkhead: bh },
        idle: () => bh.active === 0 && bh.queued === 0,
        occupy: () => {
          const held = bh.execute(() => gate.promise);
          clock.setTimer(500, () => { gate.resolve(); });
          return held;
        },
      };
    },
  },
  {
    name: 'priority bulkhead',
    make: (clock) => {
      const pb = new PriorityBulkhead(4, undefined, { clock });
      return { options: { priorityBulkhead: pb }, idle: () => pb.active === 0 };
    },
  },
  {
    name: 'rate limiter',
    make: (clock) => {
      const rl = new RateLimiter({ limit: 10, interval: 1000, clock });
      return { options: { rateLimiter: rl }, idle: () => true };
    },
  },
  {
    name: 'adaptive limiter',
    make: (clock) => {
      const al = new AdaptiveLimiter({ clock, window: 1, minSamples: 1 });
      return { options: { adaptiveLimiter: al }, idle: () => al.inFlight === 0 };
    },
  },
];

type Path = 'success' | 'failure' | 'cancel before' | 'cancel during' | 'deadline' | 'attempt timeout';
const paths: Path[] = ['success', 'failure', 'cancel before', 'cancel during', 'deadline', 'attempt timeout'];

describe.each(layers)('leaks: $name', (layer) => {
  it.each(paths)('%s', async (path) => {
    const clock = useClock();
    const made = layer.make(clock);
    const { options } = made;
    const blocker = made.occupy?.();
    const tracked = trackedSignal();
    if (path === 'cancel before') tracked.abort(new Error('before'));
    const call = execute(
      async ({ signal }) => {
        await delay(clock, 100, signal);
        if (path === 'failure') throw new Error('boom');
        return 'ok';
      },
      {
        ...options,
        clock,
        signal: tracked.signal,
        maxAttempts: 2,
        baseDelay: 10,
        ...(path === 'deadline' ? { timeout: 50 } : {}),
        ...(path === 'attempt timeout' ? { attemptTimeout: 50 } : {}),
      },
    );
    const outcome = call.then(
      (value) => ({ ok: true, value }),
      (error: unknown) => ({ ok: false, error }),
    );
    if (path === 'cancel during') {
      await clock.advance(20);
      tracked.controller.abort(new Error('during'));
    }
    await clock.runAll();
    const result = await outcome;
    await blocker;
    await clock.flush();
    expect(result.ok).toBe(path === 'success');
    expect(clock.pendingTimers).toBe(0);
    expect(tracked.listeners).toBe(0);
    expect(made.idle()).toBe(true);
  });
});

describe('leaks: waits outside execute', () => {
  it('an aborted RateLimiter.acquire keeps no listener and no timer', async () => {
    const clock = useClock();
    const rl = new RateLimiter({ limit: 1, interval: 1000, clock });
    rl.tryAcquire();
    const waits = [trackedSignal(), trackedSignal(), trackedSignal()].map((t) => ({ t, p: rl.acquire(1, t.signal).catch((e: unknown) => e) }));
    for (const { t } of waits.reverse()) t.controller.abort(new Error('stop'));
    for (const { t, p } of waits) {
      expect(await p).toBeInstanceOf(Error);
      expect(t.listeners).toBe(0);
    }
    expect(clock.pendingTimers).toBe(0);
  });

  it('an aborted KeyedRateLimiter.acquire keeps no listener and no timer', async () => {
    const clock = useClock();
    const rl = new KeyedRateLimiter({ limit: 1, interval: 1000, clock });
    rl.tryAcquire('k');
    const t = trackedSignal();
    const p = rl.acquire('k', 1, t.signal).catch((e: unknown) => e);
    t.controller.abort(new Error('stop'));
    expect(await p).toBeInstanceOf(Error);
    expect(t.listeners).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('an aborted queued Bulkhead.execute keeps no listener, timer or slot', async () => {
    const clock = useClock();
    const bh = new Bulkhead(1, { clock, queue: 5, queueTimeout: 1000 });
    const gate = deferred();
    const held = bh.execute(() => gate.promise);
    const trackers = [trackedSignal(), trackedSignal()];
    const waits = trackers.map((t) => bh.execute(() => 'never', t.signal).catch((e: unknown) => e));
    for (const t of trackers) t.controller.abort(new Error('stop'));
    await Promise.all(waits);
    expect(trackers.map((t) => t.listeners)).toEqual([0, 0]);
    expect(clock.pendingTimers).toBe(0);
    gate.resolve();
    await held;
    expect([bh.active, bh.queued]).toEqual([0, 0]);
  });
});
