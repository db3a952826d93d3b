// OpenTelemetry: a hedged call traced with the console exporter. The slow first attempt is
// hedged after 50 ms; both attempts are sibling spans under the call's span, and the loser ends
// marked `resile.hedge.lost`. otelInstrumenter() uses the global provider registered below.
import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, ConsoleSpanExporter, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { execute } from 'resile';
import { otelInstrumenter } from 'resile/otel';

const memory = new InMemorySpanExporter();
const provider = new BasicTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter()), new SimpleSpanProcessor(memory)],
});
trace.setGlobalTracerProvider(provider);

const latencies = [400, 30]; // the first replica is slow, the hedge is fast
const replica = (attempt: number, signal: AbortSignal): Promise<string> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => { resolve(`replica ${attempt}`); }, latencies[attempt] ?? 30);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    }, { once: true });
  });

const answer = await execute(({ attempt, signal }) => replica(attempt, signal), {
  name: 'search.query',
  maxAttempts: 2,
  hedgingDelay: 50,
  instrumenter: otelInstrumenter(),
});
await provider.forceFlush();

// The same spans as a tree: both attempts hang off the call's span.
const spans = memory.getFinishedSpans();
const root = spans.find((s) => s.parentSpanContext === undefined);
console.log(`\nanswer: ${answer}`);
console.log(`${root?.name ?? '?'} (${String(root?.attributes['resile.outcome'])})`);
for (const s of spans.filter((x) => x.parentSpanContext?.spanId === root?.spanContext().spanId)) {
  const a = s.attributes;
  console.log(`  └─ ${s.name} #${String(a['resile.attempt'])} ${String(a['resile.attempt.kind'])}: ${String(a['resile.outcome'])}${a['resile.hedge.lost'] === true ? ' (lost the hedge)' : ''}`);
}
await provider.shutdown();
