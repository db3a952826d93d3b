// The Prometheus metrics of docs/telemetry.md, named as operators write alert rules against
// them. One table: the adapter registers it, the shipped alert rules are checked against it.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { rangeError } from '../../core/validate.js';

/** One metric: kind, name (before the prefix), help text and its own labels. */
export interface MetricSpec {
  readonly kind: 'counter' | 'gauge' | 'histogram';
  readonly name: string;
  readonly help: string;
  readonly labels: readonly string[];
}

/** Every metric the adapter emits. */
export const METRICS = {
  circuitStateChanges: {
    kind: 'counter',
    name: 'circuit_breaker_state_changes_total',
    help: 'Circuit breaker transitions, by the state entered',
    labels: ['dependency', 'to_state'],
  },
  circuitState: { kind: 'gauge', name: 'circuit_breaker_state', help: 'Circuit breaker state: 0 closed, 1 open, 2 half-open, 3 isolated', labels: ['dependency'] },
  bulkheadActive: { kind: 'gauge', name: 'bulkhead_active_calls', help: 'Calls holding a bulkhead slot', labels: ['dependency'] },
  bulkheadMax: { kind: 'gauge', name: 'bulkhead_max_concurrent', help: 'Bulkhead capacity', labels: ['dependency'] },
  bulkheadRejections: {
    kind: 'counter',
    name: 'bulkhead_rejections_total',
    help: 'Calls refused for capacity: full bulkhead (reason="full" or "queue-timeout") or load shed (reason of the shedding rule)',
    labels: ['dependency', 'reason'],
  },
  retryAttempts: {
    kind: 'counter',
    name: 'retry_attempts_total',
    help: 'Attempts started (outcome="first" or "retry"; hedges count as retries) and settled (outcome="success" or "failure")',
    labels: ['dependency', 'outcome'],
  },
  retryThrottled: { kind: 'counter', name: 'retry_throttled_total', help: 'Retries and hedges refused by a retry budget', labels: ['dependency'] },
  rateLimiterRejections: { kind: 'counter', name: 'rate_limiter_rejections_total', help: 'Calls refused by a rate limiter', labels: ['dependency'] },
  adaptiveLimit: { kind: 'gauge', name: 'adaptive_concurrency_limit', help: 'Current adaptive concurrency limit', labels: ['dependency'] },
  executionDuration: {
    kind: 'histogram',
    name: 'execution_duration_seconds',
    help: 'Duration of whole execute calls, retries included',
    labels: ['dependency', 'outcome'],
  },
} as const satisfies Record<string, MetricSpec>;

/** Names of the series each metric exposes (a histogram has `_bucket`, `_sum` and `_count`). */
export function seriesNames(spec: MetricSpec, prefix = ''): string[] {
  const name = prefix + spec.name;
  return spec.kind === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
}

/** How a metric is registered: where, with which extra labels and buckets. */
export interface Registration {
  readonly registry: Registry;
  readonly prefix: string;
  readonly constantLabels: readonly string[];
  readonly buckets: readonly number[];
}

const KINDS = { counter: Counter, gauge: Gauge, histogram: Histogram } as const;

/**
 * Registers `spec`, or reuses the same metric when the registry already has it (a second
 * instrumenter on one registry shares the series). A different metric under that name is a
 * configuration error.
 */
export function register<K extends MetricSpec['kind']>(spec: MetricSpec & { kind: K }, r: Registration): InstanceType<(typeof KINDS)[K]> {
  const name = r.prefix + spec.name;
  const labelNames = [...r.constantLabels, ...spec.labels];
  const Kind = KINDS[spec.kind];
  const existing = r.registry.getSingleMetric(name) as { labelNames?: readonly string[] } | undefined;
  if (existing !== undefined) {
    const sameLabels = existing.labelNames?.join() === labelNames.join();
    if (!(existing instanceof Kind) || !sameLabels) rangeError('prometheusInstrumenter', 'registry', `free of other metrics named ${name}`, existing);
    return existing as InstanceType<(typeof KINDS)[K]>;
  }
  const config = { name, help: spec.help, labelNames, registers: [r.registry] };
  if (spec.kind === 'histogram') return new Histogram({ ...config, buckets: [...r.buckets] }) as InstanceType<(typeof KINDS)[K]>;
  return new Kind(config) as InstanceType<(typeof KINDS)[K]>;
}
