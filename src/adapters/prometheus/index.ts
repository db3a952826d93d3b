/** resile/prometheus: prom-client metrics for resile (peer dependency `prom-client`). */
export { prometheusInstrumenter } from './prometheus.js';
export type { PrometheusInstrumenterOptions } from './options.js';
