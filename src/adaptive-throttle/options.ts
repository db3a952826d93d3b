import type { Clock } from '../core/clock.js';
import type { Random } from '../core/random.js';
import type { Instrumenter } from '../core/telemetry/instrumenter.js';
import { checkFunction, checkNonNegativeInteger, checkNumber, checkPositiveDuration, typeError } from '../core/validate.js';

/** Options of `new AdaptiveThrottle(options)`. */
export interface AdaptiveThrottleOptions {
  /** Requests allowed per accepted one before local rejection starts; lower is more aggressive. @defaultValue 2 */
  k?: number;
  /** Length of the sliding window of counts, in ms (keep it longer than the slowest call). @defaultValue 120000 */
  window?: number;
  /** Below this many requests in the window nothing is rejected (cold start). @defaultValue 20 */
  minimumRequests?: number;
  /** Which errors count as not accepted. @defaultValue every error except cancellations */
  isFailure?: (error: unknown) => boolean;
  /** Random source for the rejection draw (seed it to replay a run). @defaultValue Math.random */
  random?: Random;
  /** Telemetry label. */
  name?: string;
  /** Time source. @defaultValue the system clock */
  clock?: Clock;
  /** Receives this throttle's events, also those outside any call. */
  instrumenter?: Instrumenter | readonly Instrumenter[];
}

/** Validated, frozen throttle settings: what the pure functions read. */
export interface ThrottleConfig {
  readonly k: number;
  readonly window: number;
  readonly minimumRequests: number;
}

/** Buckets of the sliding window: it slides in steps of `window / 10`. */
export const THROTTLE_BUCKETS = 10;

const OWNER = 'AdaptiveThrottle';

/** Validates the numeric options. */
export function normalizeThrottle(o: AdaptiveThrottleOptions): ThrottleConfig {
  return Object.freeze({
    // k < 1 would reject even when every request succeeds.
    k: o.k === undefined ? 2 : checkNumber(OWNER, 'k', o.k, { min: 1 }, 'a finite number of at least 1'),
    window: o.window === undefined ? 120_000 : checkPositiveDuration(OWNER, 'window', o.window),
    minimumRequests: o.minimumRequests === undefined ? 20 : checkNonNegativeInteger(OWNER, 'minimumRequests', o.minimumRequests),
  });
}

/** Validates the function and label options. */
export function throttleHooks(o: AdaptiveThrottleOptions): { isFailure: ((error: unknown) => boolean) | undefined; random: Random | undefined; name: string | undefined } {
  if (o.name !== undefined && typeof o.name !== 'string') typeError(OWNER, 'name', 'a string', o.name);
  return {
    isFailure: o.isFailure === undefined ? undefined : checkFunction<(error: unknown) => boolean>(OWNER, 'isFailure', o.isFailure),
    random: o.random === undefined ? undefined : checkFunction<Random>(OWNER, 'random', o.random),
    name: o.name,
  };
}
