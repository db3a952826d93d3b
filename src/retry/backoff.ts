import { defaultRandom, type Random } from '../core/random.js';
import { checkDelay, checkFunction, checkOptionsObject, rangeError } from '../core/validate.js';

/** Computes the wait before the next attempt. */
export interface Backoff {
  /** Milliseconds to wait after attempt `attempt` (0-based) failed with `lastError`. */
  delay(attempt: number, lastError: unknown): number;
  /**
   * Optional: a fresh instance for one call, for backoffs whose next delay depends on the
   * previous one (decorrelated jitter). Stateless backoffs omit it and are shared.
   */
  forCall?(): Backoff;
}

/** Options of the exponential backoff family. */
export interface ExponentialBackoffOptions {
  /** First window / base delay in ms. @defaultValue 100 */
  base?: number;
  /** Upper bound of any delay in ms. @defaultValue 30000 */
  max?: number;
  /** Random source for the jitter. @defaultValue Math.random */
  random?: Random;
}

interface Bounds {
  readonly base: number;
  readonly max: number;
  readonly random: Random;
}

function bounds(owner: string, options: unknown): Bounds {
  const o = checkOptionsObject<ExponentialBackoffOptions>(owner, options);
  const base = o.base === undefined ? 100 : checkDelay(owner, 'base', o.base);
  const max = o.max === undefined ? Math.max(30_000, base) : checkDelay(owner, 'max', o.max);
  if (max < base) rangeError(owner, 'max', `at least base (${String(base)})`, max);
  const random = o.random === undefined ? defaultRandom : checkFunction<Random>(owner, 'random', o.random);
  return { base, max, random };
}

// 2^1023 is the largest finite power of two, so the product never becomes NaN (0 · ∞) or
// overflows before being capped: attempt 10,000 is as safe as attempt 1.
const MAX_EXPONENT = 1023;

/** `min(max, base · 2^attempt)` without overflow, for any non-negative attempt. */
export function exponentialCeiling(base: number, max: number, attempt: number): number {
  const exponent = attempt > MAX_EXPONENT ? MAX_EXPONENT : attempt < 0 ? 0 : attempt;
  const value = base * 2 ** exponent;
  return value > max ? max : value;
}

/** "Full jitter" (the default): a uniform delay in `[0, min(max, base · 2^attempt))`. */
export function fullJitter(options?: ExponentialBackoffOptions): Backoff {
  const { base, max, random } = bounds('fullJitter', options);
  return Object.freeze({
    delay: (attempt: number) => random() * exponentialCeiling(base, max, attempt),
  });
}

/** "Equal jitter": half the exponential delay plus a uniform random half. */
export function equalJitter(options?: ExponentialBackoffOptions): Backoff {
  const { base, max, random } = bounds('equalJitter', options);
  return Object.freeze({
    delay: (attempt: number) => {
      const ceiling = exponentialCeiling(base, max, attempt);
      // min() guards against floating-point rounding one ulp past the ceiling.
      return Math.min(ceiling, ceiling / 2 + (random() * ceiling) / 2);
    },
  });
}

/**
 * "Decorrelated jitter": each delay is uniform in `[base, 3 · previous delay]`, capped by `max`.
 * The previous delay is per call, so every call gets its own instance through `forCall`.
 */
export function decorrelatedJitter(options?: ExponentialBackoffOptions): Backoff {
  const { base, max, random } = bounds('decorrelatedJitter', options);
  const make = (): Backoff => {
    let previous = base;
    return {
      delay: () => {
        const upper = Math.min(max, previous * 3);
        const next = upper <= base ? upper : Math.min(upper, base + random() * (upper - base));
        previous = next > base ? next : base;
        return next;
      },
      forCall: make,
    };
  };
  return Object.freeze({ delay: (attempt: number) => make().delay(attempt, undefined), forCall: make });
}

/** Plain exponential backoff without jitter (deterministic; for tests and simulations). */
export function exponential(options?: Omit<ExponentialBackoffOptions, 'random'>): Backoff {
  const { base, max } = bounds('exponential', options);
  return Object.freeze({ delay: (attempt: number) => exponentialCeiling(base, max, attempt) });
}

/** The same delay before every retry. */
export function constant(ms: number): Backoff {
  const delay = checkDelay('constant', 'ms', ms);
  return Object.freeze({ delay: () => delay });
}

/** Names accepted by the `backoff` option in place of a {@link Backoff} object. */
export type BackoffName = 'fullJitter' | 'equalJitter' | 'decorrelatedJitter' | 'exponential' | 'constant';

/** Builds a named backoff from `baseDelay`/`maxDelay` (`constant` waits `baseDelay`). */
export function namedBackoff(name: BackoffName, base: number, max: number, random: Random): Backoff {
  switch (name) {
    case 'fullJitter':
      return fullJitter({ base, max, random });
    case 'equalJitter':
      return equalJitter({ base, max, random });
    case 'decorrelatedJitter':
      return decorrelatedJitter({ base, max, random });
    case 'exponential':
      return exponential({ base, max });
    case 'constant':
      return constant(base);
  }
}

/** The accepted backoff names. */
export const BACKOFF_NAMES: readonly BackoffName[] = Object.freeze([
  'fullJitter',
  'equalJitter',
  'decorrelatedJitter',
  'exponential',
  'constant',
]);
