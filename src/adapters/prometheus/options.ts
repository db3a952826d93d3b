import { register as globalRegistry, Registry } from 'prom-client';
import { checkOptionsObject, checkPositiveInteger, describeValue, rangeError, typeError } from '../../core/validate.js';
import { DURATION_BUCKETS } from '../shared/vocabulary.js';

/** Options of {@link prometheusInstrumenter}. */
export interface PrometheusInstrumenterOptions {
  /** Where the metrics are registered. @defaultValue prom-client's global `register` */
  registry?: Registry;
  /** Constant labels added to every series, e.g. `{ service: 'checkout' }`. */
  labels?: Record<string, string>;
  /** Prepended to every metric name, e.g. `myapp_`. @defaultValue '' */
  prefix?: string;
  /** Buckets of `execution_duration_seconds`, in seconds. @defaultValue 0.005 … 30 */
  buckets?: readonly number[];
  /** Distinct `dependency` values kept; later new names become `other`. @defaultValue 100 */
  maxDependencies?: number;
}

/** Validated options. */
export interface NormalizedPrometheusOptions {
  readonly registry: Registry;
  readonly labels: Readonly<Record<string, string>>;
  readonly prefix: string;
  readonly buckets: readonly number[];
  readonly maxDependencies: number;
}

const OWNER = 'prometheusInstrumenter';
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Labels the adapter sets itself (and `le`, which histograms use). */
const OWN_LABELS = new Set(['dependency', 'outcome', 'reason', 'to_state', 'le']);

/** Validates `options` at construction (exact messages, TypeError/RangeError). */
export function normalizePrometheusOptions(options: PrometheusInstrumenterOptions | undefined): NormalizedPrometheusOptions {
  const o = checkOptionsObject<PrometheusInstrumenterOptions>(OWNER, options);
  const registry = o.registry ?? globalRegistry;
  if (!(registry instanceof Registry) && typeof (registry as Partial<Registry>).getSingleMetric !== 'function') {
    typeError(OWNER, 'registry', 'a prom-client Registry', o.registry);
  }
  const prefix = o.prefix ?? '';
  if (typeof prefix !== 'string') typeError(OWNER, 'prefix', 'a string', prefix);
  if (prefix !== '' && !METRIC_NAME.test(prefix)) rangeError(OWNER, 'prefix', 'a valid metric name prefix ([a-zA-Z_:][a-zA-Z0-9_:]*)', prefix);
  return {
    registry,
    labels: checkLabels(o.labels),
    prefix,
    buckets: o.buckets === undefined ? DURATION_BUCKETS : checkBuckets(o.buckets),
    maxDependencies: o.maxDependencies === undefined ? 100 : checkPositiveInteger(OWNER, 'maxDependencies', o.maxDependencies),
  };
}

function checkLabels(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  const labels = checkOptionsObject<Record<string, unknown>>(OWNER, value);
  for (const [name, v] of Object.entries(labels)) {
    if (!LABEL_NAME.test(name) || name.startsWith('__')) rangeError(OWNER, 'labels', 'keyed by valid label names', name);
    if (OWN_LABELS.has(name)) rangeError(OWNER, 'labels', `free of the adapter's own labels (${[...OWN_LABELS].join(', ')})`, name);
    if (typeof v !== 'string') typeError(OWNER, `labels.${name}`, 'a string', v);
  }
  return { ...(labels as Record<string, string>) };
}

function checkBuckets(value: unknown): readonly number[] {
  const rule = 'a non-empty array of increasing finite numbers';
  if (!Array.isArray(value)) return typeError(OWNER, 'buckets', rule, value);
  const ok = value.length > 0 && value.every((b, i) => typeof b === 'number' && Number.isFinite(b) && (i === 0 || b > (value[i - 1] as number)));
  if (!ok) rangeError(OWNER, 'buckets', rule, `[${value.map(describeValue).join(', ')}]`);
  return Object.freeze([...(value as number[])]);
}
