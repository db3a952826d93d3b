import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settle, useClock } from '../../test/helpers/clock.js';
import { consume, numbers, TrackedSource } from '../../test/helpers/streams.js';
import { trackedSignal } from '../testing/tracked-signal.js';
import type { Branch } from './branch.js';
import { duplicate } from './duplicate.js';
import { toArray } from './to-array.js';

function buffered(branches: readonly AsyncIterableIterator<unknown>[]): number[] {
  // Each consumer is a Branch; its queue length is what the bound is about.
  return branches.map((b) => (b as unknown as Pick<Branch<unknown>, 'buffered'>).buffered);
}

describe('duplicate', () => {
  it('gives every consumer every item, in order', async () => {
    const [a, b, c] = duplicate([1, 2, 3], 3);
    expect(await Promise.all([toArray(a!), toArray(b!), toArray(c!)])).toEqual([
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ]);
  });

  it('loses and duplicates nothing, and never buffers past its bound, whatever the speeds (virtual time)', async () => {
    const consumerPlan = fc.record({
      delays: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 8 }),
      stopAfter: fc.option(fc.integer({ min: 1, max: 25 }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 4 }),
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 6 }),
        fc.array(consumerPlan, { minLength: 1, maxLength: 4 }),
        async (count, buffer, sourceDelays, plans) => {
          const clock = useClock();
          const source = numbers(count, { clock, delayMs: (i) => sourceDelays[i % sourceDelays.length] ?? 0 });
          const branches = duplicate(source, plans.length, { buffer });
          const received = plans.map(() => 0);
          let maxBuffered = 0;
          let maxLag = 0;
          source.onPull = () => {
            maxBuffered = Math.max(maxBuffered, ...buffered(branches));
          };
          const runs = branches.map((branch, i) => {
            const plan = plans[i]!;
            return consume(branch, {
              clock,
              limit: plan.stopAfter,
              delayMs: (n) => plan.delays[n % plan.delays.length] ?? 0,
              onItem: () => {
                received[i]!++;
                maxBuffered = Math.max(maxBuffered, ...buffered(branches));
                maxLag = Math.max(maxLag, source.pulled - Math.min(...received.filter((_, j) => plans[j]!.stopAfter === undefined || received[j]! < plans[j]!.stopAfter)));
              },
            });
          });
          const outcome = await settle(clock, Promise.all(runs));
          expect(outcome.ok).toBe(true);
          const results = outcome.ok ? outcome.value : [];
          results.forEach((items, i) => {
            const expected = Array.from({ length: Math.min(count, plans[i]!.stopAfter ?? count) }, (_, n) => n);
            expect(items).toEqual(expected);
          });
          expect(maxBuffered).toBeLessThanOrEqual(buffer);
          // The item being handed over is the only one on top of the buffer.
          expect(maxLag).toBeLessThanOrEqual(buffer + 1);
          // A consumer that breaks asks for nothing more: the source sees its end only if someone read on.
          const allStoppedEarly = count > 0 && plans.every((p) => p.stopAfter !== undefined && p.stopAfter <= count);
          expect(source.returns).toBe(allStoppedEarly ? 1 : 0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('lets a slow consumer hold a live feed back without buffering more than its bound', async () => {
    const clock = useClock();
    const feed = numbers(Infinity, { clock, delayMs: 1 });
    const [fast, slow] = duplicate(feed, 2, { buffer: 5 });
    let fastSeen = 0;
    let slowSeen = 0;
    let maxBuffered = 0;
    feed.onPull = () => {
      maxBuffered = Math.max(maxBuffered, ...buffered([fast!, slow!]));
    };
    const runs = [
      consume(fast!, {
        onItem: () => {
          fastSeen++;
          maxBuffered = Math.max(maxBuffered, ...buffered([fast!, slow!]));
        },
        limit: 200,
      }),
      consume(slow!, { clock, delayMs: () => 100, onItem: () => slowSeen++, limit: 20 }),
    ];
    await clock.advance(1_000);
    // The fast consumer is held to at most `buffer` items ahead of the slow one.
    expect(fastSeen - slowSeen).toBeLessThanOrEqual(5);
    expect(feed.pulled - slowSeen).toBeLessThanOrEqual(6);
    expect(maxBuffered).toBe(5);
    await settle(clock, Promise.all(runs));
    expect(feed.returns).toBe(1);
  });

  it('keeps the others going when one consumer breaks, and releases the source after the last', async () => {
    const source = numbers(6);
    const [a, b] = duplicate(source, 2);
    const [first, all] = await Promise.all([consume(a!, { limit: 2 }), toArray(b!)]);
    expect(first).toEqual([0, 1]);
    expect(all).toEqual([0, 1, 2, 3, 4, 5]);
    expect(source.returns).toBe(0);
    const endless = numbers(Infinity);
    const [x, y] = duplicate(endless, 2, { buffer: 1 });
    await Promise.all([consume(x!, { limit: 3 }), consume(y!, { limit: 5 })]);
    expect(endless.returns).toBe(1);
  });

  it('delivers a source error to every consumer after the items before it', async () => {
    const source = new TrackedSource([1, 2, 3], { failAt: 2, error: new Error('feed broke') });
    const [a, b] = duplicate(source, 2, { buffer: 2 });
    const results = await Promise.allSettled([toArray(a!), toArray(b!)]);
    expect(results).toEqual([
      { status: 'rejected', reason: new Error('feed broke') },
      { status: 'rejected', reason: new Error('feed broke') },
    ]);
    expect(await a!.next()).toEqual({ done: true, value: undefined });
  });

  it('ends every consumer at once on abort, even one waiting while no read is in flight', async () => {
    const clock = useClock();
    const source = numbers(Infinity);
    const t = trackedSignal();
    const [a, b] = duplicate(source, 2, { signal: t.signal, buffer: 1 });
    expect(await a!.next()).toEqual({ done: false, value: 0 });
    // `b` holds one item and took none: `a` must wait, with no read in flight.
    const waiting = a!.next();
    expect(source.pending).toBe(false);
    t.abort('shutdown');
    await expect(waiting).rejects.toBe('shutdown');
    await expect(b!.next()).rejects.toBe('shutdown');
    expect(await b!.next()).toEqual({ done: true, value: undefined });
    expect([source.returns, t.listeners]).toEqual([1, 0]);
    await clock.runAll();
  });

  it('leaves no listener when it is never iterated, and ends at once when the signal had already aborted', async () => {
    const t = trackedSignal();
    duplicate(numbers(3), 2, { signal: t.signal });
    expect(t.listeners).toBe(0);
    t.abort('before');
    const [a] = duplicate(numbers(3), 1, { signal: t.signal });
    await expect(a!.next()).rejects.toBe('before');
  });

  it('validates its arguments at once', () => {
    expect(() => duplicate([], 0)).toThrow(new RangeError('duplicate: n must be a positive integer (got 0)'));
    expect(() => duplicate([], 2, { buffer: -1 })).toThrow(new RangeError('duplicate: buffer must be a non-negative integer (got -1)'));
    expect(() => duplicate([], 2, { buffer: '4' as never })).toThrow(new TypeError('duplicate: buffer must be a non-negative integer (got "4")'));
    expect(() => duplicate(3 as never, 2)).toThrow(new TypeError('duplicate: source must be an async iterable or an iterable (got 3)'));
  });
});
