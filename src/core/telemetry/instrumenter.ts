import type * as E from './events.js';

/**
 * Receives resile's structured event stream. Every method is optional; each gets one event
 * object. A method that throws (or returns a rejecting promise) is isolated: the error is passed
 * to `onListenerError` of the instrumenters and never reaches the execution.
 */
export interface Instrumenter {
  /**
   * Optional gate, asked once per call: `false` means this instrumenter would record nothing
   * right now (e.g. no OpenTelemetry SDK is registered), so the call builds no events for it.
   */
  enabled?(): boolean;
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
  onBulkheadUsage?(event: E.BulkheadUsageEvent): void;
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
export type InstrumenterHook = Exclude<keyof Instrumenter, 'enabled'>;

/** The event type a hook receives. */
export type EventOf<H extends InstrumenterHook> = Parameters<NonNullable<Instrumenter[H]>>[0];
