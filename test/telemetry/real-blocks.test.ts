// The three adapters fed by the real blocks (CircuitBreaker, Bulkhead, RateLimiter) inside
// execute: one breaker opening, bulkhead occupancy and a rate-limit refusal seen by OTel,
// pino and Prometheus at once.
import { Writable } from 'node:stream';
import pino from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { loggerInstrumenter } from '../../src/adapters/logger/index.js';
import { otelInstrumenter } from '../../src/adapters/otel/index.js';
import { prometheusInstrumenter } from '../../src/adapters/prometheus/index.js';
import { Bulkhead, CircuitBreaker, constant, execute, PriorityBulkhead, RateLimiter } from '../../src/index.js';
import { settle, useClock } from '../helpers/clock.js';
import { only, otelSdk } from '../helpers/otel.js';
import { parseExposition, valueOf } from '../helpers/prom-text.js';

describe('adapters with the real blocks', () => {
  it('see a breaker open, bulkhead usage and a rate-limit refusal', async () => {
    const clock = useClock();
    const sdk = otelSdk();
    const registry = new Registry();
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const instrumenter = [
      otelInstrumenter({ tracer: sdk.tracer, meter: sdk.meter }),
      loggerInstrumenter(pino({ level: 'info', base: null, timestamp: false }, stream), { clock }),
      prometheusInstrumenter({ registry }),
    ];
    const breaker = new CircuitBreaker({ name: 'payments-db', failureThreshold: 2, resetTimeout: 1000, clock });
    const pool = new Bulkhead(2, { name: 'pool', clock });
    const quota = new RateLimiter({ name: 'quota', limit: 1, interval: 60_000, clock });

    const failing = await settle(
      clock,
      execute(() => Promise.reject(new Error('connection refused')), {
        clock,
        name: 'charge',
        circuitBreaker: breaker,
        bulkhead: pool,
        maxAttempts: 3,
        backoff: constant(10),
        instrumenter,
      }),
    );
    expect(failing.ok).toBe(false);
    expect(breaker.state).toBe('open');
    await settle(clock, execute(() => 'ok', { clock, name: 'quoted', rateLimiter: quota, instrumenter }));
    const limited = await settle(clock, execute(() => 'ok', { clock, name: 'quoted', rateLimiter: quota, instrumenter }));
    expect(limited.ok).toBe(false);

    // Logs: the breaker opening is an error line; the refusal a warn line.
    expect(lines.find((l) => l['resile.event'] === 'circuit_state_change')).toMatchObject({
      level: 50,
      msg: 'resile: circuit breaker opened',
      'resile.name': 'payments-db',
      'resile.execution.name': 'charge',
      'resile.circuit.to_state': 'open',
    });
    expect(lines.find((l) => l['resile.event'] === 'give_up')).toMatchObject({ level: 40, 'resile.give_up.reason': 'circuit-open' });
    expect(lines.find((l) => l['resile.event'] === 'rate_limit_exceeded')).toMatchObject({ level: 40, 'resile.name': 'quota' });

    // Prometheus.
    const { samples } = parseExposition(await registry.metrics());
    expect(valueOf(samples, 'circuit_breaker_state_changes_total', { dependency: 'payments-db', to_state: 'open' })).toBe(1);
    expect(valueOf(samples, 'circuit_breaker_state', { dependency: 'payments-db' })).toBe(1);
    expect(valueOf(samples, 'bulkhead_max_concurrent', { dependency: 'pool' })).toBe(2);
    expect(valueOf(samples, 'bulkhead_active_calls', { dependency: 'pool' })).toBe(0);
    expect(valueOf(samples, 'rate_limiter_rejections_total', { dependency: 'quota' })).toBe(1);
    expect(valueOf(samples, 'retry_attempts_total', { dependency: 'charge', outcome: 'failure' })).toBe(3);

    // OpenTelemetry: the transition is an event on the call's span; metrics follow the blocks.
    const call = only(sdk.spans(), 'resile.execute charge');
    expect(call.events.map((e) => e.name)).toContain('resile.circuit_state_change');
    expect((await sdk.points('resile.circuit.state')).map((p) => [p.attributes['resile.name'], p.value])).toEqual([['payments-db', 1]]);
    expect((await sdk.points('resile.bulkhead.capacity')).map((p) => p.value)).toEqual([2]);
    const rejections = (await sdk.points('resile.rejections')).map((p) => [p.attributes['resile.name'], p.attributes['resile.rejection.reason'], p.value]);
    expect(rejections).toEqual(expect.arrayContaining([['quota', 'rate_limited', 1], ['charge', 'circuit_open', 1]]));
  });

  it('a bulkhead reports every change of occupancy to its own instrumenter', async () => {
    const clock = useClock();
    const seen: [number, number][] = [];
    const pool = new Bulkhead(1, { name: 'pool', queue: 1, clock, instrumenter: { onBulkheadUsage: (e) => seen.push([e.active, e.queued]) } });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = pool.execute(() => gate);
    const second = pool.execute(() => 'second');
    release();
    await settle(clock, Promise.all([first, second]));
    expect(seen).toEqual([
      [1, 0],
      [1, 1],
      [1, 0],
      [0, 0],
    ]);
  });

  it('a priority bulkhead reports admissions and releases', async () => {
    const clock = useClock();
    const seen: number[] = [];
    const pb = new PriorityBulkhead(4, undefined, { name: 'pb', clock, instrumenter: { onBulkheadUsage: (e) => seen.push(e.active) } });
    await settle(clock, pb.execute(() => 'x'));
    expect(seen).toEqual([1, 0]);
  });
});
