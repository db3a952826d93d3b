import { describe, expectTypeOf, it } from 'vitest';
import type { AttemptContext } from '../../src/index.js';
import { duplicate, fromArray, mapResilient, toArray, window, type MapSettled } from '../../src/stream/index.js';

describe('resile/stream types', () => {
  it('carries item types through every stage', () => {
    const prices = fromArray([{ symbol: 'ACME', price: 1 }]);
    expectTypeOf(prices).toEqualTypeOf<AsyncIterable<{ symbol: string; price: number }>>();
    expectTypeOf(fromArray([Promise.resolve(1)])).toEqualTypeOf<AsyncIterable<number>>();
    expectTypeOf(window([1, 2, 3], 2)).toEqualTypeOf<AsyncIterableIterator<number[]>>();
    expectTypeOf(duplicate(prices, 2)).toEqualTypeOf<AsyncIterableIterator<{ symbol: string; price: number }>[]>();
    expectTypeOf(toArray(new Set(['a']))).resolves.toEqualTypeOf<string[]>();
  });

  it('infers mapResilient results from fn, and wraps them as MapSettled with onError: emit', () => {
    const enrich = async (p: { price: number }, ctx: AttemptContext): Promise<{ price: number; attempt: number }> => {
      await Promise.resolve();
      return { price: p.price, attempt: ctx.attempt };
    };
    const source = fromArray([{ price: 1 }]);
    expectTypeOf(mapResilient(source, enrich)).toEqualTypeOf<AsyncIterableIterator<{ price: number; attempt: number }>>();
    expectTypeOf(mapResilient(source, enrich, { onError: 'skip', concurrency: 4 })).toEqualTypeOf<
      AsyncIterableIterator<{ price: number; attempt: number }>
    >();
    expectTypeOf(mapResilient(source, enrich, { onError: 'emit' })).toEqualTypeOf<
      AsyncIterableIterator<MapSettled<{ price: number }, { price: number; attempt: number }>>
    >();
    mapResilient(source, (p) => p.price, { fallback: () => 0 });
    // @ts-expect-error the fallback must produce what fn produces
    mapResilient(source, (p) => p.price, { fallback: () => 'none' });
    // @ts-expect-error onError takes only 'throw' | 'skip' | 'emit'
    mapResilient(source, (p) => p.price, { onError: 'ignore' });
  });
});
