import { describe, expect, it } from 'vitest';
import { settle, useClock } from '../../test/helpers/clock.js';
import { switchableStore } from '../../test/helpers/stores.js';
import { execute } from '../policy/execute.js';
import { memoryStore } from '../store/memory-store.js';
import type { StoreErrorMode } from '../store/store.js';
import { RetryBudget } from './retry-budget.js';

describe('RetryBudget with a store', () => {
  it('retries of every process spend one budget and their successes refill it', async () => {
    const clock = useClock();
    const store = memoryStore();
    const a = new RetryBudget({ capacity: 10, retryCost: 5, successRefill: 5, name: 'api', clock, store });
    const b = new RetryBudget({ capacity: 10, retryCost: 5, successRefill: 5, name: 'api', clock, store });
    expect(await a.tryRetry()).toBe(true);
    expect(await b.tryRetry()).toBe(true);
    expect(await a.tryRetry()).toBe(false);
    expect(b.tokens).toBe(0);
    b.onSuccess();
    expect(await a.tryRetry()).toBe(true);
  });

  it('batches successes: reported once per flush interval, or with the next retry', async () => {
    const clock = useClock();
    const store = memoryStore({ flushInterval: 100 });
    const a = new RetryBudget({ capacity: 10, retryCost: 10, successRefill: 1, name: 'api', clock, store });
    const b = new RetryBudget({ capacity: 10, retryCost: 10, successRefill: 1, name: 'api', clock, store });
    expect(await a.tryRetry()).toBe(true);
    for (let i = 0; i < 4; i++) b.onSuccess();
    await clock.advance(99);
    expect(a.tokens).toBe(0);
    await clock.advance(1);
    expect(b.tokens).toBe(4);
    for (let i = 0; i < 6; i++) a.onSuccess();
    expect(await b.tryRetry()).toBe(false); // a's six are not reported yet
    expect(await a.tryRetry()).toBe(true); // they travel with a's retry
    await clock.runAll();
  });

  it.each<[StoreErrorMode, boolean[]]>([
    ['local', [true, true, false]],
    ['allow', [true, true, true]],
    ['deny', [false, false, false]],
  ])('store down, onStoreError %s', async (mode, decisions) => {
    const clock = useClock();
    const store = switchableStore(memoryStore(), mode);
    const budget = new RetryBudget({ capacity: 10, retryCost: 5, name: 'api', clock, store });
    store.down = true;
    expect([await budget.tryRetry(), await budget.tryRetry(), await budget.tryRetry()]).toEqual(decisions);
    store.down = false;
    expect(await budget.tryRetry()).toBe(true);
  });

  it('plugs into execute: an exhausted shared budget stops retrying', async () => {
    const clock = useClock();
    const store = memoryStore();
    const budget = new RetryBudget({ capacity: 5, retryCost: 5, name: 'api', clock, store });
    let calls = 0;
    const out = await settle(clock, execute(() => Promise.reject(new Error(`fail ${String(++calls)}`)), { clock, maxAttempts: 5, retryBudget: budget }));
    expect(out).toMatchObject({ ok: false, error: { message: 'fail 2' } });
  });
});
