import { describe, expectTypeOf, it } from 'vitest';
import { execute, fallback, policy, retry, timeout, type AttemptContext, type Policy } from '../../src/index.js';

describe('types', () => {
  it('execute infers the action result, sync or async', () => {
    expectTypeOf(execute(() => 1)).toEqualTypeOf<Promise<number>>();
    expectTypeOf(execute(async () => ({ id: 'x' }))).toEqualTypeOf<Promise<{ id: string }>>();
    expectTypeOf(execute((ctx) => ctx)).toEqualTypeOf<Promise<AttemptContext>>();
  });

  it('the attempt context is read-only and typed', () => {
    void execute((ctx) => {
      expectTypeOf(ctx.signal).toEqualTypeOf<AbortSignal>();
      expectTypeOf(ctx.attempt).toEqualTypeOf<number>();
      expectTypeOf(ctx.remaining).returns.toEqualTypeOf<number>();
      // @ts-expect-error the context is read-only
      ctx.attempt = 2;
      return 0;
    });
  });

  it('retryIfResult and fallback are checked against the result type', () => {
    void execute(() => ({ status: 200 }), { retryIfResult: (r) => r.status === 503 });
    void execute(() => 1, { fallback: () => 2 });
    // @ts-expect-error the fallback must produce the action's type
    void execute(() => 1, { fallback: () => 'two' });
  });

  it('a policy widens its result by what its fallbacks can produce', () => {
    const plain = policy(retry(), timeout(100));
    expectTypeOf(plain).toEqualTypeOf<Policy>();
    expectTypeOf(plain.execute(() => 1)).toEqualTypeOf<Promise<number>>();
    const withFallback = policy(fallback(() => null), retry());
    expectTypeOf(withFallback.execute(() => 'x')).toEqualTypeOf<Promise<string | null>>();
    const nested = policy(plain, withFallback);
    expectTypeOf(nested.execute(async () => 5)).toEqualTypeOf<Promise<number | null>>();
  });
});
