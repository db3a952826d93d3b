// resile: public re-exports only.

export { execute, type ExecuteOptions } from './policy/execute.js';
export { policy, Policy } from './policy/policy.js';
export type { CallOptions } from './policy/call-options.js';
export type { Strategy, Next, WidenOf } from './policy/strategy.js';

export { retry, RetryStrategy } from './retry/retry.js';
export type { RetryOptions, RetryBudgetLike } from './retry/options.js';
export {
  fullJitter,
  equalJitter,
  decorrelatedJitter,
  exponential,
  constant,
  type Backoff,
  type BackoffName,
  type ExponentialBackoffOptions,
} from './retry/backoff.js';
export { retryAfterFromHeader } from './retry/retry-after-header.js';
export { hedge, type HedgeOptions } from './hedge/hedge.js';
export { timeout, TimeoutStrategy } from './timeout/timeout.js';
export { deadline, DeadlineStrategy } from './deadline/deadline.js';
export {
  injectDeadline,
  extractDeadline,
  type InjectDeadlineOptions,
  type ExtractDeadlineOptions,
} from './deadline/propagation.js';
export type { HeaderSource, HeaderTarget, HeaderValue } from './deadline/header-access.js';
export { fallback, FallbackStrategy, type FallbackFn } from './fallback/fallback.js';
export { instrument, InstrumentStrategy } from './instrument/instrument.js';
export { StateMachine } from './state-machine/state-machine.js';
export type {
  StateMachineOptions,
  Transition,
  TransitionFn,
  TransitionRecord,
  HandleOptions,
} from './state-machine/options.js';

export type { BlockOptions } from './policy/block-options.js';
export type { BlockAction } from './policy/standalone.js';
export { Bulkhead, bulkhead } from './bulkhead/bulkhead.js';
export type { BulkheadOptions } from './bulkhead/options.js';
export { PriorityBulkhead, priorityBulkhead } from './shed/priority-bulkhead.js';
export type { PriorityThresholdOptions } from './shed/options.js';
export { RateLimiter, rateLimit } from './rate-limit/rate-limiter.js';
export { KeyedRateLimiter } from './rate-limit/keyed-rate-limiter.js';
export type { RateLimiterOptions, KeyedRateLimiterOptions } from './rate-limit/options.js';
export {
  AdaptiveLimiter,
  adaptiveLimit,
  AdaptivePermit,
  vegas,
  gradient2,
  type PermitOutcome,
  type VegasOptions,
  type VegasState,
  type VegasCut,
  type Gradient2Options,
  type Gradient2State,
  type LimitAlgorithm,
  type LimitUpdate,
  type WindowSummary,
  type AdaptiveLimiterOptions,
  type AlgorithmName,
} from './adaptive/index.js';

export { CircuitBreaker, circuitBreaker, type CircuitStateChange } from './circuit/circuit-breaker.js';
export type { CircuitBreakerOptions, CircuitWindow } from './circuit/options.js';
export type { CircuitState } from './circuit/state.js';
export type { CircuitBreakerSnapshot } from './circuit/snapshot.js';
export { RetryBudget } from './budget/retry-budget.js';
export type { RetryBudgetOptions } from './budget/options.js';
export { memoryStore, type MemoryStoreOptions } from './store/memory-store.js';
export {
  STORE_UNAVAILABLE,
  type Store,
  type StoreAnswer,
  type StoreErrorMode,
  type StoreUnavailable,
  type BucketStore,
  type BudgetStore,
  type BreakerStore,
  type TokenDecision,
  type BudgetDecision,
  type OutcomeReport,
  type FleetView,
  type ProbeVerdict,
} from './store/store.js';
export { AdaptiveThrottle, adaptiveThrottle } from './adaptive-throttle/adaptive-throttle.js';
export type { AdaptiveThrottleOptions } from './adaptive-throttle/options.js';
export { chaos, ChaosStrategy } from './chaos/chaos.js';
export type { ChaosConfig } from './chaos/options.js';

export { systemClock, type Clock, type TimerHandle } from './core/clock.js';
export { defaultRandom, seededRandom, type Random } from './core/random.js';
export { linkSignal, type LinkedSignal } from './core/signal.js';
export { Priority } from './core/priority.js';
export {
  runWithContext,
  currentContext,
  withTestingBypass,
  setTestingBypass,
  type ContextOptions,
  type CurrentContext,
} from './core/ambient.js';
export type { AttemptContext, Action, ExecutionContext } from './core/context.js';

export { ResileError, isResileError, type ResileErrorCode, type ResileErrorOptions } from './core/errors/resile-error.js';
export { BulkheadFullError } from './core/errors/bulkhead-full-error.js';
export { ShedLoadError } from './core/errors/shed-load-error.js';
export { RateLimitExceededError } from './core/errors/rate-limit-exceeded-error.js';
export { CircuitOpenError } from './core/errors/circuit-open-error.js';
export { TimeoutError } from './core/errors/timeout-error.js';
export { DeadlineExceededError } from './core/errors/deadline-exceeded-error.js';
export { RetryExhaustedError } from './core/errors/retry-exhausted-error.js';
export { RetryAfterError, type RetryAfterErrorOptions } from './core/errors/retry-after-error.js';
export { HedgeLostError } from './core/errors/hedge-lost-error.js';
export { ChaosError } from './core/errors/chaos-error.js';
export { StoreUnavailableError } from './core/errors/store-unavailable-error.js';
export { fatal, isFatal } from './core/errors/fatal.js';
export { findError, type ErrorClass } from './core/errors/find-error.js';

export type { Instrumenter, InstrumenterHook, EventOf } from './core/telemetry/instrumenter.js';
export type * from './core/telemetry/events.js';
