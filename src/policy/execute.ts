import type { AdaptiveLimiter } from '../adaptive/limiter.js';
import type { Bulkhead } from '../bulkhead/bulkhead.js';
import type { Action } from '../core/context.js';
import type { RateLimiterOptions } from '../rate-limit/options.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import type { PriorityBulkhead } from '../shed/priority-bulkhead.js';
import type { Store } from '../store/store.js';
import type { FallbackFn } from '../fallback/fallback.js';
import { FallbackStrategy } from '../fallback/fallback.js';
import { DeadlineStrategy, DEFAULT_MIN_DEADLINE_THRESHOLD } from '../deadline/deadline.js';
import { InstrumentStrategy, instrumentLayer, toTelemetry } from '../instrument/instrument.js';
import { DEFAULT_RETRY, normalizeRetry, type RetryOptions } from '../retry/options.js';
import { RetryStrategy } from '../retry/retry.js';
import { TimeoutStrategy } from '../timeout/timeout.js';
import { checkBreaker, type CircuitBreaker } from '../circuit/circuit-breaker.js';
import { checkThrottle, type AdaptiveThrottle } from '../adaptive-throttle/adaptive-throttle.js';
import { ChaosStrategy } from '../chaos/chaos.js';
import { normalizeChaos, type ChaosConfig } from '../chaos/options.js';
import { checkDelay, checkFunction, checkOptionsObject, checkPositiveDuration } from '../core/validate.js';
import { createRootContext, settleRoot, type CallOptions } from './call-options.js';
import { adaptiveLimiterOption, bulkheadOption, priorityBulkheadOption, rateLimiterOption } from './capacity-options.js';
import { link } from './chain.js';
import type { Strategy } from './strategy.js';

/** Everything `execute` accepts: call options, retry options and the layers to apply. */
export interface ExecuteOptions<T = unknown> extends CallOptions, RetryOptions<T> {
  /** Per-attempt timeout in ms: the attempt fails with a (retryable) `TimeoutError`. */
  attemptTimeout?: number;
  /** Do not start an attempt with less than this many ms left. @defaultValue 5 */
  minDeadlineThreshold?: number;
  /** Called with the final error when everything else failed; its value is returned instead. */
  fallback?: FallbackFn<T>;
  /**
   * A shared `RateLimiter`, or `{ limit, interval, burst? }` for a limiter private to that object
   * (calls passing the same object share it). One token per call; refusal is `RateLimitExceededError`.
   */
  rateLimiter?: RateLimiter<Store | undefined> | RateLimiterOptions;
  /** A shared `AdaptiveLimiter`: latency-driven concurrency limit; refusal is `ShedLoadError`. */
  adaptiveLimiter?: AdaptiveLimiter;
  /**
   * A shared `Bulkhead`, or a capacity for a bulkhead private to this options object (calls
   * passing the same options object share it). One slot holds for all of a call's retries.
   */
  bulkhead?: number | Bulkhead;
  /** A shared `PriorityBulkhead`: sheds calls by their `priority`. */
  priorityBulkhead?: PriorityBulkhead;
  /** A shared adaptive throttle, outside the retry loop: every call is one request. */
  adaptiveThrottle?: AdaptiveThrottle;
  /** A shared circuit breaker, inside the retry loop: every attempt is one sample. */
  circuitBreaker?: CircuitBreaker;
  /** Faults to inject, innermost (the breaker and the retry loop see them as real failures). */
  chaos?: ChaosConfig;
}

const OWNER = 'execute';
const DEFAULT_CHAIN = link([new RetryStrategy(DEFAULT_RETRY), new DeadlineStrategy(DEFAULT_MIN_DEADLINE_THRESHOLD)]);

/**
 * The layers `execute` applies for `options`, outermost first, in the fixed order: instrument →
 * fallback → rate limiter → adaptive throttle → adaptive limiter → bulkhead → priority bulkhead →
 * retry/hedge → deadline check → attempt timeout → circuit breaker → chaos → action. `owner` names
 * the component in validation messages (a `StateMachine`, `createFetch`, ... built on these options);
 * `oneCall` says the layers serve a single call (`execute`), not a pipeline built once and reused.
 */
export function strategiesFor(o: ExecuteOptions<never>, owner: string = OWNER, oneCall = false): Strategy<unknown>[] {
  const layers: Strategy<unknown>[] = [];
  if (o.instrumenter !== undefined) {
    // A pipeline for one call asks the instrumenters' enabled() gates now and has no telemetry
    // layer when nobody listens; a reusable one asks on every call it runs.
    const layer = oneCall ? instrumentLayer(owner, o.instrumenter) : new InstrumentStrategy(toTelemetry(owner, o.instrumenter));
    if (layer !== undefined) layers.push(layer);
  }
  if (o.fallback !== undefined) layers.push(new FallbackStrategy(checkFunction<FallbackFn<unknown>>(owner, 'fallback', o.fallback)));
  if (o.rateLimiter !== undefined) layers.push(rateLimiterOption(owner, o.rateLimiter));
  if (o.adaptiveThrottle !== undefined) layers.push(checkThrottle(owner, 'adaptiveThrottle', o.adaptiveThrottle));
  if (o.adaptiveLimiter !== undefined) layers.push(adaptiveLimiterOption(owner, o.adaptiveLimiter));
  if (o.bulkhead !== undefined) layers.push(bulkheadOption(owner, o, o.bulkhead));
  if (o.priorityBulkhead !== undefined) layers.push(priorityBulkheadOption(owner, o.priorityBulkhead));
  layers.push(new RetryStrategy(normalizeRetry(owner, o)));
  const threshold =
    o.minDeadlineThreshold === undefined ? DEFAULT_MIN_DEADLINE_THRESHOLD : checkDelay(owner, 'minDeadlineThreshold', o.minDeadlineThreshold);
  layers.push(new DeadlineStrategy(threshold));
  if (o.attemptTimeout !== undefined) layers.push(new TimeoutStrategy(checkPositiveDuration(owner, 'attemptTimeout', o.attemptTimeout)));
  if (o.circuitBreaker !== undefined) layers.push(checkBreaker(owner, 'circuitBreaker', o.circuitBreaker));
  if (o.chaos !== undefined) layers.push(new ChaosStrategy(normalizeChaos(owner, o.chaos, 'chaos.')));
  return layers;
}

/**
 * Runs `action` under layered protection: by default up to 5 attempts with exponential backoff
 * and full jitter, honouring the caller's signal and any (ambient) deadline. Invalid options
 * throw a `TypeError`/`RangeError` synchronously.
 */
export function execute<T>(action: Action<T>, options?: ExecuteOptions<T>): Promise<T> {
  if (options === undefined) {
    const ctx = createRootContext(OWNER, action, undefined);
    return settleRoot(DEFAULT_CHAIN(ctx), ctx) as Promise<T>;
  }
  const o = checkOptionsObject<ExecuteOptions<never>>(OWNER, options);
  const chain = link(strategiesFor(o, OWNER, true));
  const ctx = createRootContext(OWNER, action, o);
  return settleRoot(chain(ctx), ctx) as Promise<T>;
}
