import type { Clock } from '../core/clock.js';
import { RateLimitExceededError } from '../core/errors/rate-limit-exceeded-error.js';
import { isAbortSignal } from '../core/signal.js';
import { emitBlockEvent } from '../core/telemetry/block-events.js';
import type { Telemetry } from '../core/telemetry/telemetry.js';
import { checkNumber, typeError } from '../core/validate.js';
import type { Store } from '../store/store.js';
import { Bucket } from './bucket.js';
import { checkKey, checkTokens, normalizeRateLimiter, type Decision, type KeyedRateLimiterOptions } from './options.js';
import { SharedBucket, type SharedDecision } from './shared-bucket.js';
import type { BucketConfig } from './token-bucket.js';

const DEFAULT_MAX_KEYS = 10_000;
// Eviction first looks this far into the least recently used end for a full idle bucket.
const EVICTION_SCAN = 16;

/**
 * One token bucket per key (per user, tenant, IP...), with memory bounded by `maxKeys`: keys are
 * kept in least-recently-used order and, when a new key arrives at the bound, a full idle bucket
 * near the old end is forgotten first (it holds no information: a new bucket starts full too),
 * else the least recently used idle one. So hostile key cardinality cannot grow memory. With a
 * `store`, every key's bucket is shared by the limiters of the same `name` (the store bounds and
 * expires the keys it holds; this process still holds at most `maxKeys` of them).
 */
export class KeyedRateLimiter<S extends Store | undefined = undefined> {
  /** Tokens per `interval`, per key. */
  readonly limit: number;
  /** Refill period (ms). */
  readonly interval: number;
  /** Bucket capacity, per key. */
  readonly burst: number;
  /** Most keys held at once. */
  readonly maxKeys: number;
  /** Telemetry label. */
  readonly name: string | undefined;
  private readonly buckets = new Map<string, Bucket | SharedBucket>();
  private newest: string | undefined = undefined;
  private readonly cfg: BucketConfig;
  private readonly clock: Clock;
  private readonly telemetry: Telemetry | undefined;
  private readonly store: Store | undefined;

  /** A keyed limiter: `limit` per `interval` ms for every key, at most `maxKeys` keys (default 10000). */
  constructor(options: KeyedRateLimiterOptions<S>) {
    const owner = 'KeyedRateLimiter';
    const o = normalizeRateLimiter(owner, options);
    const maxKeys = options.maxKeys;
    this.maxKeys = maxKeys === undefined ? DEFAULT_MAX_KEYS : checkNumber(owner, 'maxKeys', maxKeys, { min: 1, integer: true }, 'a positive integer');
    this.limit = o.limit;
    this.interval = o.interval;
    this.burst = o.burst;
    this.name = o.name;
    this.clock = o.clock;
    this.telemetry = o.telemetry;
    this.cfg = { limit: o.limit, interval: o.interval, burst: o.burst };
    this.store = o.store;
  }

  /** Buckets held now (never above `maxKeys`). */
  get size(): number {
    return this.buckets.size;
  }

  /** Takes `n` tokens from `key`'s bucket if available right now; with a store, the answer is a promise. */
  tryAcquire(key: string, n = 1): Decision<S> {
    if (this.store !== undefined) return this.tryShared(key, n) as Decision<S>;
    const owner = 'KeyedRateLimiter.tryAcquire';
    const k = checkKey(owner, key);
    const count = checkTokens(owner, n, this.burst);
    const bucket = this.bucketFor(k) as Bucket | undefined;
    if (bucket?.tryTake(count) === true) return true as Decision<S>;
    this.report(bucket?.retryAfter ?? this.interval);
    return false as Decision<S>;
  }

  private tryShared(key: string, n: number): Promise<boolean> {
    const owner = 'KeyedRateLimiter.tryAcquire';
    let bucket: SharedBucket | undefined;
    let count: number;
    try {
      const k = checkKey(owner, key);
      count = checkTokens(owner, n, this.burst);
      bucket = this.bucketFor(k) as SharedBucket | undefined;
    } catch (error) {
      return Promise.reject(error);
    }
    if (bucket === undefined) {
      this.report(this.interval);
      return Promise.resolve(false);
    }
    const admitted = bucket.tryTake(count, this.outcome);
    return admitted instanceof Promise ? admitted : Promise.resolve(admitted);
  }

  private readonly outcome = (decision: SharedDecision): boolean => {
    if (!decision.allowed && !decision.unavailable) this.report(decision.retryAfter);
    return decision.allowed;
  }

  /** Waits (FIFO per key) until `n` tokens of `key` are taken; rejects when `signal` aborts. */
  acquire(key: string, n = 1, signal?: AbortSignal): Promise<void> {
    const owner = 'KeyedRateLimiter.acquire';
    try {
      const k = checkKey(owner, key);
      const count = checkTokens(owner, n, this.burst);
      if (signal !== undefined && !isAbortSignal(signal)) typeError(owner, 'signal', 'an AbortSignal', signal);
      const bucket = this.bucketFor(k);
      if (bucket === undefined) {
        throw new RateLimitExceededError(`rate limit exceeded: all ${String(this.maxKeys)} keys have callers waiting`, {
          retryAfter: this.interval,
          source: this.name ?? 'keyed-rate-limit',
        });
      }
      return bucket.acquire(count, signal);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  // Finds or creates `key`'s bucket and marks it most recently used; `undefined` only when the
  // bound is reached and every bucket has waiters (none can be dropped without losing them).
  private bucketFor(key: string): Bucket | SharedBucket | undefined {
    const buckets = this.buckets;
    const existing = buckets.get(key);
    if (existing !== undefined) {
      // Moving a key to the most recent end is a delete and an insert; skip it for a key that is there already.
      if (key !== this.newest) {
        buckets.delete(key);
        buckets.set(key, existing);
        this.newest = key;
      }
      return existing;
    }
    if (buckets.size >= this.maxKeys && !this.evictOne()) return undefined;
    const store = this.store;
    const bucket =
      store === undefined
        ? new Bucket(this.cfg, this.clock)
        : new SharedBucket(store.bucket(this.name as string, key, this.cfg), this.cfg, this.clock, store.onStoreError);
    buckets.set(key, bucket);
    this.newest = key;
    return bucket;
  }

  private evictOne(): boolean {
    let fallback: string | undefined;
    let scanned = 0;
    for (const [key, bucket] of this.buckets) {
      // A shared bucket keeps its state in the store: without waiters it holds nothing here.
      if (scanned++ < EVICTION_SCAN && (bucket instanceof Bucket ? bucket.disposable : bucket.idle)) {
        this.buckets.delete(key);
        return true;
      }
      if (fallback === undefined && bucket.idle) {
        fallback = key;
        if (scanned >= EVICTION_SCAN) break;
      }
    }
    if (fallback === undefined) return false;
    this.buckets.delete(fallback);
    return true;
  }

  private report(retryAfter: number): void {
    emitBlockEvent(this.telemetry, undefined, 'onRateLimitExceeded', () => ({ at: this.clock.now(), name: this.name, retryAfter }));
  }
}
