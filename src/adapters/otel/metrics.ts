// The OpenTelemetry instruments of docs/telemetry.md, recorded from resile's events. Attribute
// values are bounded: names pass through a cardinality cap, everything else is code-produced.
import type { Attributes, Counter, Gauge, Histogram, Meter } from '@opentelemetry/api';
import type * as E from '../../core/telemetry/events.js';
import type { BoundedNames } from '../shared/bounded-names.js';
import { attemptKind, circuitStateValue, dependencyOf, DURATION_BUCKETS, errorCode, errorType, safeLabel } from '../shared/vocabulary.js';

/** Why a call was refused without running (`resile.rejection.reason`). */
export type RejectionReason = 'bulkhead_full' | 'shed_load' | 'rate_limited' | 'retry_throttled' | 'circuit_open';

/** The instruments of one meter. */
export class OtelMetrics {
  private readonly attempts: Counter;
  private readonly duration: Histogram;
  private readonly stateChanges: Counter;
  private readonly circuitState: Gauge;
  private readonly rejections: Counter;
  private readonly bulkheadActive: Gauge;
  private readonly bulkheadCapacity: Gauge;
  private readonly adaptiveLimit: Gauge;

  constructor(
    readonly meter: Meter,
    private readonly names: BoundedNames,
  ) {
    this.attempts = meter.createCounter('resile.attempts', { description: 'Attempts by outcome', unit: '{attempt}' });
    this.duration = meter.createHistogram('resile.execution.duration', {
      description: 'Duration of whole execute calls, retries included',
      unit: 's',
      advice: { explicitBucketBoundaries: [...DURATION_BUCKETS] },
    });
    this.stateChanges = meter.createCounter('resile.circuit.state_changes', { description: 'Circuit breaker transitions', unit: '{transition}' });
    this.circuitState = meter.createGauge('resile.circuit.state', { description: 'Circuit breaker state: 0 closed, 1 open, 2 half-open, 3 isolated' });
    this.rejections = meter.createCounter('resile.rejections', { description: 'Calls refused by a protective block, by reason', unit: '{call}' });
    this.bulkheadActive = meter.createGauge('resile.bulkhead.active', { description: 'Calls holding a bulkhead slot', unit: '{call}' });
    this.bulkheadCapacity = meter.createGauge('resile.bulkhead.capacity', { description: 'Bulkhead capacity', unit: '{call}' });
    this.adaptiveLimit = meter.createGauge('resile.adaptive.limit', { description: 'Current adaptive concurrency limit', unit: '{call}' });
  }

  private named(event: E.EventBase): Attributes {
    return { 'resile.name': this.names.label(dependencyOf(event)) };
  }

  attemptEnd(e: E.AttemptEndEvent): void {
    const a = this.named(e);
    a['resile.attempt.kind'] = attemptKind(e.attempt, e.hedge);
    a['resile.outcome'] = e.outcome;
    if (e.outcome === 'failure' || e.outcome === 'timeout') a['error.type'] = errorType(e.error);
    this.attempts.add(1, a);
    // An open breaker refuses inside the attempt; its rejection is only visible here.
    if (errorCode(e.error) === 'ERR_CIRCUIT_OPEN') this.reject(e, 'circuit_open');
  }

  executionEnd(e: E.ExecutionEndEvent): void {
    const a = this.named(e);
    a['resile.outcome'] = e.outcome;
    if (e.outcome === 'failure') a['error.type'] = errorType(e.error);
    this.duration.record(e.durationMs / 1000, a);
  }

  circuitStateChange(e: E.CircuitStateChangeEvent): void {
    const a = this.named(e);
    a['resile.circuit.from_state'] = safeLabel(e.from);
    a['resile.circuit.to_state'] = safeLabel(e.to);
    this.stateChanges.add(1, a);
    const value = circuitStateValue(e.to);
    if (value !== undefined) this.circuitState.record(value, this.named(e));
  }

  bulkhead(e: E.BulkheadUsageEvent | E.BulkheadFullEvent): void {
    const a = this.named(e);
    this.bulkheadActive.record(e.active, a);
    this.bulkheadCapacity.record(e.capacity, a);
  }

  limitChange(e: E.LimitChangeEvent): void {
    this.adaptiveLimit.record(e.to, this.named(e));
  }

  /** Counts a refusal; `shedReason` says which shedding rule refused. */
  reject(e: E.EventBase, reason: RejectionReason, shedReason?: string): void {
    const a = this.named(e);
    a['resile.rejection.reason'] = reason;
    if (shedReason !== undefined) a['resile.shed.reason'] = safeLabel(shedReason);
    this.rejections.add(1, a);
  }
}
