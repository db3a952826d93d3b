// Telling a real OpenTelemetry SDK from the API's no-op defaults, so an adapter attached before
// (or without) an SDK costs a call nothing. Checks compare identities and class names because
// a process may hold two copies of @opentelemetry/api (ESM and CommonJS builds).
import { createNoopMeter, metrics, trace, type Meter, type MeterProvider, type Tracer, type TracerProvider } from '@opentelemetry/api';

const NOOP_METER = createNoopMeter();

// Reading a class name is slow-ish and the answer never changes for an object: remember it.
const names = new WeakMap<object, string | undefined>();

function className(value: object): string | undefined {
  const known = names.get(value);
  if (known !== undefined || names.has(value)) return known;
  const ctor = (value as { constructor?: { name?: unknown } }).constructor;
  const name = typeof ctor?.name === 'string' ? ctor.name : undefined;
  names.set(value, name);
  return name;
}

// The global provider is the API's proxy; without an SDK its delegate is the no-op provider.
function delegateOf(provider: TracerProvider): TracerProvider {
  const proxy = provider as { getDelegate?: () => TracerProvider };
  return typeof proxy.getDelegate === 'function' ? proxy.getDelegate() : provider;
}

/** True when `provider` forwards to a registered SDK (a proxy with a real delegate, or the SDK itself). */
export function isLiveTracerProvider(provider: TracerProvider): boolean {
  return className(delegateOf(provider)) !== 'NoopTracerProvider';
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

// Where every @opentelemetry/api 1.x copy registers its global providers (the API's shared
// cross-copy key for major version 1). Absent: nothing was ever registered, so no SDK.
const GLOBAL_KEY = Symbol.for('opentelemetry.js.api.1');

/** False while no copy of the OpenTelemetry API has registered any global (a field read). */
export function anyGlobalRegistered(): boolean {
  return (globalThis as Record<symbol, unknown>)[GLOBAL_KEY] !== undefined;
}

/**
 * Follows the global providers: the metrics API has no proxy, so a meter taken before the SDK
 * was registered stays a no-op forever. This re-resolves the tracer and the meter whenever the
 * registered provider (or the tracer proxy's delegate) changes; otherwise a call costs two
 * global look-ups and identity checks.
 */
export class GlobalProviders {
  private tracerDelegate: TracerProvider | undefined;
  private liveTracer: Tracer | undefined;
  private meterProvider: MeterProvider | undefined;
  private liveMeter: Meter | undefined;

  constructor(private readonly scope: string) {}

  /** The global tracer, or `undefined` while no SDK is registered. */
  tracer(): Tracer | undefined {
    const provider = trace.getTracerProvider();
    const delegate = delegateOf(provider);
    if (delegate !== this.tracerDelegate) {
      this.tracerDelegate = delegate;
      this.liveTracer = className(delegate) === 'NoopTracerProvider' ? undefined : provider.getTracer(this.scope);
    }
    return this.liveTracer;
  }

  /** The global meter, or `undefined` while no SDK is registered. */
  meter(): Meter | undefined {
    const provider = metrics.getMeterProvider();
    if (provider !== this.meterProvider) {
      this.meterProvider = provider;
      const meter = provider.getMeter(this.scope);
      this.liveMeter = isLiveMeter(meter) ? meter : undefined;
    }
    return this.liveMeter;
  }
}
