import type { Action } from '../core/context.js';
import type { FallbackFn } from '../fallback/fallback.js';
import { FallbackStrategy } from '../fallback/fallback.js';
import { DeadlineStrategy, DEFAULT_MIN_DEADLINE_THRESHOLD } from '../deadline/deadline.js';
import { InstrumentStrategy, toTelemetry } from '../instrument/instrument.js';
import { DEFAULT_RETRY, normalizeRetry, type RetryOptions } from '../retry/options.js';
import { RetryStrategy } from '../retry/retry.js';
import { TimeoutStrategy } from '../timeout/timeout.js';
import { checkBreaker, type CircuitBreaker } from '../circuit/circuit-breaker.js';
import { checkThrottle, type AdaptiveThrottle } from '../adaptive-throttle/adaptive-throttle.js';
import { ChaosStrategy } from '../chaos/chaos.js';
import { normalizeChaos, type ChaosConfig } from '../chaos/options.js';
import { checkDelay, checkFunction, checkOptionsObject, checkPositiveDuration } from '../core/validate.js';
import { createRootContext, settleRoot, type CallOptions } from './call-options.js';
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
 * retry/hedge → deadline check → attempt timeout → circuit breaker → chaos → action.
 */
export function strategiesFor(o: ExecuteOptions<never>): Strategy<unknown>[] {
  const layers: Strategy<unknown>[] = [];
  if (o.instrumenter !== undefined) layers.push(new InstrumentStrategy(toTelemetry(OWNER, o.instrumenter)));
  if (o.fallback !== undefined) layers.push(new FallbackStrategy(checkFunction<FallbackFn<unknown>>(OWNER, 'fallback', o.fallback)));
  if (o.adaptiveThrottle !== undefined) layers.push(checkThrottle(OWNER, 'adaptiveThrottle', o.adaptiveThrottle));
  layers.push(new RetryStrategy(normalizeRetry(OWNER, o)));
  const threshold =
    o.minDeadlineThreshold === undefined ? DEFAULT_MIN_DEADLINE_THRESHOLD : checkDelay(OWNER, 'minDeadlineThreshold', o.minDeadlineThreshold);
  layers.push(new DeadlineStrategy(threshold));
  if (o.attemptTimeout !== undefined) layers.push(new TimeoutStrategy(checkPositiveDuration(OWNER, 'attemptTimeout', o.attemptTimeout)));
  if (o.circuitBreaker !== undefined) layers.push(checkBreaker(OWNER, 'circuitBreaker', o.circuitBreaker));
  if (o.chaos !== undefined) layers.push(new ChaosStrategy(normalizeChaos(OWNER, o.chaos, 'chaos.')));
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
  const chain = link(strategiesFor(o));
  const ctx = createRootContext(OWNER, action, o);
  return settleRoot(chain(ctx), ctx) as Promise<T>;
}
