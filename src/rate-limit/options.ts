import { checkOptionsObject, checkPositiveDuration, checkPositiveInteger, rangeError, typeError } from '../core/validate.js';
import { normalizeBlock, type BlockOptions, type NormalizedBlock } from '../policy/block-options.js';
import { checkStore } from '../store/answer.js';
import type { Store } from '../store/store.js';
import type { BucketConfig } from './token-bucket.js';

/** Options of {@link RateLimiter}; `S` is the type of its `store` (none by default). */
export interface RateLimiterOptions<S extends Store | undefined = Store | undefined> extends BlockOptions {
  /** Tokens added per `interval` (the sustained rate). */
  limit: number;
  /** Refill period in ms, e.g. 1000 for "per second". */
  interval: number;
  /** Most tokens held at once (largest burst after idling). @defaultValue limit */
  burst?: number;
  /**
   * Shares the bucket with every limiter of the same `name` in this store (`redisStore(...)` for
   * a fleet); `name` is then required, and `tryAcquire` answers with a promise.
   */
  store?: S;
}

/** Options of {@link KeyedRateLimiter}. */
export interface KeyedRateLimiterOptions<S extends Store | undefined = Store | undefined> extends RateLimiterOptions<S> {
  /** Most keys (buckets) held; the least recently used idle bucket is evicted beyond it. @defaultValue 10000 */
  maxKeys?: number;
}

/** Validated rate limiter settings. */
export interface NormalizedRateLimiter extends NormalizedBlock, BucketConfig {
  readonly store: Store | undefined;
}

/** What `tryAcquire` returns: a boolean at once, or a promise of one when the limiter has a store. */
export type Decision<S extends Store | undefined> = S extends Store ? Promise<boolean> : boolean;

/** Longest key a keyed limiter accepts: keys often come from requests, so they are bounded. */
export const MAX_KEY_LENGTH = 256;

/** Validates a rate limiter's options for `owner`. */
export function normalizeRateLimiter(owner: string, options: unknown): NormalizedRateLimiter {
  if (options === undefined) typeError(owner, 'options', 'an object with limit and interval', options);
  const o = checkOptionsObject<RateLimiterOptions>(owner, options);
  const limit = checkPositiveInteger(owner, 'limit', o.limit);
  const interval = checkPositiveDuration(owner, 'interval', o.interval);
  const burst = o.burst === undefined ? limit : checkPositiveInteger(owner, 'burst', o.burst);
  const block = normalizeBlock(owner, o);
  return { ...block, limit, interval, burst, store: checkStore(owner, o.store, block.name) };
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
