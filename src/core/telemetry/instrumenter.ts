import type * as E from './events.js';

/**
 * Receives resile's structured event stream. Every method is optional; each gets one event
 * object. A method that throws (or returns a rejecting promise) is isolated: the error is passed
 * to `onListenerError` of the instrumenters and never reaches the execution.
 */
export interface Instrumenter {
  onExecutionStart?(event: E.ExecutionStartEvent): void;
  onExecutionEnd?(event: E.ExecutionEndEvent): void;
  onAttempt?(event: E.AttemptEvent): void;
  onAttemptEnd?(event: E.AttemptEndEvent): void;
  onRetry?(event: E.RetryEvent): void;
  onSuccess?(event: E.SuccessEvent): void;
  onGiveUp?(event: E.GiveUpEvent): void;
  onHedge?(event: E.HedgeEvent): void;
  onFallback?(event: E.FallbackEvent): void;
  onDeadlineAbort?(event: E.DeadlineAbortEvent): void;
  onCircuitStateChange?(event: E.CircuitStateChangeEvent): void;
  onBulkheadFull?(event: E.BulkheadFullEvent): void;
  onShedLoad?(event: E.ShedLoadEvent): void;
  onRateLimitExceeded?(event: E.RateLimitExceededEvent): void;
  onRetryThrottled?(event: E.RetryThrottledEvent): void;
  onChaos?(event: E.ChaosEvent): void;
  onLimitChange?(event: E.LimitChangeEvent): void;
  onHealthChange?(event: E.HealthChangeEvent): void;
  onStoreUnavailable?(event: E.StoreUnavailableEvent): void;
  onStoreRecovered?(event: E.StoreRecoveredEvent): void;
  onListenerError?(event: E.ListenerErrorEvent): void;
}

/** Names of the event hooks of {@link Instrumenter}. */
export type InstrumenterHook = keyof Instrumenter;

/** The event type a hook receives. */
export type EventOf<H extends InstrumenterHook> = Parameters<NonNullable<Instrumenter[H]>>[0];
