import type { Clock } from '../core/clock.js';
import { checkDelay, checkOptionsObject, checkPositiveDuration, checkPositiveInteger } from '../core/validate.js';
import type { BudgetConfig } from '../budget/options.js';
import { spendRetry, type BudgetState } from '../budget/token-budget.js';
import {
  createFleetState,
  fleetAcquire,
  fleetForce,
  fleetRelease,
  fleetSync,
  type FleetBreakerState,
} from '../circuit/fleet-transitions.js';
import type { BreakerConfig } from '../circuit/options.js';
import { fullBucket, take, type BucketConfig, type BucketState } from '../rate-limit/token-bucket.js';
import type { BreakerStore, BucketStore, BudgetStore, Store } from './store.js';

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /** Most buckets held (keyed limiters create one per key); the least recently used goes first. @defaultValue 10000 */
  maxKeys?: number;
  /** How long a half-open probe holds the probe lease unless it settles first, in ms. @defaultValue 30000 */
  probeLease?: number;
  /** Most a breaker (or retry budget) waits before reporting batched outcomes, in ms; 0 reports each at once. @defaultValue 0 */
  flushInterval?: number;
}

const OWNER = 'memoryStore';

/**
 * A store in this process's memory: blocks given the same `memoryStore()` and the same `name`
 * share one state, with the exact rules a Redis store applies across a fleet. Answers are
 * synchronous and it is never unavailable. Use it to share a limit between modules, or to test
 * fleet behaviour (several breakers standing for several processes) in virtual time.
 */
export function memoryStore(options?: MemoryStoreOptions): Store {
  const o = checkOptionsObject<MemoryStoreOptions>(OWNER, options);
  const maxKeys = o.maxKeys === undefined ? 10_000 : checkPositiveInteger(OWNER, 'maxKeys', o.maxKeys);
  const lease = o.probeLease === undefined ? 30_000 : checkPositiveDuration(OWNER, 'probeLease', o.probeLease);
  const flushInterval = o.flushInterval === undefined ? 0 : checkDelay(OWNER, 'flushInterval', o.flushInterval);
  const buckets = new Map<string, BucketState>();
  const budgets = new Map<string, BudgetState>();
  const breakers = new Map<string, FleetBreakerState>();

  const bucket = (name: string, key: string | undefined, config: BucketConfig): BucketStore => {
    // NUL cannot be confused with anything a name or key would contain by accident; keys are
    // separate entries either way, so a collision could only merge two of one's own buckets.
    const id = key === undefined ? name : `${name}\u0000${key}`;
    return {
      take(n: number, clock: Clock) {
        const now = clock.now();
        const state = buckets.get(id) ?? fullBucket(config, now);
        const result = take(config, state, now, n);
        buckets.delete(id);
        buckets.set(id, result.state);
        if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string);
        return { allowed: result.allowed, retryAfter: result.retryAfter, tokens: result.state.tokens };
      },
    };
  };

  const budget = (name: string, config: BudgetConfig): BudgetStore => ({
    update(successes: number, spend: boolean) {
      let state = budgets.get(name);
      if (state === undefined) budgets.set(name, (state = { tokens: config.capacity }));
      // Every success refills `successRefill`, in one step (the Redis script does the same sum).
      if (successes > 0) state.tokens = Math.min(config.capacity, state.tokens + successes * config.successRefill);
      const allowed = spend && spendRetry(state, config);
      return { allowed, tokens: state.tokens };
    },
  });

  const breaker = (name: string, config: BreakerConfig): BreakerStore => {
    const state = (now: number): FleetBreakerState => {
      let s = breakers.get(name);
      if (s === undefined) breakers.set(name, (s = createFleetState(config, now)));
      return s;
    };
    return {
      sync: (report, clock) => {
        const now = clock.now();
        return fleetSync(state(now), report, now, config);
      },
      acquireProbe: (holder, clock) => {
        const now = clock.now();
        return fleetAcquire(state(now), holder, now, lease);
      },
      releaseProbe: (holder, verdict, clock) => {
        const now = clock.now();
        return fleetRelease(state(now), holder, verdict, now, config);
      },
      force: (phase, clock) => {
        const now = clock.now();
        return fleetForce(state(now), phase, now);
      },
    };
  };

  return Object.freeze({ onStoreError: 'local' as const, flushInterval, probeLease: lease, bucket, budget, breaker });
}
