// How the breaker, chaos, the retry budget and the adaptive throttle sit in execute's fixed order:
// fallback → … → adaptive throttle → … → retry → deadline → attempt timeout → breaker → chaos → action.
import { describe, expect, it } from 'vitest';
import {
  AdaptiveThrottle,
  CircuitBreaker,
  CircuitOpenError,
  DeadlineExceededError,
  RetryBudget,
  TimeoutError,
  circuitBreaker,
  execute,
  policy,
  retry,
  type GiveUpEvent,
} from '../../src/index.js';
import { settle, useClock } from '../helpers/clock.js';

const boom = (): Promise<never> => Promise.reject(new Error('boom'));

describe('circuit breaker inside execute', () => {
  it('counts every attempt as one sample', async () => {
    const clock = useClock();
    const cb = new CircuitBreaker({ clock, failureThreshold: 3 });
    await settle(clock, execute(boom, { clock, maxAttempts: 3, circuitBreaker: cb }));
    expect(cb.state).toBe('open');
  });

  it('an open circuit ends the retry loop at once: no sleep, no further attempt', async () => {
    const clock = useClock();
    const cb = new CircuitBreaker({ clock, failureThreshold: 2 });
    let attempts = 0;
    const giveUps: GiveUpEvent['reason'][] = [];
    const call = execute(
      () => {
        attempts++;
        return boom();
      },
      { clock, maxAttempts: 5, circuitBreaker: cb, instrumenter: { onGiveUp: (e) => giveUps.push(e.reason) } },
    );
    const result = await settle(clock, call);
    expect(attempts).toBe(2);
    expect(result.ok ? undefined : result.error).toBeInstanceOf(CircuitOpenError);
    expect(giveUps).toEqual(['circuit-open']);

    const before = clock.now();
    const next = await settle(clock, execute(boom, { clock, maxAttempts: 5, circuitBreaker: cb }));
    expect(next.ok ? undefined : next.error).toBeInstanceOf(CircuitOpenError);
    expect(clock.now()).toBe(before);
  });

  it('a per-attempt timeout is a failure (the dependency was too slow)', async () => {
    const clock = useClock();
    const cb = new CircuitBreaker({ clock, failureThreshold: 1 });
    const result = await settle(clock, execute(() => new Promise(() => undefined), { clock, maxAttempts: 1, attemptTimeout: 100, circuitBreaker: cb }));
    expect(result.ok ? undefined : result.error).toBeInstanceOf(TimeoutError);
    expect(cb.state).toBe('open');
  });

  it('the call’s deadline is not a failure', async () => {
    const clock = useClock();
    const cb = new CircuitBreaker({ clock, failureThreshold: 1 });
    const result = await settle(clock, execute(() => new Promise(() => undefined), { clock, timeout: 100, circuitBreaker: cb }));
    expect(result.ok ? undefined : result.error).toBeInstanceOf(DeadlineExceededError);
    expect(cb.state).toBe('closed');
  });

  it('a hedge that lost is not a failure', async () => {
    const clock = useClock();
    const cb = new CircuitBreaker({ clock, failureThreshold: 1 });
    const call = execute(
      ({ attempt, signal }) =>
        attempt === 0
          ? new Promise((_, reject) => {
              signal.addEventListener('abort', () => {
                reject(signal.reason);
              });
            })
          : 'second wins',
      { clock, hedgingDelay: 10, maxAttempts: 2, circuitBreaker: cb },
    );
    await expect(settle(clock, call)).resolves.toEqual({ ok: true, value: 'second wins' });
    expect(cb.state).toBe('closed');
  });

  it('a hedge refused by the breaker does not abort the attempt in flight', async () => {
    const clock = useClock();
    const cb = new CircuitBreaker({ clock, failureThreshold: 1, resetTimeout: 1_000 });
    await cb.execute(boom).catch(() => undefined);
    await clock.advance(1_000);
    let started = 0;
    const call = execute(
      () => {
        started++;
        return new Promise<string>((resolve) => clock.setTimer(100, () => { resolve('probe answered'); }));
      },
      { clock, hedgingDelay: 10, maxAttempts: 3, circuitBreaker: cb },
    );
    await expect(settle(clock, call)).resolves.toEqual({ ok: true, value: 'probe answered' });
    expect([started, cb.state]).toEqual([1, 'closed']);
  });

  it('when the attempt in flight then fails, the call fails with every attempt’s error', async () => {
    const clock = useClock();
    const cb = new CircuitBreaker({ clock, failureThreshold: 1, resetTimeout: 1_000 });
    await cb.execute(boom).catch(() => undefined);
    await clock.advance(1_000);
    const call = execute(() => new Promise((_, reject) => clock.setTimer(100, () => { reject(new Error('probe failed')); })), {
      clock,
      hedgingDelay: 10,
      maxAttempts: 3,
      circuitBreaker: cb,
    });
    const result = await settle(clock, call);
    expect(result.ok ? undefined : (result.error as AggregateError).errors.map((e: unknown) => (e as Error).name)).toEqual(['Error', 'CircuitOpenError']);
    expect(cb.state).toBe('open');
  });

  it('chaos sits inside the breaker: injected faults trip it like real ones', async () => {
    const clock = useClock();
    const cb = new CircuitBreaker({ clock, failureThreshold: 3 });
    let ran = 0;
    await settle(clock, execute(() => ++ran, { clock, maxAttempts: 3, circuitBreaker: cb, chaos: { errorProbability: 1 } }));
    expect([ran, cb.state]).toEqual([0, 'open']);
  });

  it('fallback answers an open circuit', async () => {
    const clock = useClock();
    const cb = new CircuitBreaker({ clock });
    cb.isolate();
    const value = await execute(() => 'live', { clock, circuitBreaker: cb, fallback: (e) => (e instanceof CircuitOpenError ? 'cached' : 'other') });
    expect(value).toBe('cached');
  });

  it('the same breaker works as a policy strategy', async () => {
    const clock = useClock();
    const cb = new CircuitBreaker({ clock, failureThreshold: 2 });
    const p = policy(retry({ maxAttempts: 4, baseDelay: 1 }), circuitBreaker(cb));
    const result = await settle(clock, p.execute(boom, { clock }));
    expect(result.ok ? undefined : result.error).toBeInstanceOf(CircuitOpenError);
  });

  it('layered defence: throttle outside, budget bounding retries, breaker per attempt', async () => {
    const clock = useClock();
    const cb = new CircuitBreaker({ clock, window: 'count', windowSize: 20, minimumCalls: 20 });
    const budget = new RetryBudget({ capacity: 10, retryCost: 5 });
    const throttle = new AdaptiveThrottle({ clock });
    let attempts = 0;
    for (let i = 0; i < 5; i++) {
      await settle(
        clock,
        execute(
          () => {
            attempts++;
            return boom();
          },
          { clock, maxAttempts: 3, retryBudget: budget, circuitBreaker: cb, adaptiveThrottle: throttle },
        ),
      );
    }
    // Five calls: five first attempts plus the two retries the budget could pay for.
    expect(attempts).toBe(7);
    expect(throttle.requests).toBe(5);
    expect(cb.snapshot()).toMatchObject({ calls: 7, failures: 7, state: 'closed' });
  });
});
