// Model test: a CircuitBreaker driven by random sequences of calls, outcomes, time steps and manual
// control must behave exactly like a brute-force reference that keeps every call it ever counted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../testing/virtual-clock.js';
import { deferred, outcomeOf, type Deferred } from '../../test/helpers/deferred.js';
import { CircuitBreaker } from './circuit-breaker.js';
import type { CircuitBreakerOptions } from './options.js';
import type { CircuitState } from './state.js';

type Outcome = 'success' | 'failure' | 'cancel';

interface Counted {
  readonly t: number;
  readonly failed: boolean;
  readonly slow: boolean;
}

/** The reference: plain fields and a full history, no incremental bookkeeping. */
class Reference {
  phase: CircuitState = 'closed';
  generation = 0;
  openUntil = 0;
  reopens = 0;
  probes = 0;
  successes = 0;
  history: Counted[] = [];
  readonly transitions: string[] = [];

  constructor(private readonly o: Required<Pick<CircuitBreakerOptions, 'window' | 'resetTimeout' | 'resetBackoff' | 'maxResetTimeout' | 'halfOpenMaxCalls' | 'successThreshold'>> & CircuitBreakerOptions) {}

  private go(phase: CircuitState): void {
    if (phase !== this.phase) this.transitions.push(`${this.phase}->${phase}`);
    this.phase = phase;
    this.generation++;
    this.probes = 0;
    this.successes = 0;
  }

  private open(now: number, reopens: number): void {
    this.go('open');
    this.reopens = reopens;
    this.openUntil = now + Math.min(this.o.maxResetTimeout, this.o.resetTimeout * this.o.resetBackoff ** reopens);
    this.history = [];
  }

  observe(now: number): void {
    if (this.phase === 'open' && now >= this.openUntil) this.go('half-open');
  }

  held(now: number): Counted[] {
    if (this.o.window === 'count') return this.history.slice(-(this.o.windowSize ?? 100));
    if (this.o.window === 'time') {
      const bucketMs = (this.o.windowSize ?? 60_000) / 10;
      return this.history.filter((c) => Math.floor(c.t / bucketMs) > Math.floor(now / bucketMs) - 10);
    }
    const run: Counted[] = [];
    for (const c of this.history) {
      if (c.failed) run.push(c);
      else run.length = 0;
    }
    return run;
  }

  private trips(now: number): boolean {
    const held = this.held(now);
    if (this.o.window === 'consecutive') return held.length >= (this.o.failureThreshold ?? 5);
    if (held.length < (this.o.minimumCalls ?? 10)) return false;
    const failed = held.filter((c) => c.failed).length / held.length;
    const slow = held.filter((c) => c.slow).length / held.length;
    return failed * 100 >= (this.o.failureRateThreshold ?? 50) || (this.o.slowCallThreshold !== undefined && slow * 100 >= (this.o.slowCallRateThreshold ?? 100));
  }

  /** Returns the permit's generation, or the refusal's retryAfter. */
  start(now: number): { admitted: true; generation: number } | { admitted: false; retryAfter: number | undefined } {
    this.observe(now);
    if (this.phase === 'closed') return { admitted: true, generation: this.generation };
    if (this.phase === 'open') return { admitted: false, retryAfter: Math.ceil(this.openUntil - now) };
    if (this.phase === 'isolated' || this.probes >= this.o.halfOpenMaxCalls) return { admitted: false, retryAfter: undefined };
    this.probes++;
    return { admitted: true, generation: this.generation };
  }

  finish(now: number, generation: number, outcome: Outcome, duration: number): void {
    if (generation !== this.generation) return;
    const slow = this.o.slowCallThreshold !== undefined && outcome !== 'cancel' && duration >= this.o.slowCallThreshold;
    if (this.phase === 'closed') {
      if (outcome === 'cancel') return;
      this.history.push({ t: now, failed: outcome === 'failure', slow });
      if (this.trips(now)) this.open(now, 0);
      return;
    }
    if (this.phase !== 'half-open') return;
    this.probes--;
    if (outcome === 'cancel') return;
    if (outcome === 'failure' || slow) {
      this.open(now, this.reopens + 1);
      return;
    }
    if (++this.successes >= this.o.successThreshold) {
      this.go('closed');
      this.reopens = 0;
      this.history = [];
    }
  }

  isolate(): void {
    if (this.phase !== 'isolated') this.go('isolated');
  }

  reset(): void {
    this.go('closed');
    this.reopens = 0;
    this.history = [];
  }
}

type Step =
  | { op: 'start'; withSignal: boolean }
  | { op: 'finish'; pick: number; outcome: Outcome }
  | { op: 'advance'; ms: number }
  | { op: 'read' }
  | { op: 'isolate' }
  | { op: 'reset' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ op: fc.constant('start' as const), withSignal: fc.boolean() }) },
  { weight: 10, arbitrary: fc.record({ op: fc.constant('finish' as const), pick: fc.nat(), outcome: fc.constantFrom<Outcome>('success', 'failure', 'failure', 'cancel') }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 3_000 }) }) },
  { weight: 2, arbitrary: fc.constant({ op: 'read' as const }) },
  { weight: 3, arbitrary: fc.constant({ op: 'reset' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'isolate' as const }) },
);

const configs: fc.Arbitrary<CircuitBreakerOptions> = fc.oneof(
  fc.record({ window: fc.constant('consecutive' as const), failureThreshold: fc.integer({ min: 1, max: 4 }) }),
  fc.integer({ min: 1, max: 8 }).chain((windowSize) =>
    fc.record({
      window: fc.constant('count' as const),
      windowSize: fc.constant(windowSize),
      minimumCalls: fc.integer({ min: 1, max: windowSize }),
      failureRateThreshold: fc.constantFrom(25, 50, 100),
    }),
  ),
  fc.record({
    window: fc.constant('time' as const),
    windowSize: fc.constantFrom(1_000, 5_000),
    minimumCalls: fc.integer({ min: 1, max: 4 }),
    failureRateThreshold: fc.constantFrom(34, 50),
    slowCallThreshold: fc.constantFrom(500, 2_000),
    slowCallRateThreshold: fc.constantFrom(50, 100),
  }),
);

const common = fc.record({
  resetTimeout: fc.constantFrom(1_000, 2_500),
  resetBackoff: fc.constantFrom(1, 2),
  maxResetTimeout: fc.constant(6_000),
  halfOpenMaxCalls: fc.integer({ min: 1, max: 3 }),
  successThreshold: fc.integer({ min: 1, max: 3 }),
});

interface Running {
  readonly d: Deferred<string>;
  /** Calls without a signal are cancelled by their action throwing an AbortError instead. */
  readonly controller: AbortController | undefined;
  readonly startedAt: number;
  readonly generation: number;
  readonly done: Promise<unknown>;
}

async function run(options: CircuitBreakerOptions, steps: Step[]): Promise<void> {
  const clock = new VirtualClock();
  const o = { resetTimeout: 30_000, resetBackoff: 1, maxResetTimeout: 300_000, halfOpenMaxCalls: 1, successThreshold: 1, ...options } as ConstructorParameters<typeof Reference>[0];
  const cb = new CircuitBreaker({ ...options, clock });
  const ref = new Reference(o);
  const seen: string[] = [];
  cb.onStateChange((c) => seen.push(`${c.from}->${c.to}`));
  const running: Running[] = [];
  for (const s of steps) {
    const now = clock.now();
    if (s.op === 'start') {
      const expected = ref.start(now);
      const d = deferred<string>();
      const controller = s.withSignal ? new AbortController() : undefined;
      const result = outcomeOf(cb.execute(() => d.promise, controller?.signal));
      await clock.flush();
      if (expected.admitted) {
        expect(result.settled).toBe(false);
        running.push({ d, controller, startedAt: now, generation: expected.generation, done: result.done });
      } else {
        expect(result.error).toMatchObject({ code: 'ERR_CIRCUIT_OPEN' });
        expect((result.error as { retryAfter?: number }).retryAfter).toBe(expected.retryAfter);
      }
    } else if (s.op === 'finish') {
      if (running.length === 0) continue;
      const [call] = running.splice(s.pick % running.length, 1) as [Running];
      ref.finish(now, call.generation, s.outcome, now - call.startedAt);
      if (s.outcome === 'success') call.d.resolve('ok');
      else if (s.outcome === 'failure') call.d.reject(new Error('down'));
      else if (call.controller === undefined) call.d.reject(new DOMException('called off', 'AbortError'));
      else call.controller.abort();
      await call.done;
    } else if (s.op === 'advance') {
      await clock.advance(s.ms);
    } else if (s.op === 'read') {
      ref.observe(now);
      const snapshot = cb.snapshot();
      const held = ref.held(now);
      expect(snapshot.state).toBe(ref.phase);
      expect([snapshot.calls, snapshot.failures, snapshot.slowCalls]).toEqual([
        held.length,
        held.filter((c) => c.failed).length,
        held.filter((c) => c.slow).length,
      ]);
    } else if (s.op === 'isolate') {
      ref.isolate();
      cb.isolate();
    } else {
      ref.reset();
      cb.reset();
    }
    expect(seen).toEqual(ref.transitions);
  }
  for (const call of running) call.d.resolve('cleanup');
  await Promise.all(running.map((c) => c.done));
}

describe('CircuitBreaker model', () => {
  it('matches a brute-force reference under random outcome and time sequences', async () => {
    await fc.assert(
      fc.asyncProperty(configs, common, fc.array(step, { minLength: 10, maxLength: 120, size: 'max' }), async (config, shared, steps) => {
        await run({ ...config, ...shared }, steps);
      }),
      { numRuns: 300 },
    );
  });
});
