// The contract between the stateful blocks and a place their state can be shared (a Redis, or
// one process's memory). It is shaped as operations, not as get/set of state blobs: every method
// is one atomic step on one named object, so a remote store runs each as a single script and a
// decision costs one round trip.
import type { Clock } from '../core/clock.js';
import type { StoreErrorMode } from '../core/telemetry/events.js';
import type { BudgetConfig } from '../budget/options.js';
import type { BreakerConfig } from '../circuit/options.js';
import type { CircuitState } from '../circuit/state.js';
import type { BucketConfig } from '../rate-limit/token-bucket.js';

export type { StoreErrorMode } from '../core/telemetry/events.js';

/** What an operation answers when its store could not be reached in time (the block then applies `onStoreError`). */
export const STORE_UNAVAILABLE: unique symbol = Symbol('resile.storeUnavailable');

/** The type of {@link STORE_UNAVAILABLE}. */
export type StoreUnavailable = typeof STORE_UNAVAILABLE;

/** An operation's answer: at once (an in-memory store) or later (a remote one). */
export type StoreAnswer<T> = T | StoreUnavailable | Promise<T | StoreUnavailable>;

/** A token bucket's decision. */
export interface TokenDecision {
  readonly allowed: boolean;
  /** Exact ms until `n` tokens are there (0 when allowed; `Infinity` when never). */
  readonly retryAfter: number;
  /** Tokens left after the decision. */
  readonly tokens: number;
}

/** One shared token bucket. */
export interface BucketStore {
  /** Refills for the time elapsed, then takes `n` tokens if the bucket holds them. */
  take(n: number, clock: Clock): StoreAnswer<TokenDecision>;
}

/** A retry budget's answer. */
export interface BudgetDecision {
  /** Whether the retry asked for was paid for (always false when none was asked for). */
  readonly allowed: boolean;
  /** Tokens left. */
  readonly tokens: number;
}

/** One shared retry budget. */
export interface BudgetStore {
  /** Refills for `successes` successful calls, then pays for one retry if `spend` and affordable. */
  update(successes: number, spend: boolean, clock: Clock): StoreAnswer<BudgetDecision>;
}

/**
 * Outcomes one process counted while the fleet's breaker was closed, since its last report. The
 * fields a window does not need are zero: a `consecutive` window reads `trailingFailures` and
 * `sawSuccess`, a `count` window the ordered `outcomes`, a `time` window the totals.
 */
export interface OutcomeReport {
  /** The fleet epoch the process knew when it counted them (`-1`: none yet); stale reports are dropped. */
  readonly epoch: number;
  readonly calls: number;
  readonly failures: number;
  readonly slow: number;
  /** Failures after the last success of the batch (all of them when there was none). */
  readonly trailingFailures: number;
  readonly sawSuccess: boolean;
  /** One digit per call, oldest first: bit 1 failed, bit 2 slow (at most `windowSize` of them). */
  readonly outcomes: string;
}

/** The fleet breaker's state as one process sees it after a round trip. */
export interface FleetView {
  readonly phase: CircuitState;
  /** Bumped on every fleet transition. */
  readonly epoch: number;
  /** While open: ms until the fleet admits a probe. */
  readonly openRemaining: number;
  /** Consecutive re-openings (grows the open time with `resetBackoff`). */
  readonly reopens: number;
  /** True when some process holds the half-open probe lease. */
  readonly probeHeld: boolean;
  /** True when the operation granted the probe lease to the caller. */
  readonly granted: boolean;
}

/** How a probe lease ends: the fleet closes, re-opens, or (cancelled probe) stays half-open for another. */
export type ProbeVerdict = 'closed' | 'open' | 'none';

/** One shared circuit breaker. */
export interface BreakerStore {
  /** Adds a report to the fleet's window (which may trip it) and returns the fleet's state. */
  sync(report: OutcomeReport, clock: Clock): StoreAnswer<FleetView>;
  /** Takes the half-open probe lease for `holder` if the fleet is half-open and nobody holds it. */
  acquireProbe(holder: string, clock: Clock): StoreAnswer<FleetView>;
  /** Ends `holder`'s lease with the probes' verdict (ignored once the lease has passed to another). */
  releaseProbe(holder: string, verdict: ProbeVerdict, clock: Clock): StoreAnswer<FleetView>;
  /** Manual control for the fleet: `isolated` holds it open, `closed` resets it. */
  force(phase: 'closed' | 'isolated', clock: Clock): StoreAnswer<FleetView>;
}

/**
 * Where blocks given a `store` keep the state they share with every other block of the same
 * `name` in the same store: `redisStore(...)` from `resile/redis` for a fleet, `memoryStore()` for
 * blocks in one process. Blocks without a store keep private in-memory state.
 */
export interface Store {
  /** What blocks do while the store is unavailable. */
  readonly onStoreError: StoreErrorMode;
  /** Most one breaker (or retry budget) waits before it reports batched outcomes, in ms (0: at once). */
  readonly flushInterval: number;
  /** How long a half-open probe holds the fleet's probe lease unless it settles first, in ms. */
  readonly probeLease: number;
  /** The bucket `name` (one per `key` of a keyed limiter). */
  bucket(name: string, key: string | undefined, config: BucketConfig): BucketStore;
  /** The retry budget `name`. */
  budget(name: string, config: BudgetConfig): BudgetStore;
  /** The circuit breaker `name`. */
  breaker(name: string, config: BreakerConfig): BreakerStore;
}
