import type { Tracer } from '@opentelemetry/api';
import type * as E from '../../core/telemetry/events.js';
import type { Instrumenter } from '../../core/telemetry/instrumenter.js';
import { BoundedNames } from '../shared/bounded-names.js';
import { anyGlobalRegistered, GlobalProviders, isLiveMeter, isLiveTracer } from './liveness.js';
import { OtelMetrics } from './metrics.js';
import { normalizeOtelOptions, type NormalizedOtelOptions, type OtelInstrumenterOptions } from './options.js';
import { ExecutionSpans } from './spans.js';

/** Instrumentation scope name of the tracer and meter. */
const SCOPE = 'resile';

/**
 * Translates resile's events into OpenTelemetry spans and metrics. Asked once per call whether
 * anything would be recorded: with no SDK registered (and no live tracer/meter given) the call
 * builds no events at all.
 */
class OtelInstrumenter implements Instrumenter {
  private readonly spans: ExecutionSpans;
  private readonly names: BoundedNames;
  private readonly globals = new GlobalProviders(SCOPE);
  private readonly instruments = new WeakMap<object, OtelMetrics>();
  private tracer: Tracer | undefined = undefined;
  private metrics: OtelMetrics | undefined = undefined;

  constructor(private readonly o: NormalizedOtelOptions) {
    this.spans = new ExecutionSpans(o.recordExceptions);
    this.names = new BoundedNames(o.maxNames);
    this.refresh();
  }

  enabled(): boolean {
    this.refresh();
    return this.tracer !== undefined || this.metrics !== undefined;
  }

  /**
   * Picks up an SDK registered (or a provider swapped) since the last call. Block events call it
   * too: a block's own instrumenter may see events while no call asks `enabled()`.
   */
  private refresh(): void {
    const { tracer, meter } = this.o;
    if (tracer === undefined && meter === undefined && !anyGlobalRegistered()) {
      // The common "adapter installed, no SDK" case: one field read per call.
      this.tracer = undefined;
      this.metrics = undefined;
      return;
    }
    this.tracer = tracer === undefined ? this.globals.tracer() : isLiveTracer(tracer) ? tracer : undefined;
    const live = meter === undefined ? this.globals.meter() : isLiveMeter(meter) ? meter : undefined;
    if (live === undefined) {
      this.metrics = undefined;
    } else if (this.metrics?.meter !== live) {
      let m = this.instruments.get(live);
      if (m === undefined) this.instruments.set(live, (m = new OtelMetrics(live, this.names)));
      this.metrics = m;
    }
  }

  onExecutionStart(e: E.ExecutionStartEvent): void {
    if (this.tracer !== undefined) this.spans.start(this.tracer, e);
  }

  onExecutionEnd(e: E.ExecutionEndEvent): void {
    this.spans.end(e);
    this.metrics?.executionEnd(e);
  }

  onAttempt(e: E.AttemptEvent): void {
    if (this.tracer !== undefined) this.spans.attempt(this.tracer, e);
  }

  onAttemptEnd(e: E.AttemptEndEvent): void {
    this.spans.attemptEnd(e);
    this.metrics?.attemptEnd(e);
  }

  onRetry(e: E.RetryEvent): void {
    this.spans.event('onRetry', e);
  }

  onSuccess(e: E.SuccessEvent): void {
    this.spans.annotate(e, { 'resile.attempts': e.attempts });
  }

  onGiveUp(e: E.GiveUpEvent): void {
    this.spans.annotate(e, { 'resile.attempts': e.attempts, 'resile.give_up.reason': e.reason });
  }

  onHedge(e: E.HedgeEvent): void {
    this.spans.event('onHedge', e);
  }

  onFallback(e: E.FallbackEvent): void {
    this.spans.event('onFallback', e);
    this.spans.annotate(e, { 'resile.fallback': true });
  }

  onDeadlineAbort(e: E.DeadlineAbortEvent): void {
    this.spans.event('onDeadlineAbort', e);
  }

  onCircuitStateChange(e: E.CircuitStateChangeEvent): void {
    this.refresh();
    this.spans.event('onCircuitStateChange', e);
    this.metrics?.circuitStateChange(e);
  }

  onBulkheadFull(e: E.BulkheadFullEvent): void {
    this.refresh();
    this.spans.event('onBulkheadFull', e);
    this.metrics?.bulkhead(e);
    this.metrics?.reject(e, 'bulkhead_full');
  }

  onBulkheadUsage(e: E.BulkheadUsageEvent): void {
    this.refresh();
    this.metrics?.bulkhead(e);
  }

  onShedLoad(e: E.ShedLoadEvent): void {
    this.refresh();
    this.spans.event('onShedLoad', e);
    this.metrics?.reject(e, 'shed_load', e.reason);
  }

  onRateLimitExceeded(e: E.RateLimitExceededEvent): void {
    this.refresh();
    this.spans.event('onRateLimitExceeded', e);
    this.metrics?.reject(e, 'rate_limited');
  }

  onRetryThrottled(e: E.RetryThrottledEvent): void {
    this.spans.event('onRetryThrottled', e);
    this.metrics?.reject(e, 'retry_throttled');
  }

  onChaos(e: E.ChaosEvent): void {
    this.spans.event('onChaos', e);
  }

  onLimitChange(e: E.LimitChangeEvent): void {
    this.refresh();
    this.metrics?.limitChange(e);
  }

  onHealthChange(e: E.HealthChangeEvent): void {
    this.spans.event('onHealthChange', e);
  }

  onStoreUnavailable(e: E.StoreUnavailableEvent): void {
    this.spans.event('onStoreUnavailable', e);
  }

  onStoreRecovered(e: E.StoreRecoveredEvent): void {
    this.spans.event('onStoreRecovered', e);
  }

  onListenerError(e: E.ListenerErrorEvent): void {
    this.spans.event('onListenerError', e);
  }
}

/**
 * An instrumenter that records a span per `execute` call with a child span per attempt, and the
 * `resile.*` metrics of docs/telemetry.md, through the OpenTelemetry API. Without options it
 * uses the global providers, and costs nothing until an SDK is registered.
 */
export function otelInstrumenter(options?: OtelInstrumenterOptions): Instrumenter {
  return new OtelInstrumenter(normalizeOtelOptions(options));
}
