import { describe, expect, it, vi } from 'vitest';
import { delay, settle, useClock } from '../helpers/clock.js';
import {
  deadline,
  DeadlineExceededError,
  execute,
  fallback,
  fatal,
  instrument,
  policy,
  retry,
  RetryExhaustedError,
  timeout,
  TimeoutError,
  constant,
  type Strategy,
} from '../../src/index.js';

/** A strategy that records when it is entered and left, to observe nesting. */
function probe(name: string, log: string[]): Strategy {
  return {
    kind: name,
    run: async (ctx, next) => {
      log.push(`${name}>${String(ctx.attempt)}`);
      try {
        return await next(ctx);
      } finally {
        log.push(`<${name}`);
      }
    },
  };
}

describe('policy composition', () => {
  it('nests strategies outermost first and flattens nested policies', async () => {
    const log: string[] = [];
    const inner = policy(probe('b', log), probe('c', log));
    const p = policy(probe('a', log), inner);
    expect(p.strategies.map((s) => s.kind)).toEqual(['a', 'b', 'c']);
    await p.execute(() => log.push('action'));
    expect(log).toEqual(['a>0', 'b>0', 'c>0', 'action', '<c', '<b', '<a']);
  });

  it('retry outside a probe samples every attempt; inside, the whole loop once', async () => {
    const clock = useClock();
    const log: string[] = [];
    let n = 0;
    const fail = (): Promise<string> => (n++ % 3 < 2 ? Promise.reject(new Error('x')) : Promise.resolve('ok'));
    await settle(clock, policy(retry({ maxAttempts: 3, backoff: constant(1) }), probe('breaker', log)).execute(fail, { clock }));
    expect(log.filter((l) => l.startsWith('breaker'))).toEqual(['breaker>0', 'breaker>1', 'breaker>2']);
    log.length = 0;
    await settle(clock, policy(probe('outer', log), retry({ maxAttempts: 3, backoff: constant(1) })).execute(fail, { clock }));
    expect(log).toEqual(['outer>0', '<outer']);
  });

  it('timeout outside retry is a total budget; inside it is per attempt', async () => {
    const clock = useClock();
    const slow = vi.fn(({ signal }: { signal: AbortSignal }) => delay(clock, 1000, signal));
    const perAttempt = await settle(clock, policy(retry({ maxAttempts: 3, backoff: constant(10) }), timeout(100)).execute(slow, { clock }));
    expect((perAttempt as { error: RetryExhaustedError }).error.errors.every((e: unknown) => e instanceof TimeoutError)).toBe(true);
    expect(slow).toHaveBeenCalledTimes(3);
    slow.mockClear();
    const total = await settle(clock, policy(timeout(150), retry({ maxAttempts: 3, backoff: constant(10) })).execute(slow, { clock }));
    expect((total as { error: unknown }).error).toBeInstanceOf(TimeoutError);
    expect(slow).toHaveBeenCalledTimes(1);
  });

  it('fallback replaces failures (including deadline) but not a caller abort', async () => {
    const clock = useClock();
    const p = policy(fallback((error) => `fallback:${(error as Error).name}`), retry({ maxAttempts: 2, backoff: constant(1) }));
    expect(await settle(clock, p.execute(() => Promise.reject(new Error('x')), { clock }))).toEqual({ ok: true, value: 'fallback:RetryExhaustedError' });
    expect(await settle(clock, p.execute(() => 1, { clock, deadline: clock.now() - 1 }))).toEqual({ ok: true, value: 'fallback:DeadlineExceededError' });
    const c = new AbortController();
    const pending = p.execute(({ signal }) => delay(clock, 100, signal), { clock, signal: c.signal });
    c.abort('caller left');
    await expect(pending).rejects.toBe('caller left');
  });

  it('fallback sees the unwrapped error of fatal()', async () => {
    const original = new Error('bad');
    const seen: unknown[] = [];
    const p = policy(fallback((e) => { seen.push(e); return 'fb'; }), retry());
    expect(await p.execute(() => Promise.reject(fatal(original)))).toBe('fb');
    expect(seen).toEqual([original]);
  });

  it('a policy without a retry layer still unwraps fatal() at its boundary', async () => {
    const original = new Error('bad');
    await expect(policy(timeout(1000)).execute(() => Promise.reject(fatal(original)))).rejects.toBe(original);
  });

  it('deadline(minThreshold) is only enforced where it is placed', async () => {
    const clock = useClock();
    const action = vi.fn(() => 'ran');
    await expect(policy(deadline(50)).execute(action, { clock, deadline: clock.now() + 20 })).rejects.toBeInstanceOf(DeadlineExceededError);
    expect(action).not.toHaveBeenCalled();
    expect(await policy(timeout(1000)).execute(action, { clock, deadline: clock.now() + 20 })).toBe('ran');
  });

  it('execute applies fallback, retry, deadline check and attempt timeout in the documented order', async () => {
    const clock = useClock();
    const events: string[] = [];
    const out = await settle(
      clock,
      execute(({ signal }) => delay(clock, 1000, signal).then(() => 'done'), {
        clock,
        maxAttempts: 2,
        attemptTimeout: 100,
        backoff: constant(10),
        fallback: (e) => `fb after ${(e as RetryExhaustedError).attempts}`,
        instrumenter: { onAttemptEnd: (e) => events.push(`${String(e.attempt)}:${e.outcome}`), onFallback: () => events.push('fallback') },
      }),
    );
    expect(out).toEqual({ ok: true, value: 'fb after 2' });
    expect(events).toEqual(['0:timeout', '1:timeout', 'fallback']);
  });

  it('instrument() in a policy reports execution start and end', async () => {
    const seen: string[] = [];
    const p = policy(instrument({ onExecutionStart: () => seen.push('start'), onExecutionEnd: (e) => seen.push(`end:${e.outcome}`) }), retry());
    await p.execute(() => 1, { name: 'op' });
    expect(seen).toEqual(['start', 'end:success']);
  });

  it('rejects things that are not strategies', () => {
    expect(() => policy(retry(), {} as Strategy)).toThrow(new TypeError('policy: strategies[1] must be a strategy (got an object)'));
    expect(() => policy(null as unknown as Strategy)).toThrow(new TypeError('policy: strategies[0] must be a strategy (got null)'));
  });

  it('is immutable', () => {
    const p = policy(retry());
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.isFrozen(p.strategies)).toBe(true);
  });
});
