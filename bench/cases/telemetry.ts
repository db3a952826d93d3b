// Issue 5 overhead: what attaching telemetry costs a composed call (bulkhead + circuit breaker +
// retry + attempt timeout + fallback + deadline). Rows: no instrumenter;
// the OTel adapter with no SDK registered (its enabled() gate makes the call build no events:
// target ≤ 10% over none); then, for information, the adapters doing real work.
import { Writable } from 'node:stream';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import pino from 'pino';
import { Registry } from 'prom-client';
import { Bulkhead, bulkhead, CircuitBreaker, circuitBreaker, execute, policy, retry, timeout, type ExecuteOptions } from 'resile';
import { loggerInstrumenter } from 'resile/logger';
import { otelInstrumenter } from 'resile/otel';
import { prometheusInstrumenter } from 'resile/prometheus';
import type { BenchGroup } from '../harness.js';

const fn = (): Promise<number> => Promise.resolve(1);
const composition: ExecuteOptions<number> = {
  name: 'bench',
  bulkhead: new Bulkhead(100, { name: 'pool' }),
  circuitBreaker: new CircuitBreaker({ name: 'dependency' }),
  maxAttempts: 3,
  attemptTimeout: 1000,
  fallback: () => 0,
  timeout: 5000,
};

const withInstrumenter = (instrumenter: NonNullable<ExecuteOptions['instrumenter']>): ExecuteOptions<number> => ({ ...composition, instrumenter });
const noSdk = withInstrumenter(otelInstrumenter());
const withSdk = withInstrumenter(
  otelInstrumenter({ tracer: new BasicTracerProvider().getTracer('bench'), meter: new MeterProvider().getMeter('bench') }),
);
const prometheus = withInstrumenter(prometheusInstrumenter({ registry: new Registry() }));
const sink = new Writable({ write: (_chunk, _encoding, done) => { done(); } });
const logger = withInstrumenter(loggerInstrumenter(pino({ level: 'info' }, sink)));

// The four-strategy policy of bench/cases/composition.ts, with a call-level instrumenter.
const four = policy(bulkhead(new Bulkhead(1000)), retry({ maxAttempts: 3 }), circuitBreaker(new CircuitBreaker()), timeout(1000));
const otelCall = { instrumenter: otelInstrumenter() };

const NONE = 'no instrumenter';
const NO_SDK = 'OTel adapter, no SDK registered';

export const groups: BenchGroup[] = [
  {
    title: 'bulkhead + breaker + retry + attempt timeout + fallback + deadline, success path',
    tasks: [
      { name: NONE, fn: () => execute(fn, composition) },
      { name: NO_SDK, fn: () => execute(fn, noSdk) },
      { name: 'OTel adapter + SDK (recording, no exporter)', fn: () => execute(fn, withSdk) },
      { name: 'Prometheus adapter', fn: () => execute(fn, prometheus) },
      { name: 'logger adapter (pino at info)', fn: () => execute(fn, logger) },
    ],
    targets: [{ label: 'OTel adapter without an SDK ≤ 1.10× no instrumenter (shown as speed ratio ≥ 0.91)', task: NO_SDK, fasterThan: { than: NONE, factor: 1 / 1.1 } }],
  },
  {
    title: 'policy(bulkhead, retry, breaker, timeout), success path',
    tasks: [
      { name: 'policy, no instrumenter', fn: () => four.execute(fn) },
      { name: 'policy, OTel adapter, no SDK registered', fn: () => four.execute(fn, otelCall) },
    ],
    targets: [
      {
        label: 'policy with the OTel adapter without an SDK ≤ 1.10× without (shown as speed ratio ≥ 0.91)',
        task: 'policy, OTel adapter, no SDK registered',
        fasterThan: { than: 'policy, no instrumenter', factor: 1 / 1.1 },
      },
    ],
  },
];
