import type { Random } from '../core/random.js';
import type { BlockOptions } from '../policy/block-options.js';
import { checkFunction, checkNonNegativeInteger, checkNumber, checkPositiveDuration } from '../core/validate.js';

/** Options of `new AdaptiveThrottle(options)`. */
export interface AdaptiveThrottleOptions extends BlockOptions {
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

/** Validates the function options. */
export function throttleHooks(o: AdaptiveThrottleOptions): { isFailure: ((error: unknown) => boolean) | undefined; random: Random | undefined } {
  return {
    isFailure: o.isFailure === undefined ? undefined : checkFunction<(error: unknown) => boolean>(OWNER, 'isFailure', o.isFailure),
    random: o.random === undefined ? undefined : checkFunction<Random>(OWNER, 'random', o.random),
  };
}
