import { checkOptionsObject, checkPositiveDuration, checkPositiveInteger, rangeError, typeError } from '../core/validate.js';
import { normalizeBlock, type BlockOptions, type NormalizedBlock } from '../policy/block-options.js';
import type { BucketConfig } from './token-bucket.js';

/** Options of {@link RateLimiter}. */
export interface RateLimiterOptions extends BlockOptions {
  /** Tokens added per `interval` (the sustained rate). */
  limit: number;
  /** Refill period in ms, e.g. 1000 for "per second". */
  interval: number;
  /** Most tokens held at once (largest burst after idling). @defaultValue limit */
  burst?: number;
}

/** Options of {@link KeyedRateLimiter}. */
export interface KeyedRateLimiterOptions extends RateLimiterOptions {
  /** Most keys (buckets) held; the least recently used idle bucket is evicted beyond it. @defaultValue 10000 */
  maxKeys?: number;
}

/** Validated rate limiter settings. */
export interface NormalizedRateLimiter extends NormalizedBlock, BucketConfig {}

/** Longest key a keyed limiter accepts: keys often come from requests, so they are bounded. */
export const MAX_KEY_LENGTH = 256;

/** Validates a rate limiter's options for `owner`. */
export function normalizeRateLimiter(owner: string, options: unknown): NormalizedRateLimiter {
  if (options === undefined) typeError(owner, 'options', 'an object with limit and interval', options);
  const o = checkOptionsObject<RateLimiterOptions>(owner, options);
  const limit = checkPositiveInteger(owner, 'limit', o.limit);
  const interval = checkPositiveDuration(owner, 'interval', o.interval);
  const burst = o.burst === undefined ? limit : checkPositiveInteger(owner, 'burst', o.burst);
  return { ...normalizeBlock(owner, o), limit, interval, burst };
}

/** Validates a token count `n` (a positive integer that fits in the bucket). */
export function checkTokens(owner: string, n: unknown, burst: number): number {
  if (n === 1 && burst >= 1) return 1; // the common case, checked without building a rule
  const count = checkPositiveInteger(owner, 'n', n);
  if (count > burst) rangeError(owner, 'n', `at most burst (${String(burst)})`, count);
  return count;
}

/** Validates a key of a keyed limiter. */
export function checkKey(owner: string, key: unknown): string {
  if (typeof key !== 'string') typeError(owner, 'key', 'a string', key);
  if (key.length > MAX_KEY_LENGTH) rangeError(owner, 'key', `at most ${String(MAX_KEY_LENGTH)} characters long`, key);
  return key;
}
