import { describe, expect, it, vi } from 'vitest';
import { delay, settle, useClock } from '../../test/helpers/clock.js';
import { withTestingBypass } from '../core/ambient.js';
import { fatal } from '../core/errors/fatal.js';
import { HedgeLostError } from '../core/errors/hedge-lost-error.js';
import { RetryExhaustedError } from '../core/errors/retry-exhausted-error.js';
import { trackedSignal } from '../testing/tracked-signal.js';
import { execute } from '../policy/execute.js';
import { policy } from '../policy/policy.js';
import type { RetryBudgetLike } from '../retry/options.js';
import { hedge } from './hedge.js';

/** An action whose attempt n takes latencies[n] ms (virtual) and then resolves or rejects. */
function scripted(clock: ReturnType<typeof useClock>, latencies: number[], fail: (attempt: number) => boolean = () => false) {
  const started: { attempt: number; at: number; signal: AbortSignal }[] = [];
  const action = vi.fn(async ({ attempt, signal }: { attempt: number; signal: AbortSignal }) => {
    started.push({ attempt, at: clock.now(), signal });
    await delay(clock, latencies[attempt] ?? 0, signal);
    if (fail(attempt)) throw new Error(`attempt ${String(attempt)} failed`);
    return attempt;
  });
  return { action, started };
}

describe('hedging', () => {
  it('starts another attempt after hedgingDelay; the first success wins and the loser is aborted', async () => {
    const clock = useClock();
    const t0 = clock.now();
    const { action, started } = scripted(clock, [1000, 50]);
    const out = await settle(clock, execute(action, { clock, hedgingDelay: 100, maxAttempts: 3 }));
    expect(out).toEqual({ ok: true, value: 1 });
    expect(started.map((s) => [s.attempt, s.at - t0])).toEqual([[0, 0], [1, 100]]);
    expect(started[0]?.signal.aborted).toBe(true);
    expect(started[0]?.signal.reason).toBeInstanceOf(HedgeLostError);
    expect((started[0]?.signal.reason as HedgeLostError).winner).toBe(1);
    expect(started[1]?.signal.aborted).toBe(false);
    expect(clock.now() - t0).toBe(150);
  });

  it('never starts more than maxAttempts, all of them concurrently at most', async () => {
    const clock = useClock();
    const { action, started } = scripted(clock, [500, 500, 500, 500]);
    const out = await settle(clock, execute(action, { clock, hedgingDelay: 10, maxAttempts: 3 }));
    expect(out).toEqual({ ok: true, value: 0 });
    expect(started).toHaveLength(3);
  });

  it('replaces a fast retryable failure at once, without waiting for the delay', async () => {
    const clock = useClock();
    const t0 = clock.now();
    const { action, started } = scripted(clock, [5, 20], (a) => a === 0);
    const out = await settle(clock, execute(action, { clock, hedgingDelay: 1000, maxAttempts: 2 }));
    expect(out).toEqual({ ok: true, value: 1 });
    expect(started.map((s) => s.at - t0)).toEqual([0, 5]);
  });

  it('ends everything on a non-retryable error and aborts the others', async () => {
    const clock = useClock();
    const bad = new Error('bad request');
    const signals: AbortSignal[] = [];
    const action = vi.fn(async ({ attempt, signal }: { attempt: number; signal: AbortSignal }) => {
      signals.push(signal);
      if (attempt === 1) throw fatal(bad);
      await delay(clock, 1000, signal);
      return attempt;
    });
    const out = await settle(clock, execute(action, { clock, hedgingDelay: 10, maxAttempts: 3 }));
    expect(out).toEqual({ ok: false, error: bad });
    expect(signals[0]?.reason).toBeInstanceOf(HedgeLostError);
    expect(action).toHaveBeenCalledTimes(2);
  });

  it('throws RetryExhaustedError with errors in attempt order when every attempt fails', async () => {
    const clock = useClock();
    const { action } = scripted(clock, [300, 100, 10], () => true);
    const out = await settle(clock, execute(action, { clock, hedgingDelay: 20, maxAttempts: 3 }));
    const error = (out as { error: RetryExhaustedError }).error;
    expect(error).toBeInstanceOf(RetryExhaustedError);
    expect(error.errors.map((e: Error) => e.message)).toEqual(['attempt 0 failed', 'attempt 1 failed', 'attempt 2 failed']);
    expect(error.attempts).toBe(3);
  });

  it('caller abort stops every attempt and removes its listener', async () => {
    const clock = useClock();
    const t = trackedSignal();
    const { action, started } = scripted(clock, [1000, 1000]);
    const p = execute(action, { clock, hedgingDelay: 10, maxAttempts: 2, signal: t.signal });
    const outcome = p.catch((e: unknown) => e);
    await clock.advance(20);
    t.abort('gone');
    expect(await outcome).toBe('gone');
    expect(started.every((s) => s.signal.aborted)).toBe(true);
    expect(t.listeners).toBe(0);
    await clock.runAll();
  });

  it('a retry budget that refuses stops new hedges', async () => {
    const clock = useClock();
    const budget: RetryBudgetLike = { name: 'b', tryRetry: vi.fn(() => false), onSuccess: vi.fn() };
    const { action, started } = scripted(clock, [200, 10]);
    const throttled = vi.fn();
    const out = await settle(clock, execute(action, { clock, hedgingDelay: 50, maxAttempts: 3, retryBudget: budget, instrumenter: { onRetryThrottled: throttled } }));
    expect(out).toEqual({ ok: true, value: 0 });
    expect(started).toHaveLength(1);
    expect(throttled).toHaveBeenCalledTimes(1);
    expect(budget.onSuccess).toHaveBeenCalledTimes(1);
  });

  it('an asynchronous budget is awaited before a hedge starts', async () => {
    const clock = useClock();
    const budget: RetryBudgetLike = { tryRetry: () => Promise.resolve(true), onSuccess: () => undefined };
    const { action, started } = scripted(clock, [200, 10]);
    const out = await settle(clock, execute(action, { clock, hedgingDelay: 50, maxAttempts: 2, retryBudget: budget }));
    expect(out).toEqual({ ok: true, value: 1 });
    expect(started).toHaveLength(2);
  });

  it('with the testing bypass hedges start without delay', async () => {
    const clock = useClock();
    const { action, started } = scripted(clock, [100, 100, 100]);
    const t0 = clock.now();
    await settle(clock, withTestingBypass(() => execute(action, { clock, hedgingDelay: 5000, maxAttempts: 3 })));
    expect(started.map((s) => s.at - t0)).toEqual([0, 0, 0]);
  });

  it('retryIfResult: a rejected value triggers the next attempt; the last value is returned', async () => {
    const clock = useClock();
    const action = vi.fn(({ attempt }: { attempt: number }) => Promise.resolve({ status: attempt < 2 ? 503 : 200 }));
    const out = await settle(clock, execute(action, { clock, hedgingDelay: 100, maxAttempts: 3, retryIfResult: (r) => r.status === 503 }));
    expect(out).toEqual({ ok: true, value: { status: 200 } });
    const allBad = await settle(clock, execute(() => Promise.resolve(503), { clock, hedgingDelay: 1, maxAttempts: 2, retryIfResult: () => true }));
    expect(allBad).toEqual({ ok: true, value: 503 });
  });

  it('hedge() builds a reusable strategy (default 2 attempts) and validates its options', async () => {
    const clock = useClock();
    const { action, started } = scripted(clock, [1000, 1000, 1000]);
    const p = policy(hedge({ hedgingDelay: 100 }));
    expect(await settle(clock, p.execute(action, { clock }))).toEqual({ ok: true, value: 0 });
    expect(started).toHaveLength(2);
    expect(() => hedge({} as never)).toThrow(new TypeError('hedge: hedgingDelay must be a non-negative finite number of milliseconds (got undefined)'));
    expect(() => hedge({ hedgingDelay: -1 })).toThrow(new RangeError('hedge: hedgingDelay must be a non-negative finite number of milliseconds (got -1)'));
  });
});
