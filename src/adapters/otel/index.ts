/** resile/otel: OpenTelemetry traces and metrics for resile (peer dependency `@opentelemetry/api`). */
export { otelInstrumenter } from './otel.js';
export type { OtelInstrumenterOptions } from './options.js';
