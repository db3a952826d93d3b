import { describe, expect, it, vi } from 'vitest';
import { delay, settle, useClock } from '../../test/helpers/clock.js';
import { CircuitOpenError } from '../core/errors/circuit-open-error.js';
import { DeadlineExceededError } from '../core/errors/deadline-exceeded-error.js';
import { fatal } from '../core/errors/fatal.js';
import { RetryAfterError } from '../core/errors/retry-after-error.js';
import { RetryExhaustedError } from '../core/errors/retry-exhausted-error.js';
import { TimeoutError } from '../core/errors/timeout-error.js';
import { withTestingBypass } from '../core/ambient.js';
import { execute } from '../policy/execute.js';
import { policy } from '../policy/policy.js';
import { retry } from './retry.js';
import { constant, exponential } from './backoff.js';

class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${String(status)}`);
  }
}

describe('execute: retry', () => {
  it('returns the first success without delay', async () => {
    const clock = useClock();
    const action = vi.fn(() => Promise.resolve('ok'));
    expect(await execute(action, { clock })).toBe('ok');
    expect(action).toHaveBeenCalledTimes(1);
    expect(clock.pendingTimers).toBe(0);
  });

  it('retries with the backoff until success and passes attempt and lastError (endpoint rotation)', async () => {
    const clock = useClock();
    const endpoints = ['a', 'b', 'c'];
    const seen: { attempt: number; last: unknown; at: number; endpoint: string }[] = [];
    const start = clock.now();
    const result = execute(
      ({ attempt, lastError }) => {
        const endpoint = endpoints[attempt % endpoints.length] as string;
        seen.push({ attempt, last: (lastError as Error | undefined)?.message, at: clock.now() - start, endpoint });
        if (attempt < 2) throw new Error(`down:${endpoint}`);
        return endpoint;
      },
      { clock, backoff: exponential({ base: 100 }) },
    );
    const out = await settle(clock, result);
    expect(out).toEqual({ ok: true, value: 'c' });
    expect(seen).toEqual([
      { attempt: 0, last: undefined, at: 0, endpoint: 'a' },
      { attempt: 1, last: 'down:a', at: 100, endpoint: 'b' },
      { attempt: 2, last: 'down:b', at: 300, endpoint: 'c' },
    ]);
  });

  it('throws RetryExhaustedError with every error in order when attempts run out', async () => {
    const clock = useClock();
    let n = 0;
    const out = await settle(clock, execute(() => Promise.reject(new Error(`e${String(n++)}`)), { clock, maxAttempts: 3, backoff: constant(10) }));
    expect(out.ok).toBe(false);
    const error = (out as { error: RetryExhaustedError }).error;
    expect(error).toBeInstanceOf(RetryExhaustedError);
    expect(error.attempts).toBe(3);
    expect(error.errors.map((e: Error) => e.message)).toEqual(['e0', 'e1', 'e2']);
    expect((error.cause as Error).message).toBe('e2');
  });

  it('throws the error itself when only one attempt is allowed', async () => {
    const boom = new Error('boom');
    await expect(execute(() => Promise.reject(boom), { maxAttempts: 1 })).rejects.toBe(boom);
  });

  it('catches synchronous throws and non-Error throws', async () => {
    await expect(execute(() => { throw new Error('sync'); }, { maxAttempts: 1 })).rejects.toThrow('sync');
    await expect(execute(() => Promise.reject('a string'), { maxAttempts: 1 })).rejects.toBe('a string');
    await expect(execute(() => Promise.reject(undefined), { maxAttempts: 1 })).rejects.toBeUndefined();
    const clock = useClock();
    const out = await settle(clock, execute(() => { throw 42; }, { clock, maxAttempts: 2, backoff: constant(1) }));
    expect((out as { error: RetryExhaustedError }).error.errors).toEqual([42, 42]);
  });

  it('stops at once on fatal() and rethrows the unwrapped error', async () => {
    const original = new Error('invalid request');
    const action = vi.fn(() => Promise.reject(fatal(original)));
    await expect(execute(action, { maxAttempts: 5 })).rejects.toBe(original);
    expect(action).toHaveBeenCalledTimes(1);
  });

  it('retryIf filters errors and receives the attempt context', async () => {
    const clock = useClock();
    const retryIf = vi.fn((e: unknown, _ctx: unknown) => e instanceof HttpError && e.status >= 500);
    let n = 0;
    const out = await settle(
      clock,
      execute(() => Promise.reject(new HttpError(n++ === 0 ? 503 : 400)), { clock, retryIf, backoff: constant(5) }),
    );
    expect((out as { error: HttpError }).error.status).toBe(400);
    expect(retryIf).toHaveBeenCalledTimes(2);
    expect(retryIf.mock.calls[1]?.[1]).toMatchObject({ attempt: 1 });
  });

  it('retryOn retries only the given classes', async () => {
    const clock = useClock();
    const action = vi.fn(() => Promise.reject(new TypeError('bug')));
    await expect(execute(action, { clock, retryOn: [HttpError] })).rejects.toThrow('bug');
    expect(action).toHaveBeenCalledTimes(1);
    let n = 0;
    const out = await settle(clock, execute(() => (n++ < 1 ? Promise.reject(new HttpError(503)) : 'ok'), { clock, retryOn: HttpError, backoff: constant(1) }));
    expect(out).toEqual({ ok: true, value: 'ok' });
  });

  it('retryIfResult retries rejected values and returns the last one when attempts run out', async () => {
    const clock = useClock();
    const statuses = [503, 503, 200];
    let i = 0;
    const ok = await settle(clock, execute(() => ({ status: statuses[i++] }), { clock, retryIfResult: (r) => r.status === 503, backoff: constant(1) }));
    expect(ok).toEqual({ ok: true, value: { status: 200 } });
    const always = await settle(clock, execute(() => ({ status: 503 }), { clock, maxAttempts: 3, retryIfResult: (r) => r.status === 503, backoff: constant(1) }));
    expect(always).toEqual({ ok: true, value: { status: 503 } });
  });

  it('a server hint (retryAfter) replaces the backoff, uncapped by maxDelay but capped by maxRetryAfter', async () => {
    const clock = useClock();
    const times: number[] = [];
    const start = clock.now();
    const action = (): Promise<string> => {
      times.push(clock.now() - start);
      return times.length < 3 ? Promise.reject(new RetryAfterError(times.length === 1 ? 5000 : 999_999)) : Promise.resolve('ok');
    };
    const out = await settle(clock, execute(action, { clock, maxDelay: 100, maxRetryAfter: 60_000 }));
    expect(out).toEqual({ ok: true, value: 'ok' });
    expect(times).toEqual([0, 5000, 65_000]);
  });

  it('honours a numeric retryAfter on any error, also in the cause chain', async () => {
    const clock = useClock();
    const times: number[] = [];
    const start = clock.now();
    const action = (): Promise<string> => {
      times.push(clock.now() - start);
      if (times.length === 1) return Promise.reject(Object.assign(new Error('429'), { retryAfter: 700 }));
      if (times.length === 2) return Promise.reject(new Error('wrapped', { cause: { retryAfter: 300 } }));
      return Promise.resolve('ok');
    };
    await settle(clock, execute(action, { clock }));
    expect(times).toEqual([0, 700, 1000]);
  });

  it('never sleeps past the deadline: a hint beyond it fails at once with DeadlineExceededError', async () => {
    const clock = useClock();
    const action = vi.fn(() => Promise.reject(new RetryAfterError(10_000)));
    const out = await settle(clock, execute(action, { clock, timeout: 2000 }));
    expect((out as { error: unknown }).error).toBeInstanceOf(DeadlineExceededError);
    expect(((out as { error: DeadlineExceededError }).error.cause as Error).message).toBe('retry after 10000 ms');
    expect(action).toHaveBeenCalledTimes(1);
  });

  it('cancelAllRetries stops retrying and throws the error itself', async () => {
    const stop = new RetryAfterError(100, { cancelAllRetries: true });
    const action = vi.fn(() => Promise.reject(stop));
    await expect(execute(action)).rejects.toBe(stop);
    expect(action).toHaveBeenCalledTimes(1);
    const plain = Object.assign(new Error('quota gone'), { cancelAllRetries: true });
    await expect(execute(() => Promise.reject(plain))).rejects.toBe(plain);
  });

  it('an open circuit ends the retry loop at once', async () => {
    const open = new CircuitOpenError('open', { retryAfter: 1000 });
    const action = vi.fn(() => Promise.reject(open));
    await expect(execute(action)).rejects.toBe(open);
    expect(action).toHaveBeenCalledTimes(1);
  });

  it('does not retry the action own AbortError', async () => {
    const abort = new DOMException('stopped', 'AbortError');
    const action = vi.fn(() => Promise.reject(abort));
    await expect(execute(action)).rejects.toBe(abort);
    expect(action).toHaveBeenCalledTimes(1);
  });

  it('a per-attempt timeout aborts the attempt signal with TimeoutError and is retried', async () => {
    const clock = useClock();
    const reasons: unknown[] = [];
    const action = vi.fn(async ({ signal, attempt }: { signal: AbortSignal; attempt: number }) => {
      signal.addEventListener('abort', () => reasons.push(signal.reason));
      if (attempt === 0) await delay(clock, 10_000);
      return attempt;
    });
    const out = await settle(clock, execute(action, { clock, attemptTimeout: 100, backoff: constant(1) }));
    expect(out).toEqual({ ok: true, value: 1 });
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toBeInstanceOf(TimeoutError);
  });

  it('the testing bypass makes every backoff zero without changing attempt counts', async () => {
    const clock = useClock();
    const action = vi.fn(() => Promise.reject(new Error('x')));
    const start = clock.now();
    const p = withTestingBypass(() => execute(action, { clock, maxAttempts: 4, backoff: constant(60_000) }));
    await expect(p).rejects.toBeInstanceOf(RetryExhaustedError);
    expect(action).toHaveBeenCalledTimes(4);
    expect(clock.now()).toBe(start);
  });

  it('uses a per-call instance of stateful backoffs', async () => {
    const clock = useClock();
    const calls: number[] = [];
    const backoff = {
      delay: (attempt: number) => (attempt + 1) * 10,
      forCall: vi.fn(() => ({ delay: (attempt: number) => { calls.push(attempt); return 1; } })),
    };
    await settle(clock, execute(() => Promise.reject(new Error('x')), { clock, maxAttempts: 3, backoff }));
    expect(backoff.forCall).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([0, 1]);
  });

  it('treats NaN, negative and infinite custom delays safely', async () => {
    const clock = useClock();
    const delays = [Number.NaN, -5, Infinity];
    let i = 0;
    const times: number[] = [];
    const start = clock.now();
    const out = await settle(
      clock,
      execute(() => { times.push(clock.now() - start); return Promise.reject(new Error('x')); }, { clock, maxAttempts: 4, maxDelay: 250, backoff: { delay: () => delays[i++] as number } }),
    );
    expect(out.ok).toBe(false);
    expect(times).toEqual([0, 0, 0, 250]);
  });

  it('jitters with the call random when the retry strategy has none of its own (a seeded policy run is reproducible)', async () => {
    const clock = useClock();
    const start = clock.now();
    const times: number[] = [];
    const failing = (): Promise<never> => {
      times.push(clock.now() - start);
      return Promise.reject(new Error('down'));
    };
    const run = async (strategy: ReturnType<typeof retry>): Promise<number[]> => {
      times.length = 0;
      const t0 = clock.now();
      await settle(clock, policy(strategy).execute(failing, { clock, random: () => 0.5 }));
      return times.map((t) => t - (t0 - start));
    };
    // Full jitter (the default) draws random() × 100 ms, then × 200 ms.
    expect(await run(retry({ maxAttempts: 3 }))).toEqual([0, 50, 150]);
    // A named backoff too: equal jitter waits 50 ms + random() × 50 ms.
    expect(await run(retry({ maxAttempts: 2, backoff: 'equalJitter' }))).toEqual([0, 75]);
    // The strategy's own random wins over the call's.
    expect(await run(retry({ maxAttempts: 2, random: () => 0 }))).toEqual([0, 0]);
  });
});
