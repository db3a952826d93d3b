import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';
import type { CircuitBreakerOptions } from './options.js';

function build(options: unknown): () => CircuitBreaker {
  return () => new CircuitBreaker(options as CircuitBreakerOptions);
}

describe('CircuitBreaker options', () => {
  it('has the documented defaults', () => {
    const consecutive = new CircuitBreaker();
    expect(consecutive.state).toBe('closed');
    expect(consecutive.snapshot()).toMatchObject({ state: 'closed', calls: 0, failures: 0, failureRate: 0 });
    expect(new CircuitBreaker({ window: 'count' }).snapshot().data.window).toMatchObject({ kind: 'count', size: 100 });
    expect(new CircuitBreaker({ window: 'time' }).snapshot().data.window).toMatchObject({ kind: 'time', buckets: { bucketMs: 6000 } });
  });

  it.each<[unknown, string, 'TypeError' | 'RangeError']>([
    [5, 'CircuitBreaker: options must be an object (got 5)', 'TypeError'],
    [{ window: 'sliding' }, `CircuitBreaker: window must be one of 'consecutive', 'count', 'time' (got "sliding")`, 'RangeError'],
    [{ window: 1 }, `CircuitBreaker: window must be one of 'consecutive', 'count', 'time' (got 1)`, 'TypeError'],
    [{ failureThreshold: 0 }, 'CircuitBreaker: failureThreshold must be a positive integer (got 0)', 'RangeError'],
    [{ failureThreshold: 1.5 }, 'CircuitBreaker: failureThreshold must be a positive integer (got 1.5)', 'RangeError'],
    [{ failureThreshold: '5' }, 'CircuitBreaker: failureThreshold must be a positive integer (got "5")', 'TypeError'],
    [{ window: 'count', windowSize: 0 }, 'CircuitBreaker: windowSize must be a positive integer (got 0)', 'RangeError'],
    [{ window: 'count', windowSize: 10.5 }, 'CircuitBreaker: windowSize must be a positive integer (got 10.5)', 'RangeError'],
    [{ window: 'time', windowSize: -1 }, 'CircuitBreaker: windowSize must be a positive finite number of milliseconds (got -1)', 'RangeError'],
    [{ window: 'time', windowSize: Infinity }, 'CircuitBreaker: windowSize must be a positive finite number of milliseconds (got Infinity)', 'RangeError'],
    [{ window: 'count', failureRateThreshold: 0 }, 'CircuitBreaker: failureRateThreshold must be a percentage greater than 0 and at most 100 (got 0)', 'RangeError'],
    [{ window: 'count', failureRateThreshold: 101 }, 'CircuitBreaker: failureRateThreshold must be a percentage greater than 0 and at most 100 (got 101)', 'RangeError'],
    [{ window: 'time', failureRateThreshold: NaN }, 'CircuitBreaker: failureRateThreshold must be a percentage greater than 0 and at most 100 (got NaN)', 'RangeError'],
    [{ window: 'count', minimumCalls: 0 }, 'CircuitBreaker: minimumCalls must be a positive integer (got 0)', 'RangeError'],
    [{ window: 'count', windowSize: 20, minimumCalls: 21 }, 'CircuitBreaker: minimumCalls must be at most windowSize (20) (got 21)', 'RangeError'],
    [{ window: 'count', minimumCalls: 101 }, 'CircuitBreaker: minimumCalls must be at most windowSize (100) (got 101)', 'RangeError'],
    [{ window: 'count', slowCallThreshold: 0 }, 'CircuitBreaker: slowCallThreshold must be a positive finite number of milliseconds (got 0)', 'RangeError'],
    [{ window: 'count', slowCallThreshold: 100, slowCallRateThreshold: 0 }, 'CircuitBreaker: slowCallRateThreshold must be a percentage greater than 0 and at most 100 (got 0)', 'RangeError'],
    [{ window: 'time', slowCallRateThreshold: 50 }, 'CircuitBreaker: slowCallRateThreshold must be unset unless slowCallThreshold is set (got 50)', 'RangeError'],
    [{ windowSize: 100 }, `CircuitBreaker: windowSize must be unset with window 'consecutive' (it applies to 'count' and 'time' windows) (got 100)`, 'RangeError'],
    [{ failureRateThreshold: 50 }, `CircuitBreaker: failureRateThreshold must be unset with window 'consecutive' (it applies to 'count' and 'time' windows) (got 50)`, 'RangeError'],
    [{ minimumCalls: 5 }, `CircuitBreaker: minimumCalls must be unset with window 'consecutive' (it applies to 'count' and 'time' windows) (got 5)`, 'RangeError'],
    [{ slowCallThreshold: 1000 }, `CircuitBreaker: slowCallThreshold must be unset with window 'consecutive' (it applies to 'count' and 'time' windows) (got 1000)`, 'RangeError'],
    [{ window: 'count', failureThreshold: 3 }, `CircuitBreaker: failureThreshold must be unset with window 'count' (it applies to the 'consecutive' window) (got 3)`, 'RangeError'],
    [{ window: 'time', failureThreshold: 3 }, `CircuitBreaker: failureThreshold must be unset with window 'time' (it applies to the 'consecutive' window) (got 3)`, 'RangeError'],
    [{ resetTimeout: 0 }, 'CircuitBreaker: resetTimeout must be a positive finite number of milliseconds (got 0)', 'RangeError'],
    [{ resetTimeout: '1s' }, 'CircuitBreaker: resetTimeout must be a positive finite number of milliseconds (got "1s")', 'TypeError'],
    [{ resetBackoff: 0.5 }, 'CircuitBreaker: resetBackoff must be a finite number of at least 1 (got 0.5)', 'RangeError'],
    [{ resetBackoff: Infinity }, 'CircuitBreaker: resetBackoff must be a finite number of at least 1 (got Infinity)', 'RangeError'],
    [{ maxResetTimeout: 0 }, 'CircuitBreaker: maxResetTimeout must be a positive finite number of milliseconds (got 0)', 'RangeError'],
    [{ resetTimeout: 60_000, maxResetTimeout: 30_000 }, 'CircuitBreaker: maxResetTimeout must be at least resetTimeout (60000) (got 30000)', 'RangeError'],
    [{ maxResetTimeout: 1_000 }, 'CircuitBreaker: maxResetTimeout must be at least resetTimeout (30000) (got 1000)', 'RangeError'],
    [{ halfOpenMaxCalls: 0 }, 'CircuitBreaker: halfOpenMaxCalls must be a positive integer (got 0)', 'RangeError'],
    [{ successThreshold: -1 }, 'CircuitBreaker: successThreshold must be a positive integer (got -1)', 'RangeError'],
    [{ isFailure: true }, 'CircuitBreaker: isFailure must be a function (got true)', 'TypeError'],
    [{ name: 42 }, 'CircuitBreaker: name must be a string (got 42)', 'TypeError'],
    [{ clock: {} }, 'CircuitBreaker: clock must be a Clock (an object with now and setTimer) (got an object)', 'TypeError'],
    [{ instrumenter: 'log' }, 'CircuitBreaker: instrumenter must be an Instrumenter object or an array of them (got "log")', 'TypeError'],
  ])('rejects %j', (options, message, type) => {
    expect(build(options)).toThrow(message);
    expect(build(options)).toThrow(type === 'TypeError' ? TypeError : RangeError);
    try {
      build(options)();
    } catch (error) {
      expect((error as Error).message).toBe(message);
    }
  });

  it('lowers the default minimumCalls for a small count window instead of refusing it', () => {
    expect(() => new CircuitBreaker({ window: 'count', windowSize: 4 })).not.toThrow();
  });

  it('accepts a full, consistent configuration', () => {
    expect(
      () =>
        new CircuitBreaker({
          window: 'time',
          windowSize: 10_000,
          failureRateThreshold: 25,
          minimumCalls: 20,
          slowCallThreshold: 2_000,
          slowCallRateThreshold: 80,
          resetTimeout: 5_000,
          resetBackoff: 2,
          maxResetTimeout: 60_000,
          halfOpenMaxCalls: 3,
          successThreshold: 2,
          isFailure: () => true,
          name: 'payments',
        }),
    ).not.toThrow();
  });
});
