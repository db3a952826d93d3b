import type { Meter, Tracer } from '@opentelemetry/api';
import { checkOptionsObject, checkPositiveInteger, typeError } from '../../core/validate.js';

/** Options of {@link otelInstrumenter}. */
export interface OtelInstrumenterOptions {
  /** Tracer for the spans. @defaultValue the global tracer provider's `resile` tracer */
  tracer?: Tracer;
  /** Meter for the metrics. @defaultValue the global meter provider's `resile` meter, followed if an SDK registers later */
  meter?: Meter;
  /** Distinct `resile.name` values kept on metrics; later new names become `other`. @defaultValue 100 */
  maxNames?: number;
  /** Record failed attempts' and calls' errors with `recordException` (type, message, stack). @defaultValue true */
  recordExceptions?: boolean;
}

/** Validated options. */
export interface NormalizedOtelOptions {
  readonly tracer: Tracer | undefined;
  readonly meter: Meter | undefined;
  readonly maxNames: number;
  readonly recordExceptions: boolean;
}

const OWNER = 'otelInstrumenter';

/** Validates `options` at construction (exact messages, TypeError/RangeError). */
export function normalizeOtelOptions(options: OtelInstrumenterOptions | undefined): NormalizedOtelOptions {
  const o = checkOptionsObject<OtelInstrumenterOptions>(OWNER, options);
  if (o.tracer !== undefined && !hasMethod(o.tracer, 'startSpan')) typeError(OWNER, 'tracer', 'an OpenTelemetry Tracer', o.tracer);
  if (o.meter !== undefined && !hasMethod(o.meter, 'createCounter')) typeError(OWNER, 'meter', 'an OpenTelemetry Meter', o.meter);
  if (o.recordExceptions !== undefined && typeof o.recordExceptions !== 'boolean') typeError(OWNER, 'recordExceptions', 'a boolean', o.recordExceptions);
  return {
    tracer: o.tracer,
    meter: o.meter,
    maxNames: o.maxNames === undefined ? 100 : checkPositiveInteger(OWNER, 'maxNames', o.maxNames),
    recordExceptions: o.recordExceptions ?? true,
  };
}

function hasMethod(value: unknown, method: string): boolean {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[method] === 'function';
}
