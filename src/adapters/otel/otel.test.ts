import { SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { emitting } from '../../../test/helpers/block-events.js';
import { delay, settle, useClock } from '../../../test/helpers/clock.js';
import { ms, only, otelSdk } from '../../../test/helpers/otel.js';
import { CircuitOpenError } from '../../core/errors/circuit-open-error.js';
import { execute } from '../../policy/execute.js';
import { policy } from '../../policy/policy.js';
import { constant } from '../../retry/backoff.js';
import { retry } from '../../retry/retry.js';
import { otelInstrumenter } from './otel.js';

const T0 = 1_700_000_000_000;

describe('otelInstrumenter: spans', () => {
  it('records one span per execute and a child span per attempt, retries as span events', async () => {
    const clock = useClock();
    const sdk = otelSdk();
    let n = 0;
    const out = await settle(
      clock,
      execute(
        async () => {
          await delay(clock, 10);
          if (n++ < 2) throw new Error('flaky');
          return 'ok';
        },
        { clock, name: 'users.get', maxAttempts: 3, backoff: constant(100), instrumenter: otelInstrumenter({ tracer: sdk.tracer, meter: sdk.meter }) },
      ),
    );
    expect(out).toEqual({ ok: true, value: 'ok' });
    const spans = sdk.spans();
    const call = only(spans, 'resile.execute users.get');
    expect([ms(call.startTime), ms(call.endTime)]).toEqual([T0, T0 + 230]);
    expect(call.attributes).toMatchObject({ 'resile.name': 'users.get', 'resile.priority': 'standard', 'resile.outcome': 'success', 'resile.attempts': 3 });
    expect(call.status.code).toBe(SpanStatusCode.UNSET);
    expect(call.events.map((e) => [e.name, ms(e.time), e.attributes])).toEqual([
      ['resile.retry', T0 + 10, { 'resile.name': 'users.get', 'resile.attempt': 0, 'resile.retry.delay_ms': 100, 'resile.retry.server_hint': false, 'error.type': 'Error' }],
      ['resile.retry', T0 + 120, { 'resile.name': 'users.get', 'resile.attempt': 1, 'resile.retry.delay_ms': 100, 'resile.retry.server_hint': false, 'error.type': 'Error' }],
    ]);
    const attempts = spans.filter((s) => s.name === 'resile.attempt').sort((a, b) => Number(a.attributes['resile.attempt']) - Number(b.attributes['resile.attempt']));
    expect(attempts.map((s) => [s.attributes['resile.attempt'], s.attributes['resile.attempt.kind'], s.attributes['resile.outcome'], ms(s.startTime) - T0, ms(s.endTime) - T0])).toEqual([
      [0, 'first', 'failure', 0, 10],
      [1, 'retry', 'failure', 110, 120],
      [2, 'retry', 'success', 220, 230],
    ]);
    for (const a of attempts) {
      expect(a.parentSpanContext?.spanId).toBe(call.spanContext().spanId);
      expect(a.spanContext().traceId).toBe(call.spanContext().traceId);
    }
    expect(attempts.map((s) => s.status.code)).toEqual([SpanStatusCode.ERROR, SpanStatusCode.ERROR, SpanStatusCode.UNSET]);
    expect(attempts[0]?.events.map((e) => [e.name, e.attributes?.['exception.message']])).toEqual([['exception', 'flaky']]);
    expect(attempts[0]?.attributes['error.type']).toBe('Error');
  });

  it('shows hedged attempts as sibling spans; the loser ends unset and marked as lost', async () => {
    const clock = useClock();
    const sdk = otelSdk();
    const durations = [300, 50];
    await settle(
      clock,
      execute(({ attempt, signal }) => delay(clock, durations[attempt] ?? 0, signal).then(() => attempt), {
        clock,
        maxAttempts: 2,
        hedgingDelay: 100,
        instrumenter: otelInstrumenter({ tracer: sdk.tracer, meter: sdk.meter }),
      }),
    );
    const call = only(sdk.spans(), 'resile.execute');
    const [first, second] = sdk.spans().filter((s) => s.name === 'resile.attempt').sort((a, b) => ms(a.startTime) - ms(b.startTime));
    expect(first?.parentSpanContext?.spanId).toBe(call.spanContext().spanId);
    expect(second?.parentSpanContext?.spanId).toBe(call.spanContext().spanId);
    expect(first?.attributes).toMatchObject({ 'resile.attempt': 0, 'resile.outcome': 'hedge-lost', 'resile.hedge.lost': true, 'resile.hedge': false });
    expect(first?.status.code).toBe(SpanStatusCode.UNSET);
    expect(first?.events).toEqual([]);
    expect(ms(first!.endTime) - T0).toBe(150);
    expect(second?.attributes).toMatchObject({ 'resile.attempt': 1, 'resile.attempt.kind': 'hedge', 'resile.outcome': 'success', 'resile.hedge': true });
    expect(call.events.map((e) => [e.name, e.attributes])).toEqual([['resile.hedge', { 'resile.attempt': 1, 'resile.hedge.trigger': 'delay' }]]);
  });

  it('marks a failed call as an error with error.type/code and the exception, never messages as attributes', async () => {
    const clock = useClock();
    const sdk = otelSdk();
    const secret = Object.assign(new Error('socket hang up token=s3cr3t'), { code: 'ECONNRESET' });
    const out = await settle(
      clock,
      execute(() => Promise.reject(secret), { clock, maxAttempts: 2, backoff: constant(1), instrumenter: otelInstrumenter({ tracer: sdk.tracer }) }),
    );
    expect(out.ok).toBe(false);
    const call = only(sdk.spans(), 'resile.execute');
    expect(call.status.code).toBe(SpanStatusCode.ERROR);
    expect(call.attributes).toMatchObject({
      'resile.outcome': 'failure',
      'resile.give_up.reason': 'exhausted',
      'resile.attempts': 2,
      'error.type': 'RetryExhaustedError',
      'error.code': 'ERR_RETRY_EXHAUSTED',
    });
    expect(call.events.at(-1)?.name).toBe('exception');
    const attempt = sdk.spans().find((s) => s.name === 'resile.attempt')!;
    expect(attempt.attributes).toMatchObject({ 'error.type': 'Error', 'error.code': 'ECONNRESET' });
    const outsideExceptions = sdk.spans().flatMap((s) => [s.attributes, ...s.events.filter((e) => e.name !== 'exception').map((e) => e.attributes ?? {})]);
    expect(JSON.stringify(outsideExceptions)).not.toContain('s3cr3t');
  });

  it('with recordExceptions: false records no message at all', async () => {
    const clock = useClock();
    const sdk = otelSdk();
    await settle(clock, execute(() => Promise.reject(new Error('s3cr3t')), { clock, maxAttempts: 1, instrumenter: otelInstrumenter({ tracer: sdk.tracer, recordExceptions: false }) }));
    expect(JSON.stringify(sdk.spans().map((s) => [s.attributes, s.events]))).not.toContain('s3cr3t');
    expect(only(sdk.spans(), 'resile.execute').status.code).toBe(SpanStatusCode.ERROR);
  });

  it('closes an attempt that never reported its end together with the call (no span state left)', async () => {
    const clock = useClock();
    const sdk = otelSdk();
    const p = policy(emitting('onAttempt', { attempt: 7, hedge: false }));
    await settle(clock, p.execute(() => 'v', { clock, instrumenter: otelInstrumenter({ tracer: sdk.tracer }) }));
    const orphan = only(sdk.spans(), 'resile.attempt');
    expect(orphan.attributes).toMatchObject({ 'resile.attempt': 7, 'resile.outcome': 'cancelled' });
    expect(sdk.spans()).toHaveLength(2);
  });

  it('records block events that happen during a call on its span', async () => {
    const clock = useClock();
    const sdk = otelSdk();
    const p = policy(emitting('onCircuitStateChange', { name: 'payments-db', from: 'closed', to: 'open' }), retry({ maxAttempts: 1 }));
    await settle(clock, p.execute(() => 1, { clock, name: 'checkout', instrumenter: otelInstrumenter({ tracer: sdk.tracer }) }));
    const call = only(sdk.spans(), 'resile.execute checkout');
    expect(call.events.map((e) => [e.name, e.attributes])).toEqual([
      [
        'resile.circuit_state_change',
        { 'resile.name': 'payments-db', 'resile.execution.name': 'checkout', 'resile.circuit.from_state': 'closed', 'resile.circuit.to_state': 'open' },
      ],
    ]);
  });
});

describe('otelInstrumenter: metrics', () => {
  it('counts attempts by outcome and records execution durations in seconds', async () => {
    const clock = useClock();
    const sdk = otelSdk();
    const instrumenter = otelInstrumenter({ tracer: sdk.tracer, meter: sdk.meter });
    let n = 0;
    const flaky = async (): Promise<string> => {
      await delay(clock, 20);
      if (n++ === 0) throw new TypeError('once');
      return 'ok';
    };
    await settle(clock, execute(flaky, { clock, name: 'a', backoff: constant(30), instrumenter }));
    await settle(clock, execute(() => Promise.reject(new Error('no')), { clock, name: 'b', maxAttempts: 1, instrumenter }));
    const attempts = await sdk.points('resile.attempts');
    expect(attempts.map((p) => [p.attributes, p.value])).toEqual(
      expect.arrayContaining([
        [{ 'resile.name': 'a', 'resile.attempt.kind': 'first', 'resile.outcome': 'failure', 'error.type': 'TypeError' }, 1],
        [{ 'resile.name': 'a', 'resile.attempt.kind': 'retry', 'resile.outcome': 'success' }, 1],
        [{ 'resile.name': 'b', 'resile.attempt.kind': 'first', 'resile.outcome': 'failure', 'error.type': 'Error' }, 1],
      ]),
    );
    expect(attempts).toHaveLength(3);
    const durations = await sdk.points('resile.execution.duration');
    const a = durations.find((p) => p.attributes['resile.name'] === 'a');
    expect(a?.attributes).toEqual({ 'resile.name': 'a', 'resile.outcome': 'success' });
    expect(a?.value).toMatchObject({ count: 1, sum: 0.07 });
    expect(durations.find((p) => p.attributes['resile.name'] === 'b')?.attributes).toEqual({ 'resile.name': 'b', 'resile.outcome': 'failure', 'error.type': 'Error' });
  });

  it('records breaker, bulkhead, limiter and rejection metrics from block events', async () => {
    const clock = useClock();
    const sdk = otelSdk();
    const instrumenter = otelInstrumenter({ meter: sdk.meter });
    const blocks = policy(
      emitting('onCircuitStateChange', { name: 'db', from: 'closed', to: 'open' }),
      emitting('onBulkheadUsage', { name: 'pool', active: 3, capacity: 4, queued: 1 }),
      emitting('onLimitChange', { name: 'adaptive', from: 20, to: 25 }),
      retry({ maxAttempts: 1 }),
    );
    await settle(clock, blocks.execute(() => 1, { clock, instrumenter }));
    const refusals = [
      emitting('onBulkheadFull', { name: 'pool', active: 4, capacity: 4, queued: 0 }, { error: new Error('full') }),
      emitting('onShedLoad', { name: 'pool', priority: 'low', reason: 'priority' }, { error: new Error('shed') }),
      emitting('onRateLimitExceeded', { name: 'api-quota', retryAfter: 250 }, { error: new Error('limited') }),
    ];
    for (const refusal of refusals) await settle(clock, policy(refusal).execute(() => 1, { clock, instrumenter }));
    await settle(clock, execute(() => Promise.reject(new CircuitOpenError()), { clock, name: 'db', instrumenter }));
    await settle(
      clock,
      execute(() => Promise.reject(new Error('x')), { clock, name: 'c', retryBudget: { name: 'budget', tryRetry: () => false, onSuccess: () => undefined }, instrumenter }),
    );
    expect((await sdk.points('resile.circuit.state_changes')).map((p) => [p.attributes, p.value])).toEqual([
      [{ 'resile.name': 'db', 'resile.circuit.from_state': 'closed', 'resile.circuit.to_state': 'open' }, 1],
    ]);
    expect((await sdk.points('resile.circuit.state')).map((p) => [p.attributes, p.value])).toEqual([[{ 'resile.name': 'db' }, 1]]);
    expect((await sdk.points('resile.bulkhead.active')).map((p) => p.value)).toEqual([4]);
    expect((await sdk.points('resile.bulkhead.capacity')).map((p) => p.value)).toEqual([4]);
    expect((await sdk.points('resile.adaptive.limit')).map((p) => [p.attributes, p.value])).toEqual([[{ 'resile.name': 'adaptive' }, 25]]);
    const rejections = (await sdk.points('resile.rejections')).map((p) => [p.attributes, p.value]);
    expect(rejections).toEqual(
      expect.arrayContaining([
        [{ 'resile.name': 'pool', 'resile.rejection.reason': 'bulkhead_full' }, 1],
        [{ 'resile.name': 'pool', 'resile.rejection.reason': 'shed_load', 'resile.shed.reason': 'priority' }, 1],
        [{ 'resile.name': 'api-quota', 'resile.rejection.reason': 'rate_limited' }, 1],
        [{ 'resile.name': 'db', 'resile.rejection.reason': 'circuit_open' }, 1],
        [{ 'resile.name': 'c', 'resile.rejection.reason': 'retry_throttled' }, 1],
      ]),
    );
    expect(rejections).toHaveLength(5);
  });

  it('bounds distinct names on metrics with maxNames', async () => {
    const clock = useClock();
    const sdk = otelSdk();
    const instrumenter = otelInstrumenter({ meter: sdk.meter, maxNames: 2 });
    for (const name of ['a', 'b', 'c', 'd', 'a']) await settle(clock, execute(() => 1, { clock, name, instrumenter }));
    const names = (await sdk.points('resile.attempts')).map((p) => [p.attributes['resile.name'], p.value]);
    expect(names).toEqual(expect.arrayContaining([['a', 2], ['b', 1], ['other', 2]]));
    expect(names).toHaveLength(3);
  });
});
