import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settle, useClock } from '../../test/helpers/clock.js';
import { consume, numbers, TrackedSource } from '../../test/helpers/streams.js';
import { trackedSignal } from '../testing/tracked-signal.js';
import { fromArray } from './from-array.js';
import { toArray } from './to-array.js';
import { window } from './window.js';

describe('fromArray / toArray', () => {
  it('round-trips values, awaits promise values and can be iterated again', async () => {
    const source = fromArray([1, Promise.resolve(2), 3]);
    expect(await toArray(source)).toEqual([1, 2, 3]);
    expect(await toArray(source)).toEqual([1, 2, 3]);
    expect(await toArray(new Set(['a', 'b']))).toEqual(['a', 'b']);
  });

  it('rejects what it cannot iterate', async () => {
    expect(() => fromArray(5 as never)).toThrow(new TypeError('fromArray: values must be an iterable (got 5)'));
    await expect(toArray({} as never)).rejects.toThrow(new TypeError('toArray: source must be an async iterable or an iterable (got an object)'));
    await expect(toArray([], { signal: 'x' as never })).rejects.toThrow(new TypeError('toArray: signal must be an AbortSignal (got "x")'));
  });

  it('toArray rejects with the abort reason and releases the source', async () => {
    const clock = useClock();
    const source = numbers(Infinity, { clock, delayMs: 10 });
    const t = trackedSignal();
    const all = toArray(source, { signal: t.signal });
    await clock.advance(35);
    expect(t.listeners).toBe(1);
    t.abort('enough');
    await expect(all).rejects.toBe('enough');
    expect([source.returns, t.listeners]).toEqual([1, 0]);
    await clock.runAll();
  });
});

describe('window', () => {
  it('yields sliding windows once size items arrived, never partial ones', async () => {
    expect(await toArray(window([1, 2, 3, 4, 5], 3))).toEqual([
      [1, 2, 3],
      [2, 3, 4],
      [3, 4, 5],
    ]);
    expect(await toArray(window([1, 2], 3))).toEqual([]);
    expect(await toArray(window(fromArray(['a', 'b']), 1))).toEqual([['a'], ['b']]);
  });

  it('matches a naive model for any input and size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer(), { maxLength: 40 }), fc.integer({ min: 1, max: 8 }), async (items, size) => {
        const model = items.flatMap((_, i) => (i + 1 >= size ? [items.slice(i + 1 - size, i + 1)] : []));
        expect(await toArray(window(items, size))).toEqual(model);
      }),
    );
  });

  it('hands out fresh arrays the consumer may keep', async () => {
    const windows = await toArray(window([1, 2, 3, 4], 2));
    windows[0]?.push(99);
    expect(windows.slice(1)).toEqual([
      [2, 3],
      [3, 4],
    ]);
  });

  it('releases the source when the consumer breaks', async () => {
    const source = numbers(Infinity);
    expect(await consume(window(source, 2), { limit: 3 })).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(source.returns).toBe(1);
  });

  it('ends on abort: a pending next() rejects at once, the source is released, no listener stays', async () => {
    const clock = useClock();
    const source = numbers(Infinity, { clock, delayMs: 100 });
    const t = trackedSignal();
    const it = window(source, 2, { signal: t.signal });
    const pending = it.next();
    await clock.advance(50);
    t.abort('stop');
    await expect(pending).rejects.toBe('stop');
    expect(source.returns).toBe(1);
    expect(t.listeners).toBe(0);
    expect(await it.next()).toEqual({ done: true, value: undefined });
    await clock.runAll();
  });

  it('passes a source error through after the windows before it', async () => {
    const source = new TrackedSource([1, 2, 3, 4], { failAt: 3, error: new Error('feed broke') });
    const clock = useClock();
    const seen: number[][] = [];
    const outcome = await settle(clock, consume(window(source, 2), { onItem: (w) => seen.push(w) }));
    expect(outcome.ok ? undefined : outcome.error).toEqual(new Error('feed broke'));
    expect(seen).toEqual([
      [1, 2],
      [2, 3],
    ]);
    expect(source.returns).toBe(0);
  });

  it('validates its arguments at once', () => {
    expect(() => window([], 0)).toThrow(new RangeError('window: size must be a positive integer (got 0)'));
    expect(() => window([], 2.5)).toThrow(new RangeError('window: size must be a positive integer (got 2.5)'));
    expect(() => window(null as never, 2)).toThrow(new TypeError('window: source must be an async iterable or an iterable (got null)'));
    expect(() => window([], 2, [] as never)).toThrow(new TypeError('window: options must be an object (got an array)'));
  });
});
