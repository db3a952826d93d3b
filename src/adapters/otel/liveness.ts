// Telling a real OpenTelemetry SDK from the API's no-op defaults, so an adapter attached before
// (or without) an SDK costs a call nothing. Checks compare identities and class names because
// a process may hold two copies of @opentelemetry/api (ESM and CommonJS builds).
import { createNoopMeter, metrics, trace, type Meter, type MeterProvider, type Tracer, type TracerProvider } from '@opentelemetry/api';

const NOOP_METER = createNoopMeter();

function className(value: object): string | undefined {
  const ctor = (value as { constructor?: { name?: unknown } }).constructor;
  return typeof ctor?.name === 'string' ? ctor.name : undefined;
}

/** True when `provider` forwards to a registered SDK (a proxy with a real delegate, or the SDK itself). */
export function isLiveTracerProvider(provider: TracerProvider): boolean {
  // The global provider is the API's proxy; without an SDK its delegate is the no-op provider.
  const proxy = provider as { getDelegate?: () => TracerProvider };
  const delegate = typeof proxy.getDelegate === 'function' ? proxy.getDelegate() : provider;
  return className(delegate) !== 'NoopTracerProvider';
}

/** True when spans from `tracer` can be recorded: not the no-op tracer, nor a proxy without an SDK. */
export function isLiveTracer(tracer: Tracer): boolean {
  const name = className(tracer);
  if (name === 'NoopTracer') return false;
  if (name === 'ProxyTracer') return isLiveTracerProvider(trace.getTracerProvider());
  return true;
}

/** True unless `meter` is the API's no-op meter. */
export function isLiveMeter(meter: Meter): boolean {
  return meter !== NOOP_METER && className(meter) !== 'NoopMeter';
}

/**
 * Follows the global providers: the metrics API has no proxy, so a meter taken before the SDK
 * was registered stays a no-op forever. This re-resolves the tracer and the meter whenever the
 * registered provider changes (an identity check per call).
 */
export class GlobalProviders {
  private tracerProvider: TracerProvider | undefined;
  private meterProvider: MeterProvider | undefined;
  private cachedTracer: Tracer | undefined;
  private cachedMeter: Meter | undefined;

  constructor(private readonly scope: string) {}

  /** The global tracer, or `undefined` while no SDK is registered. */
  tracer(): Tracer | undefined {
    const provider = trace.getTracerProvider();
    if (provider !== this.tracerProvider || this.cachedTracer === undefined) {
      this.tracerProvider = provider;
      this.cachedTracer = provider.getTracer(this.scope);
    }
    return isLiveTracerProvider(provider) ? this.cachedTracer : undefined;
  }

  /** The global meter, or `undefined` while no SDK is registered. */
  meter(): Meter | undefined {
    const provider = metrics.getMeterProvider();
    if (provider !== this.meterProvider || this.cachedMeter === undefined) {
      this.meterProvider = provider;
      this.cachedMeter = provider.getMeter(this.scope);
    }
    return isLiveMeter(this.cachedMeter) ? this.cachedMeter : undefined;
  }
}
