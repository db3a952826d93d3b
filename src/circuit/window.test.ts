import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeBreaker, type CircuitBreakerOptions } from './options.js';
import { createWindow, recordCall, shouldTrip, windowStats } from './window.js';

interface Call {
  readonly t: number;
  readonly failed: boolean;
  readonly slow: boolean;
}

const calls = fc.array(fc.record({ dt: fc.integer({ min: 0, max: 3000 }), failed: fc.boolean(), slow: fc.boolean() }), { maxLength: 300 });

/** Brute force: what a window of `options` should hold at `now`, from the full call history. */
function expected(options: CircuitBreakerOptions, history: readonly Call[], now: number): { calls: number; failures: number; slow: number } {
  const config = normalizeBreaker(options);
  let held: readonly Call[];
  if (config.window === 'consecutive') {
    let run = 0;
    for (const c of history) run = c.failed ? run + 1 : 0;
    return { calls: run, failures: run, slow: 0 };
  } else if (config.window === 'count') {
    held = history.slice(-config.windowSize);
  } else {
    const bucketMs = config.windowSize / 10;
    const current = Math.floor(now / bucketMs);
    held = history.filter((c) => Math.floor(c.t / bucketMs) > current - 10);
  }
  return { calls: held.length, failures: held.filter((c) => c.failed).length, slow: held.filter((c) => c.slow).length };
}

function check(options: CircuitBreakerOptions): void {
  fc.assert(
    fc.property(calls, (steps) => {
      const config = normalizeBreaker(options);
      const w = createWindow(config);
      const history: Call[] = [];
      let now = 1_700_000_000_000;
      for (const { dt, failed, slow } of steps) {
        now += dt;
        recordCall(w, now, failed, slow);
        history.push({ t: now, failed, slow });
        const want = expected(options, history, now);
        expect(windowStats(w, now)).toEqual(want);
        if (config.window !== 'consecutive') {
          const trips =
            want.calls >= config.minimumCalls &&
            (want.failures / want.calls >= config.failureRateThreshold / 100 ||
              (config.slowCallThreshold !== Infinity && want.slow / want.calls >= config.slowCallRateThreshold / 100));
          expect(shouldTrip(w, now, config)).toBe(trips);
        } else {
          expect(shouldTrip(w, now, config)).toBe(want.failures >= config.failureThreshold);
        }
      }
    }),
  );
}

describe('breaker windows match brute-force counts', () => {
  it('consecutive', () => {
    check({ failureThreshold: 4 });
  });
  it('count (small and default sizes)', () => {
    check({ window: 'count', windowSize: 7, minimumCalls: 3, failureRateThreshold: 40 });
    check({ window: 'count', slowCallThreshold: 100, slowCallRateThreshold: 30 });
  });
  it('time (bucket-aligned sliding window)', () => {
    check({ window: 'time', windowSize: 10_000, minimumCalls: 5, failureRateThreshold: 60 });
    check({ window: 'time', windowSize: 999, minimumCalls: 1, failureRateThreshold: 100, slowCallThreshold: 5, slowCallRateThreshold: 50 });
  });
});
