import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { delay, settle, useClock } from '../../test/helpers/clock.js';
import { consume, numbers, TrackedSource } from '../../test/helpers/streams.js';
import { RetryExhaustedError } from '../core/errors/retry-exhausted-error.js';
import { trackedSignal } from '../testing/tracked-signal.js';
import type { VirtualClock } from '../testing/virtual-clock.js';
import { mapResilient } from './map-resilient.js';
import { toArray } from './to-array.js';

/** A mapper that takes `ms(item)` of virtual time and records how many calls overlap. */
function slowDouble(clock: VirtualClock, ms: (item: number) => number) {
  const stats = { inFlight: 0, maxInFlight: 0, started: [] as number[], aborted: 0 };
  const fn = async (item: number, ctx: { signal: AbortSignal }): Promise<number> => {
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    stats.started.push(item);
    try {
      await delay(clock, ms(item), ctx.signal);
      return item * 2;
    } catch (error) {
      stats.aborted++;
      throw error;
    } finally {
      stats.inFlight--;
    }
  };
  return { fn, stats };
}

describe('mapResilient', () => {
  it('keeps source order with bounded concurrency even when later items finish first', async () => {
    const clock = useClock();
    const { fn, stats } = slowDouble(clock, (i) => 100 - i * 10);
    const out = await settle(clock, toArray(mapResilient(numbers(8), fn, { clock, concurrency: 3 })));
    expect(out).toEqual({ ok: true, value: [0, 2, 4, 6, 8, 10, 12, 14] });
    expect(stats.maxInFlight).toBe(3);
  });

  it('emits in finishing order when not ordered', async () => {
    const clock = useClock();
    const { fn } = slowDouble(clock, (i) => [30, 10, 20][i] ?? 0);
    const out = await settle(clock, toArray(mapResilient(numbers(3), fn, { clock, concurrency: 3, ordered: false })));
    expect(out).toEqual({ ok: true, value: [2, 4, 0] });
  });

  it('never holds more than `concurrency` items and loses none, whatever the timings (virtual time)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 25 }),
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 5 }),
        async (durations, concurrency, ordered, consumerDelays) => {
          const clock = useClock();
          const { fn, stats } = slowDouble(clock, (i) => durations[i] ?? 0);
          let taken = 0;
          let maxHeld = 0;
          const stage = mapResilient(numbers(durations.length), fn, { clock, concurrency, ordered });
          const out = await settle(
            clock,
            consume(stage, {
              clock,
              delayMs: (n) => consumerDelays[n % consumerDelays.length] ?? 0,
              onItem: () => {
                maxHeld = Math.max(maxHeld, stats.started.length - taken);
                taken++;
              },
            }),
          );
          const expected = durations.map((_, i) => i * 2);
          expect(out.ok).toBe(true);
          const values = out.ok ? out.value : [];
          expect(ordered ? values : [...values].sort((a, b) => a - b)).toEqual(expected);
          expect(stats.maxInFlight).toBeLessThanOrEqual(concurrency);
          expect(maxHeld).toBeLessThanOrEqual(concurrency);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('retries each item under the given options', async () => {
    const clock = useClock();
    const calls = new Map<number, number>();
    const fn = (item: number, ctx: { attempt: number }): number => {
      calls.set(item, (calls.get(item) ?? 0) + 1);
      if (ctx.attempt < 2) throw new Error(`flaky ${String(item)}`);
      return item + 100;
    };
    const out = await settle(clock, toArray(mapResilient([1, 2, 3], fn, { clock, maxAttempts: 3, baseDelay: 10 })));
    expect(out).toEqual({ ok: true, value: [101, 102, 103] });
    expect([...calls.values()]).toEqual([3, 3, 3]);
  });

  it("with onError 'throw' ends with the item's error, aborts the calls in flight and releases the source", async () => {
    const clock = useClock();
    const source = numbers(Infinity);
    const { fn: slow, stats } = slowDouble(clock, () => 50);
    const fn = (item: number, ctx: { signal: AbortSignal }): Promise<number> => (item === 1 ? Promise.reject(new Error('bad item')) : slow(item, ctx));
    const seen: number[] = [];
    const out = await settle(clock, consume(mapResilient(source, fn, { clock, concurrency: 4, maxAttempts: 1 }), { onItem: (v) => seen.push(v) }));
    expect(out).toEqual({ ok: false, error: new Error('bad item') });
    expect(seen).toEqual([0]);
    expect(stats.aborted).toBe(2);
    expect(source.returns).toBe(1);
  });

  it("with onError 'skip' drops failed items and with 'emit' reports every outcome", async () => {
    const clock = useClock();
    const fn = (item: number): number => {
      if (item % 2 === 1) throw new Error(`odd ${String(item)}`);
      return item;
    };
    const skipped = await settle(clock, toArray(mapResilient(numbers(5), fn, { clock, maxAttempts: 2, baseDelay: 1, onError: 'skip' })));
    expect(skipped).toEqual({ ok: true, value: [0, 2, 4] });
    const emitted = await settle(clock, toArray(mapResilient([0, 1], fn, { clock, maxAttempts: 2, baseDelay: 1, onError: 'emit' })));
    const values = emitted.ok ? emitted.value : [];
    expect(values[0]).toEqual({ status: 'fulfilled', value: 0, item: 0 });
    expect(values[1]).toMatchObject({ status: 'rejected', item: 1 });
    expect(values[1]?.status === 'rejected' ? values[1].reason : undefined).toBeInstanceOf(RetryExhaustedError);
  });

  it('releases the source and aborts the calls in flight when the consumer breaks', async () => {
    const clock = useClock();
    const source = numbers(Infinity);
    const { fn, stats } = slowDouble(clock, () => 10);
    const out = await settle(clock, consume(mapResilient(source, fn, { clock, concurrency: 3 }), { limit: 2 }));
    expect(out).toEqual({ ok: true, value: [0, 2] });
    expect(source.returns).toBe(1);
    expect(stats.inFlight).toBe(0);
    expect(stats.aborted).toBe(2);
  });

  it('ends on abort: a pending next() rejects at once, calls stop, the source is released, no listener stays', async () => {
    const clock = useClock();
    const source = numbers(Infinity, { clock, delayMs: 5 });
    const { fn, stats } = slowDouble(clock, () => 100);
    const t = trackedSignal();
    const stage = mapResilient(source, fn, { clock, concurrency: 2, signal: t.signal });
    expect(t.listeners).toBe(0);
    const pending = stage.next();
    await clock.advance(20);
    expect(stats.inFlight).toBe(2);
    t.abort('shutdown');
    await expect(pending).rejects.toBe('shutdown');
    expect(await stage.next()).toEqual({ done: true, value: undefined });
    expect([stats.inFlight, source.returns, t.listeners]).toEqual([0, 1, 0]);
    await clock.runAll();
  });

  it('ends at once when the signal had already aborted, and leaves nothing behind when never iterated', async () => {
    const t = trackedSignal();
    mapResilient(numbers(3), (x) => x, { signal: t.signal });
    expect(t.listeners).toBe(0);
    t.abort('before');
    const source = numbers(3);
    const stage = mapResilient(source, (x) => x, { signal: t.signal });
    await expect(stage.next()).rejects.toBe('before');
    expect(await stage.next()).toEqual({ done: true, value: undefined });
    expect(source.pulled).toBe(0);
  });

  it('rejects a source whose next() breaks the iterator protocol', async () => {
    const broken = { [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve(undefined as never) }) };
    await expect(toArray(mapResilient(broken, (x: number) => x))).rejects.toThrow(
      new TypeError('source: next() must return an iterator result object (got undefined)'),
    );
  });

  it('delivers the results read before a source error, then the error', async () => {
    const clock = useClock();
    const source = new TrackedSource([1, 2, 3], { failAt: 2, error: new Error('feed broke') });
    const seen: number[] = [];
    const out = await settle(clock, consume(mapResilient(source, (x) => x * 10, { clock, concurrency: 2 }), { onItem: (v) => seen.push(v) }));
    expect(out).toEqual({ ok: false, error: new Error('feed broke') });
    expect(seen).toEqual([10, 20]);
  });

  it('runs one item at a time while a pauseWhen block is degraded', async () => {
    const clock = useClock();
    const listeners = new Set<(e: { state: 'healthy' | 'degraded' }) => void>();
    const breaker = {
      onHealthChange(l: (e: { state: 'healthy' | 'degraded' }) => void) {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    };
    const report = (state: 'healthy' | 'degraded'): void => {
      for (const l of listeners) l({ state });
    };
    const { fn, stats } = slowDouble(clock, () => 10);
    const run = toArray(mapResilient(numbers(40), fn, { clock, concurrency: 4, pauseWhen: [breaker] }));
    await clock.advance(15);
    expect(stats.inFlight).toBe(4);
    report('degraded');
    await clock.advance(30);
    expect(stats.inFlight).toBe(1);
    const startedWhilePaused = stats.started.length;
    report('healthy');
    await clock.flush();
    expect(stats.inFlight).toBe(4);
    expect(startedWhilePaused).toBeGreaterThan(4);
    expect((await settle(clock, run)).ok).toBe(true);
    expect(listeners.size).toBe(0);
  });

  it('validates its arguments at once', () => {
    const fn = (x: number): number => x;
    expect(() => mapResilient([1], fn, { concurrency: 0 })).toThrow(new RangeError('mapResilient: concurrency must be a positive integer (got 0)'));
    expect(() => mapResilient([1], fn, { ordered: 'yes' as never })).toThrow(new TypeError('mapResilient: ordered must be a boolean (got "yes")'));
    expect(() => mapResilient([1], fn, { onError: 'ignore' as never })).toThrow(
      new RangeError("mapResilient: onError must be one of 'throw', 'skip', 'emit' (got \"ignore\")"),
    );
    expect(() => mapResilient([1], fn, { onError: 1 as never })).toThrow(new TypeError("mapResilient: onError must be one of 'throw', 'skip', 'emit' (got 1)"));
    expect(() => mapResilient([1], fn, { pauseWhen: {} as never })).toThrow(
      new TypeError('mapResilient: pauseWhen must be a block with onHealthChange, or an array of them (got an object)'),
    );
    expect(() => mapResilient([1], fn, { maxAttempts: -1 })).toThrow(new RangeError('mapResilient: maxAttempts must be a positive integer (got -1)'));
    expect(() => mapResilient([1], 'fn' as never)).toThrow(new TypeError('mapResilient: fn must be a function (got "fn")'));
    expect(() => mapResilient([1], fn, { signal: {} as never })).toThrow(new TypeError('mapResilient: signal must be an AbortSignal (got an object)'));
  });
});
