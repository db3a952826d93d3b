// Which level and message each event gets by default (API.md §5): failures that end a call and
// an opening breaker at `error`; retries, refusals and throttling at `warn`; recoveries at
// `info`; the per-attempt chatter at `debug`. Messages are fixed strings, so lines group well.
import type { EventOf, InstrumenterHook } from '../../core/telemetry/instrumenter.js';

/** A pino-style level name. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A level, or `off` to drop the event. */
export type LevelChoice = LogLevel | 'off';

type Rule<H extends InstrumenterHook> = (e: EventOf<H>) => readonly [LevelChoice, string];

const CIRCUIT: Readonly<Partial<Record<string, readonly [LevelChoice, string]>>> = {
  open: ['error', 'resile: circuit breaker opened'],
  'half-open': ['info', 'resile: circuit breaker half-open'],
  closed: ['info', 'resile: circuit breaker closed'],
  isolated: ['warn', 'resile: circuit breaker isolated'],
};

/** Default level and message of every event. */
export const RULES: { [H in InstrumenterHook]: Rule<H> } = {
  onExecutionStart: () => ['debug', 'resile: call started'],
  onExecutionEnd: () => ['debug', 'resile: call ended'],
  onAttempt: () => ['debug', 'resile: attempt started'],
  onAttemptEnd: () => ['debug', 'resile: attempt ended'],
  onRetry: () => ['warn', 'resile: attempt failed, retrying'],
  onSuccess: () => ['debug', 'resile: call succeeded'],
  // A caller that gave up is not a failing dependency; an open breaker's refusal is a rejection
  // (the opening itself was logged at error).
  onGiveUp: (e) => [e.reason === 'cancelled' ? 'info' : e.reason === 'circuit-open' ? 'warn' : 'error', 'resile: giving up'],
  onHedge: () => ['info', 'resile: hedged attempt started'],
  onFallback: () => ['warn', 'resile: fallback replaced a failure'],
  onDeadlineAbort: () => ['warn', 'resile: attempt not started, deadline too close'],
  onCircuitStateChange: (e) => (Object.hasOwn(CIRCUIT, e.to) ? CIRCUIT[e.to] : undefined) ?? ['warn', 'resile: circuit breaker state changed'],
  onBulkheadFull: () => ['warn', 'resile: bulkhead full, call rejected'],
  // Two per call: a job for metrics, not logs.
  onBulkheadUsage: () => ['off', 'resile: bulkhead usage changed'],
  onShedLoad: () => ['warn', 'resile: load shed, call rejected'],
  onRateLimitExceeded: () => ['warn', 'resile: rate limit exceeded, call rejected'],
  onRetryThrottled: () => ['warn', 'resile: retry throttled by the retry budget'],
  onChaos: () => ['info', 'resile: chaos injected a fault'],
  onLimitChange: () => ['debug', 'resile: concurrency limit changed'],
  onHealthChange: (e) => (e.state === 'degraded' ? ['warn', 'resile: health degraded'] : ['info', 'resile: health recovered']),
  onStoreUnavailable: () => ['warn', 'resile: shared state store unavailable'],
  onStoreRecovered: () => ['info', 'resile: shared state store recovered'],
  onListenerError: () => ['error', 'resile: an instrumenter or listener threw'],
};
