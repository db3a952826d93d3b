// otelInstrumenter's enabled() gate, isolation from broken sinks, and option validation.
import { metrics, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { delay, settle, useClock } from '../../../test/helpers/clock.js';
import { otelSdk } from '../../../test/helpers/otel.js';
import { execute } from '../../policy/execute.js';
import { otelInstrumenter } from './otel.js';

const T0 = 1_700_000_000_000;

describe('otelInstrumenter: no SDK', () => {
  it('is disabled until a global provider is registered, then follows it', async () => {
    const clock = useClock();
    const instrumenter = otelInstrumenter();
    expect(instrumenter.enabled?.()).toBe(false);
    expect(otelInstrumenter({ tracer: trace.getTracer('x'), meter: metrics.getMeter('x') }).enabled?.()).toBe(false);
    const sdk = otelSdk();
    trace.setGlobalTracerProvider(sdk.tracerProvider);
    try {
      expect(instrumenter.enabled?.()).toBe(true);
      await settle(clock, execute(() => 1, { clock, instrumenter }));
      expect(sdk.spans().map((s) => s.name).sort()).toEqual(['resile.attempt', 'resile.execute']);
    } finally {
      trace.disable();
    }
    expect(instrumenter.enabled?.()).toBe(false);
    metrics.setGlobalMeterProvider(sdk.meterProvider);
    try {
      expect(instrumenter.enabled?.()).toBe(true);
      await settle(clock, execute(() => 1, { clock, instrumenter }));
      expect(await sdk.points('resile.attempts')).toHaveLength(1);
    } finally {
      metrics.disable();
    }
    expect(instrumenter.enabled?.()).toBe(false);
  });
});

describe('otelInstrumenter: isolation', () => {
  it('a throwing tracer or meter never changes the outcome of a call', async () => {
    const clock = useClock();
    const boom = (): never => {
      throw new Error('sink broke');
    };
    const tracer = { startSpan: boom, startActiveSpan: boom };
    const instrument = { add: boom, record: boom };
    const meter = { ...otelSdk().meter, createCounter: () => instrument, createHistogram: () => instrument, createGauge: () => instrument };
    const reported: string[] = [];
    const out = await settle(
      clock,
      execute(() => 'fine', {
        clock,
        instrumenter: [otelInstrumenter({ tracer: tracer as never, meter: meter as never }), { onListenerError: (e) => reported.push(e.hook) }],
      }),
    );
    expect(out).toEqual({ ok: true, value: 'fine' });
    expect(reported).toEqual(expect.arrayContaining(['onExecutionStart', 'onAttemptEnd', 'onExecutionEnd']));
  });

  it('an exporter that never finishes does not delay the call', async () => {
    const clock = useClock();
    const { BasicTracerProvider, SimpleSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
    const stuck = { export: () => undefined, shutdown: () => Promise.resolve() };
    const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(stuck)] }).getTracer('t');
    const p = execute(() => delay(clock, 5).then(() => 'done'), { clock, instrumenter: otelInstrumenter({ tracer }) });
    await clock.advance(5);
    expect(await p).toBe('done');
    expect(clock.now()).toBe(T0 + 5);
  });
});

describe('otelInstrumenter: options', () => {
  it('validates its options with exact messages', () => {
    expect(() => otelInstrumenter({ tracer: {} as never })).toThrow(new TypeError('otelInstrumenter: tracer must be an OpenTelemetry Tracer (got an object)'));
    expect(() => otelInstrumenter({ meter: 3 as never })).toThrow(new TypeError('otelInstrumenter: meter must be an OpenTelemetry Meter (got 3)'));
    expect(() => otelInstrumenter({ maxNames: 0 })).toThrow(new RangeError('otelInstrumenter: maxNames must be a positive integer (got 0)'));
    expect(() => otelInstrumenter({ recordExceptions: 'yes' as never })).toThrow(new TypeError('otelInstrumenter: recordExceptions must be a boolean (got "yes")'));
    expect(() => otelInstrumenter(null as never)).toThrow(new TypeError('otelInstrumenter: options must be an object (got null)'));
  });
});

describe('otelInstrumenter: block-only events', () => {
  it('records block events outside any call once an SDK is registered', async () => {
    const instrumenter = otelInstrumenter();
    const sdk = otelSdk();
    metrics.setGlobalMeterProvider(sdk.meterProvider);
    try {
      instrumenter.onCircuitStateChange?.({ at: T0, name: 'db', from: 'open', to: 'half-open' });
      const points = await sdk.points('resile.circuit.state');
      expect(points.map((p) => [p.attributes['resile.name'], p.value])).toEqual([['db', 2]]);
    } finally {
      metrics.disable();
    }
  });
});
