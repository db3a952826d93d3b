import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settle, useClock } from '../../test/helpers/clock.js';
import type { RetryThrottledEvent } from '../core/telemetry/events.js';
import { hedge } from '../hedge/hedge.js';
import { execute } from '../policy/execute.js';
import { policy } from '../policy/policy.js';
import { retry } from '../retry/retry.js';
import type { RetryBudgetOptions } from './options.js';
import { RetryBudget } from './retry-budget.js';
import { refillOnSuccess, spendRetry } from './token-budget.js';

describe('retry budget arithmetic (pure)', () => {
  it('never goes below zero or above capacity, and allows a retry exactly when it can pay for it', () => {
    const config = fc.record({ capacity: fc.integer({ min: 1, max: 50 }), retryCost: fc.double({ min: 0.1, max: 10, noNaN: true }), successRefill: fc.double({ min: 0.1, max: 10, noNaN: true }) });
    fc.assert(
      fc.property(config, fc.array(fc.boolean(), { maxLength: 200 }), (c, ops) => {
        fc.pre(c.retryCost <= c.capacity);
        const s = { tokens: c.capacity };
        for (const retrying of ops) {
          const before = s.tokens;
          if (retrying) {
            expect(spendRetry(s, c)).toBe(before >= c.retryCost);
          } else {
            refillOnSuccess(s, c);
          }
          expect(s.tokens).toBeGreaterThanOrEqual(0);
          expect(s.tokens).toBeLessThanOrEqual(c.capacity);
        }
      }),
    );
  });
});

describe('RetryBudget', () => {
  it('starts full with 500 tokens, a retry costs 5 and a success returns 1', () => {
    const budget = new RetryBudget();
    expect([budget.capacity, budget.tokens]).toEqual([500, 500]);
    let allowed = 0;
    while (budget.tryRetry()) allowed++;
    expect(allowed).toBe(100);
    expect(budget.tokens).toBe(0);
    for (let i = 0; i < 4; i++) budget.onSuccess();
    expect(budget.tryRetry()).toBe(false);
    budget.onSuccess();
    expect(budget.tryRetry()).toBe(true);
  });

  it('never refills above capacity', () => {
    const budget = new RetryBudget({ capacity: 10, retryCost: 3, successRefill: 2 });
    budget.tryRetry();
    budget.onSuccess();
    budget.onSuccess();
    expect(budget.tokens).toBe(10);
  });

  it('ends retrying at once when empty: the last error is thrown and onRetryThrottled says why', async () => {
    const clock = useClock();
    const budget = new RetryBudget({ capacity: 10, retryCost: 5, name: 'orders-api' });
    const throttled: Pick<RetryThrottledEvent, 'attempt' | 'budget'>[] = [];
    let calls = 0;
    const call = execute(
      () => {
        calls++;
        return Promise.reject(new Error(`failure ${String(calls)}`));
      },
      { clock, maxAttempts: 10, retryBudget: budget, instrumenter: { onRetryThrottled: ({ attempt, budget: b }) => throttled.push({ attempt, budget: b }) } },
    );
    const result = await settle(clock, call);
    expect(result).toMatchObject({ ok: false, error: { message: 'failure 3' } });
    expect(calls).toBe(3); // the first attempt is free; two retries spent the 10 tokens
    expect(throttled).toEqual([{ attempt: 3, budget: 'orders-api' }]);
    expect(budget.tokens).toBe(0);
  });

  it('is shared across calls and refilled by their successes', async () => {
    const clock = useClock();
    const budget = new RetryBudget({ capacity: 5, retryCost: 5, successRefill: 5 });
    let flaky = 0;
    const p = policy(retry({ maxAttempts: 3, retryBudget: budget }));
    const first = await settle(clock, p.execute(() => (flaky++ === 0 ? Promise.reject(new Error('once')) : 'ok'), { clock }));
    expect(first).toEqual({ ok: true, value: 'ok' });
    expect(budget.tokens).toBe(5); // spent 5 on the retry, got 5 back for the success
    const failing = await settle(clock, p.execute(() => Promise.reject(new Error('down')), { clock }));
    expect(failing).toMatchObject({ ok: false, error: { message: 'down' } });
    expect(budget.tokens).toBe(0);
  });

  it('stops new hedges when empty, without cancelling the attempt in flight', async () => {
    const clock = useClock();
    const budget = new RetryBudget({ capacity: 5, retryCost: 5 });
    budget.tryRetry();
    let started = 0;
    const call = policy(hedge({ hedgingDelay: 10, maxAttempts: 3, retryBudget: budget })).execute(
      () => {
        started++;
        return new Promise<string>((resolve) => clock.setTimer(100, () => { resolve('slow but fine'); }));
      },
      { clock },
    );
    await expect(settle(clock, call)).resolves.toEqual({ ok: true, value: 'slow but fine' });
    expect(started).toBe(1);
  });

  it.each<[RetryBudgetOptions | number, string, 'TypeError' | 'RangeError']>([
    [5, 'RetryBudget: options must be an object (got 5)', 'TypeError'],
    [{ capacity: 0 }, 'RetryBudget: capacity must be a positive integer (got 0)', 'RangeError'],
    [{ capacity: 10.5 }, 'RetryBudget: capacity must be a positive integer (got 10.5)', 'RangeError'],
    [{ retryCost: 0 }, 'RetryBudget: retryCost must be a positive finite number (got 0)', 'RangeError'],
    [{ retryCost: '5' as never }, 'RetryBudget: retryCost must be a positive finite number (got "5")', 'TypeError'],
    [{ successRefill: -1 }, 'RetryBudget: successRefill must be a positive finite number (got -1)', 'RangeError'],
    [{ successRefill: Infinity }, 'RetryBudget: successRefill must be a positive finite number (got Infinity)', 'RangeError'],
    [{ capacity: 4, retryCost: 5 }, 'RetryBudget: retryCost must be at most capacity (4) (got 5)', 'RangeError'],
    [{ name: 1 as never }, 'RetryBudget: name must be a string (got 1)', 'TypeError'],
  ])('new RetryBudget(%j) throws', (options, message, type) => {
    const make = (): RetryBudget => new RetryBudget(options as RetryBudgetOptions);
    expect(make).toThrow(type === 'TypeError' ? TypeError : RangeError);
    expect(make).toThrow(message);
  });

  it('validates the retryBudget option of execute, retry and hedge', () => {
    expect(() => execute(() => 1, { retryBudget: 5 as never })).toThrow(new TypeError('execute: retryBudget must be a RetryBudget (got 5)'));
    expect(() => execute(() => 1, { retryBudget: { tryRetry: () => true } as never })).toThrow(new TypeError('execute: retryBudget must be a RetryBudget (got an object)'));
    expect(() => retry({ retryBudget: null as never })).toThrow(new TypeError('retry: retryBudget must be a RetryBudget (got null)'));
    expect(() => hedge({ hedgingDelay: 5, retryBudget: 'shared' as never })).toThrow(new TypeError('hedge: retryBudget must be a RetryBudget (got "shared")'));
  });
});
