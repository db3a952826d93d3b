// A real OpenTelemetry SDK for tests: in-memory span exporter and a pull metric reader.
import type { Attributes, HrTime } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { MeterProvider, MetricReader, type DataPoint, type Histogram } from '@opentelemetry/sdk-metrics';

/** A reader that exports nothing: tests pull with `collect()`. */
export class PullReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }

  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Epoch milliseconds of an OpenTelemetry time. */
export function ms(t: HrTime): number {
  return t[0] * 1000 + t[1] / 1e6;
}

/** A fresh SDK: tracer, meter and ways to read what they recorded. */
export function otelSdk() {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const reader = new PullReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    exporter,
    tracerProvider,
    meterProvider,
    reader,
    tracer: tracerProvider.getTracer('test'),
    meter: meterProvider.getMeter('test'),
    spans: (): ReadableSpan[] => exporter.getFinishedSpans(),
    /** The data points of metric `name` (empty when it was never recorded). */
    async points(name: string): Promise<{ attributes: Attributes; value: number | Histogram }[]> {
      const { resourceMetrics } = await reader.collect();
      const metric = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name);
      const points = (metric?.dataPoints ?? []) as DataPoint<number | Histogram>[];
      return points.map((p) => ({ attributes: p.attributes, value: p.value }));
    },
  };
}

/** The span named `name` (the only one), or a failure. */
export function only(spans: ReadableSpan[], name: string): ReadableSpan {
  const found = spans.filter((s) => s.name === name);
  if (found.length !== 1) throw new Error(`expected one span ${name}, got ${String(found.length)}`);
  return found[0]!;
}
