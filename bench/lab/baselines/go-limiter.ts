// The Go original's adaptive concurrency rule (RESILE-GO.md §16), reproduced as the baseline our
// AdaptiveLimiter is measured against: AIMD on an EWMA of round-trip times. It grows the limit on
// every fast sample whether or not the limit is in use, has no ceiling, and cuts by 20% on every
// slow sample, so under load it saws between the knee and a fraction of it.
import type { Clock } from '../../../src/core/clock.js';
import { ShedLoadError } from '../../../src/core/errors/shed-load-error.js';

/** State of the Go rule. */
export interface GoLimiterState {
  readonly limit: number;
  /** Lowest RTT seen (0 before the first sample), slowly decayed upward. */
  readonly baseline: number;
  readonly ewma: number;
  /** When the baseline was last decayed (epoch ms). */
  readonly decayedAt: number;
}

/** The Go constants: not configurable there either. */
export const GO_RULE = Object.freeze({ initialLimit: 10, minLimit: 1, decrease: 0.8, threshold: 1.5, weight: 0.1, decay: 1.05, decayEvery: 60_000 });

/** The state a new limiter starts in at `now`. */
export function goInitialState(now: number): GoLimiterState {
  return { limit: GO_RULE.initialLimit, baseline: 0, ewma: 0, decayedAt: now };
}

/** One RTT sample (ms) at `now`: the Go update, step for step. */
export function goUpdate(s: GoLimiterState, rtt: number, now: number): GoLimiterState {
  if (s.baseline === 0) return { ...s, baseline: rtt, ewma: rtt };
  let { baseline, decayedAt } = s;
  if (now - decayedAt > GO_RULE.decayEvery) {
    baseline *= GO_RULE.decay;
    decayedAt = now;
  }
  if (rtt < baseline) baseline = rtt;
  const ewma = (1 - GO_RULE.weight) * s.ewma + GO_RULE.weight * rtt;
  const limit = ewma < GO_RULE.threshold * baseline ? s.limit + 1 : Math.max(GO_RULE.minLimit, Math.trunc(s.limit * GO_RULE.decrease));
  return { limit, baseline, ewma, decayedAt };
}

/** The Go limiter's execute: shed when full, otherwise time the call and feed the sample, whatever its outcome. */
export class GoLimiter {
  private state: GoLimiterState;
  private running = 0;

  constructor(private readonly clock: Clock) {
    this.state = goInitialState(clock.now());
  }

  get limit(): number {
    return this.state.limit;
  }

  get inFlight(): number {
    return this.running;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running + 1 > this.state.limit) throw new ShedLoadError('go limiter shed the call', { source: 'go-limiter' });
    this.running++;
    const started = this.clock.now();
    try {
      return await fn();
    } finally {
      this.running--;
      const now = this.clock.now();
      this.state = goUpdate(this.state, now - started, now);
    }
  }
}
