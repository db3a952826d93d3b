import type { Priority } from '../priority.js';

/** Identity of one `execute` call: the same object is shared by every event of that call. */
export interface ExecutionInfo {
  /** The execution's `name` option. */
  readonly name: string | undefined;
  /** The call's priority. */
  readonly priority: Priority;
  /** When the call started (epoch ms, from the call's clock). */
  readonly startedAt: number;
}

/** Fields every event carries. */
export interface EventBase {
  /** When the event happened (epoch ms, from the producer's clock). */
  readonly at: number;
  /** Label of the producer: the execution name, or the block's `name`. */
  readonly name: string | undefined;
  /** The `execute` call the event belongs to, when it happened inside one. */
  readonly execution?: ExecutionInfo | undefined;
}

/** How an attempt ended. */
export type AttemptOutcome = 'success' | 'failure' | 'timeout' | 'cancelled' | 'hedge-lost';

/** An attempt is about to run. */
export interface AttemptEvent extends EventBase {
  readonly attempt: number;
  /** True when the attempt was started by hedging while others were still running. */
  readonly hedge: boolean;
}

/** An attempt settled. */
export interface AttemptEndEvent extends EventBase {
  readonly attempt: number;
  readonly hedge: boolean;
  readonly outcome: AttemptOutcome;
  readonly durationMs: number;
  /** The attempt's error (absent on success). */
  readonly error?: unknown;
}

/** A failed attempt will be retried after `delayMs`. */
export interface RetryEvent extends EventBase {
  /** The attempt that failed. */
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: unknown;
  /** True when the delay came from the server (`retryAfter`). */
  readonly serverHint: boolean;
}

/** The call produced a value. */
export interface SuccessEvent extends EventBase {
  readonly attempts: number;
  readonly durationMs: number;
}

/** Why retrying stopped without a value. */
export type GiveUpReason =
  | 'exhausted'
  | 'not-retryable'
  | 'fatal'
  | 'cancel-all'
  | 'cancelled'
  | 'deadline'
  | 'circuit-open'
  | 'budget';

/** Retrying stopped and the call fails. */
export interface GiveUpEvent extends EventBase {
  readonly attempts: number;
  readonly durationMs: number;
  readonly error: unknown;
  readonly reason: GiveUpReason;
}

/** A hedged attempt was started. */
export interface HedgeEvent extends EventBase {
  /** The new attempt's number. */
  readonly attempt: number;
  /** `delay`: the others were slow; `failure`: one failed fast and was replaced at once. */
  readonly trigger: 'delay' | 'failure';
}

/** The fallback replaced a failure. */
export interface FallbackEvent extends EventBase {
  readonly error: unknown;
}

/** An attempt was not started because too little of the deadline remained. */
export interface DeadlineAbortEvent extends EventBase {
  readonly attempt: number;
  readonly deadline: number;
  readonly remainingMs: number;
  readonly thresholdMs: number;
}

/** An execution (a whole `execute` call) started. */
export type ExecutionStartEvent = EventBase;

/** An execution settled. */
export interface ExecutionEndEvent extends EventBase {
  readonly outcome: 'success' | 'failure';
  readonly durationMs: number;
  readonly error?: unknown;
}

/** A circuit breaker changed state. */
export interface CircuitStateChangeEvent extends EventBase {
  readonly from: string;
  readonly to: string;
}

/** A bulkhead refused a call. */
export interface BulkheadFullEvent extends EventBase {
  readonly active: number;
  readonly capacity: number;
  readonly queued: number;
  /** `full`: no slot and no room in the queue; `queue-timeout`: waited `queueTimeout` in vain. */
  readonly reason?: 'full' | 'queue-timeout';
}

/**
 * A bulkhead's occupancy changed: a call was admitted, queued or released. Lets gauges of
 * in-use capacity follow the bulkhead without polling it.
 */
export interface BulkheadUsageEvent extends EventBase {
  readonly active: number;
  readonly capacity: number;
  readonly queued: number;
}

/** A call was shed (priority shedding, adaptive limit, adaptive throttle). */
export interface ShedLoadEvent extends EventBase {
  readonly priority: Priority;
  readonly reason: string;
}

/** A rate limiter refused a call. */
export interface RateLimitExceededEvent extends EventBase {
  readonly retryAfter: number;
}

/** A retry (or hedge) was refused by the retry budget. */
export interface RetryThrottledEvent extends EventBase {
  readonly attempt: number;
  readonly budget: string | undefined;
}

/** Chaos injected a fault. */
export interface ChaosEvent extends EventBase {
  readonly kind: 'error' | 'latency';
  readonly latencyMs?: number;
}

/** An adaptive concurrency limit changed. */
export interface LimitChangeEvent extends EventBase {
  readonly from: number;
  readonly to: number;
}

/** Backpressure signal of a block (emitted on transitions only). */
export interface HealthChangeEvent extends EventBase {
  readonly component: string;
  readonly state: 'healthy' | 'degraded';
  readonly reason: string;
}

/** What a block does while its shared store is unavailable (`onStoreError`). */
export type StoreErrorMode = 'local' | 'allow' | 'deny';

/** A shared state store stopped answering (emitted once per outage, by the store). */
export interface StoreUnavailableEvent extends EventBase {
  /** The first error of the outage (a `StoreUnavailableError` for a timeout). */
  readonly error: unknown;
  /** What the blocks do until it is back. */
  readonly mode: StoreErrorMode;
}

/** A shared state store answers again after an outage. */
export interface StoreRecoveredEvent extends EventBase {
  /** How long the outage lasted. */
  readonly downtimeMs: number;
}

/** An instrumenter or listener threw; the error was isolated. */
export interface ListenerErrorEvent extends EventBase {
  readonly error: unknown;
  /** Which hook threw, e.g. `onRetry` or `onStateChange`. */
  readonly hook: string;
}
