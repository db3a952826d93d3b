import type * as E from '../../core/telemetry/events.js';
import type { Instrumenter } from '../../core/telemetry/instrumenter.js';
import { BoundedNames } from '../shared/bounded-names.js';
import { circuitStateValue, dependencyOf, safeLabel } from '../shared/vocabulary.js';
import { METRICS, register } from './metrics.js';
import { normalizePrometheusOptions, type PrometheusInstrumenterOptions } from './options.js';

/** Distinct shed reasons kept; they are code-produced, so this only guards against a bad block. */
const MAX_REASONS = 16;

/**
 * An instrumenter that maintains prom-client metrics (docs/telemetry.md): breaker transitions and
 * state, bulkhead usage and rejections, attempts by outcome, rate-limiter rejections, throttled
 * retries, the adaptive limit and execution durations. Labels are names and code-produced
 * values only (never error messages), and `dependency` is capped at `maxDependencies` values.
 */
export function prometheusInstrumenter(options?: PrometheusInstrumenterOptions): Instrumenter {
  const o = normalizePrometheusOptions(options);
  const r = { registry: o.registry, prefix: o.prefix, constantLabels: Object.keys(o.labels), buckets: o.buckets };
  const changes = register(METRICS.circuitStateChanges, r);
  const state = register(METRICS.circuitState, r);
  const active = register(METRICS.bulkheadActive, r);
  const max = register(METRICS.bulkheadMax, r);
  const rejections = register(METRICS.bulkheadRejections, r);
  const attempts = register(METRICS.retryAttempts, r);
  const throttled = register(METRICS.retryThrottled, r);
  const rateLimited = register(METRICS.rateLimiterRejections, r);
  const limit = register(METRICS.adaptiveLimit, r);
  const duration = register(METRICS.executionDuration, r);
  const dependencies = new BoundedNames(o.maxDependencies);
  const reasons = new BoundedNames(MAX_REASONS);

  const constant = Object.keys(o.labels).length > 0 ? o.labels : undefined;
  // The labels of one series: `dependency`, then `key` (if any), then the constant labels. Built
  // by assignment: `{ ...labels, x }` is a slow path in V8 and this runs on every event.
  const on = (e: E.EventBase, key?: string, value?: string): Record<string, string> => {
    const labels: Record<string, string> = { dependency: dependencies.label(dependencyOf(e)) };
    if (key !== undefined && value !== undefined) labels[key] = value;
    return constant === undefined ? labels : Object.assign(labels, constant);
  };
  const bulkhead = (e: E.BulkheadUsageEvent | E.BulkheadFullEvent): void => {
    const labels = on(e);
    active.set(labels, e.active);
    max.set(labels, e.capacity);
  };

  return {
    onAttempt(e) {
      attempts.inc(on(e, 'outcome', e.attempt === 0 ? 'first' : 'retry'));
    },
    onAttemptEnd(e) {
      // Attempts abandoned because the caller left or another hedge won are neither.
      if (e.outcome === 'success') attempts.inc(on(e, 'outcome', 'success'));
      else if (e.outcome === 'failure' || e.outcome === 'timeout') attempts.inc(on(e, 'outcome', 'failure'));
    },
    onExecutionEnd(e) {
      duration.observe(on(e, 'outcome', e.outcome), e.durationMs / 1000);
    },
    onCircuitStateChange(e) {
      changes.inc(on(e, 'to_state', safeLabel(e.to)));
      const value = circuitStateValue(e.to);
      if (value !== undefined) state.set(on(e), value);
    },
    onBulkheadUsage: bulkhead,
    onBulkheadFull(e) {
      bulkhead(e);
      rejections.inc(on(e, 'reason', e.reason ?? 'full'));
    },
    onShedLoad(e) {
      rejections.inc(on(e, 'reason', reasons.label(safeLabel(e.reason))));
    },
    onRateLimitExceeded(e) {
      rateLimited.inc(on(e));
    },
    onRetryThrottled(e) {
      throttled.inc(on(e));
    },
    onLimitChange(e) {
      limit.set(on(e), e.to);
    },
  };
}
