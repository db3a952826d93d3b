import { describe, expect, it } from 'vitest';
import { normalizeBreaker, type CircuitBreakerOptions } from './options.js';
import { createBreakerState, openDuration, type BreakerState } from './state.js';
import { admit, isolate, observe, record, reset } from './transitions.js';
import { windowStats } from './window.js';

const T0 = 1_000_000;

function setup(options: CircuitBreakerOptions = {}): { s: BreakerState; config: ReturnType<typeof normalizeBreaker> } {
  const config = normalizeBreaker(options);
  return { s: createBreakerState(config, T0), config };
}

describe('breaker transitions (pure, synthetic time)', () => {
  it('consecutive: opens after failureThreshold failures in a row; a success ends the run', () => {
    const { s, config } = setup({ failureThreshold: 3, resetTimeout: 1000 });
    record(s, T0, 'failure', false, config);
    record(s, T0, 'failure', false, config);
    record(s, T0, 'success', false, config);
    record(s, T0, 'failure', false, config);
    record(s, T0, 'failure', false, config);
    expect(s.phase).toBe('closed');
    record(s, T0 + 5, 'failure', false, config);
    expect(s).toMatchObject({ phase: 'open', openUntil: T0 + 1005, generation: 1, changedAt: T0 + 5 });
  });

  it('cancelled calls never count', () => {
    const { s, config } = setup({ failureThreshold: 1 });
    record(s, T0, 'cancelled', false, config);
    expect(s.phase).toBe('closed');
    expect(windowStats(s.window, T0).calls).toBe(0);
  });

  it('open: refuses with the time left until the next probe, then admits one probe at resetTimeout', () => {
    const { s, config } = setup({ failureThreshold: 1, resetTimeout: 1000 });
    record(s, T0, 'failure', false, config);
    expect(admit(s, T0 + 400, config)).toEqual({ allowed: false, reason: 'open', retryAfter: 600 });
    expect(admit(s, T0 + 1000, config)).toEqual({ allowed: true, probe: true });
    expect(s.phase).toBe('half-open');
    expect(admit(s, T0 + 1000, config)).toEqual({ allowed: false, reason: 'half-open', retryAfter: undefined });
  });

  it('half-open: admits halfOpenMaxCalls probes at once and closes after successThreshold successes', () => {
    const { s, config } = setup({ failureThreshold: 1, resetTimeout: 10, halfOpenMaxCalls: 2, successThreshold: 3 });
    record(s, T0, 'failure', false, config);
    observe(s, T0 + 10);
    expect(admit(s, T0 + 10, config).allowed).toBe(true);
    expect(admit(s, T0 + 10, config).allowed).toBe(true);
    expect(admit(s, T0 + 10, config).allowed).toBe(false);
    record(s, T0 + 11, 'success', false, config);
    expect(admit(s, T0 + 11, config).allowed).toBe(true); // the finished probe freed its slot
    record(s, T0 + 12, 'success', false, config);
    expect(s.phase).toBe('half-open');
    record(s, T0 + 13, 'success', false, config);
    expect(s).toMatchObject({ phase: 'closed', reopens: 0, probes: 0 });
  });

  it('half-open: a cancelled probe frees its slot without counting', () => {
    const { s, config } = setup({ failureThreshold: 1, resetTimeout: 10 });
    record(s, T0, 'failure', false, config);
    expect(admit(s, T0 + 10, config).allowed).toBe(true);
    record(s, T0 + 11, 'cancelled', false, config);
    expect(s).toMatchObject({ phase: 'half-open', probes: 0, probeSuccesses: 0 });
    expect(admit(s, T0 + 11, config).allowed).toBe(true);
  });

  it('half-open: any failed probe re-opens, and the open time grows with resetBackoff up to maxResetTimeout', () => {
    const { s, config } = setup({ failureThreshold: 1, resetTimeout: 100, resetBackoff: 3, maxResetTimeout: 500 });
    let now = T0;
    record(s, now, 'failure', false, config);
    const openTimes: number[] = [s.openUntil - now];
    for (let i = 0; i < 3; i++) {
      now = s.openUntil;
      expect(admit(s, now, config).allowed).toBe(true);
      record(s, now, 'failure', false, config);
      openTimes.push(s.openUntil - now);
    }
    expect(openTimes).toEqual([100, 300, 500, 500]);
    now = s.openUntil;
    admit(s, now, config);
    record(s, now, 'success', false, config);
    expect(s).toMatchObject({ phase: 'closed', reopens: 0 });
    record(s, now, 'failure', false, config);
    expect(s.openUntil - now).toBe(100); // growth starts over after the circuit closed
  });

  it('count window: trips on the failure rate once minimumCalls calls are in the window', () => {
    const { s, config } = setup({ window: 'count', windowSize: 10, minimumCalls: 4, failureRateThreshold: 50 });
    record(s, T0, 'failure', false, config);
    record(s, T0, 'failure', false, config);
    record(s, T0, 'failure', false, config);
    expect(s.phase).toBe('closed'); // 3 calls < minimumCalls
    record(s, T0, 'success', false, config);
    expect(s.phase).toBe('open'); // 3 of 4 failed, and a success can be the call that trips
  });

  it('count window: only the last windowSize calls count', () => {
    const { s, config } = setup({ window: 'count', windowSize: 4, minimumCalls: 4, failureRateThreshold: 75 });
    for (const outcome of ['failure', 'failure', 'success', 'success', 'success', 'failure'] as const) record(s, T0, outcome, false, config);
    expect(windowStats(s.window, T0)).toEqual({ calls: 4, failures: 1, slow: 0 });
    expect(s.phase).toBe('closed');
  });

  it('time window: forgets calls older than the window', () => {
    const { s, config } = setup({ window: 'time', windowSize: 1000, minimumCalls: 3, failureRateThreshold: 100 });
    record(s, T0, 'failure', false, config);
    record(s, T0 + 100, 'failure', false, config);
    // 100 ms buckets: at T0 + 1050 the first failure's bucket has left the window, the second's has not.
    record(s, T0 + 1050, 'failure', false, config);
    expect(s.phase).toBe('closed');
    record(s, T0 + 1060, 'failure', false, config);
    expect(s.phase).toBe('open');
  });

  it('slow calls: trip on the slow-call rate, and a slow probe re-opens', () => {
    const { s, config } = setup({ window: 'count', windowSize: 4, minimumCalls: 4, slowCallThreshold: 100, slowCallRateThreshold: 50, resetTimeout: 10 });
    record(s, T0, 'success', true, config);
    record(s, T0, 'success', false, config);
    record(s, T0, 'success', false, config);
    expect(s.phase).toBe('closed');
    record(s, T0, 'success', true, config);
    expect(s.phase).toBe('open');
    admit(s, T0 + 10, config);
    record(s, T0 + 200, 'success', true, config);
    expect(s.phase).toBe('open');
  });

  it('isolate holds the circuit open until reset, which starts a fresh window', () => {
    const { s, config } = setup({ failureThreshold: 2 });
    record(s, T0, 'failure', false, config);
    isolate(s, T0);
    expect(admit(s, T0 + 1e9, config)).toEqual({ allowed: false, reason: 'isolated', retryAfter: undefined });
    const generation = s.generation;
    isolate(s, T0);
    expect(s.generation).toBe(generation); // isolating twice is not a transition
    reset(s, T0 + 1);
    expect(s.phase).toBe('closed');
    record(s, T0 + 1, 'failure', false, config);
    expect(s.phase).toBe('closed'); // the failure before isolation was forgotten
  });

  it('every transition bumps the generation', () => {
    const { s, config } = setup({ failureThreshold: 1, resetTimeout: 10 });
    const seen = [s.generation];
    record(s, T0, 'failure', false, config);
    seen.push(s.generation);
    admit(s, T0 + 10, config);
    seen.push(s.generation);
    record(s, T0 + 10, 'success', false, config);
    seen.push(s.generation);
    expect(seen).toEqual([0, 1, 2, 3]);
  });

  it('openDuration grows geometrically and is capped', () => {
    const config = normalizeBreaker({ resetTimeout: 1000, resetBackoff: 2, maxResetTimeout: 5000 });
    expect([0, 1, 2, 3, 10].map((n) => openDuration(n, config))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });
});
