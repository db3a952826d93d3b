import { Counter, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { emitting } from '../../../test/helpers/block-events.js';
import { delay, settle, useClock } from '../../../test/helpers/clock.js';
import { parseExposition, valueOf } from '../../../test/helpers/prom-text.js';
import { execute } from '../../policy/execute.js';
import { policy } from '../../policy/policy.js';
import type { Strategy } from '../../policy/strategy.js';
import { constant } from '../../retry/backoff.js';
import { retry } from '../../retry/retry.js';
import { prometheusInstrumenter } from './prometheus.js';

async function scrape(registry: Registry) {
  return parseExposition(await registry.metrics());
}

describe('prometheusInstrumenter', () => {
  it('counts attempts as first/retry/success/failure and observes execution durations', async () => {
    const clock = useClock();
    const registry = new Registry();
    const instrumenter = prometheusInstrumenter({ registry });
    let n = 0;
    const flaky = async (): Promise<string> => {
      await delay(clock, 40);
      if (n++ < 2) throw new Error('503');
      return 'ok';
    };
    await settle(clock, execute(flaky, { clock, name: 'inventory', backoff: constant(10), instrumenter }));
    await settle(clock, execute(() => Promise.reject(new Error('x')), { clock, name: 'inventory', maxAttempts: 1, instrumenter }));
    const { samples, types } = await scrape(registry);
    const attempts = (outcome: string): number | undefined => valueOf(samples, 'retry_attempts_total', { dependency: 'inventory', outcome });
    expect([attempts('first'), attempts('retry'), attempts('success'), attempts('failure')]).toEqual([2, 2, 1, 3]);
    expect(types).toMatchObject({ retry_attempts_total: 'counter', execution_duration_seconds: 'histogram' });
    expect(valueOf(samples, 'execution_duration_seconds_count', { dependency: 'inventory', outcome: 'success' })).toBe(1);
    expect(valueOf(samples, 'execution_duration_seconds_sum', { dependency: 'inventory', outcome: 'success' })).toBeCloseTo(0.14, 10);
    expect(valueOf(samples, 'execution_duration_seconds_bucket', { dependency: 'inventory', outcome: 'success', le: '0.1' })).toBe(0);
    expect(valueOf(samples, 'execution_duration_seconds_bucket', { dependency: 'inventory', outcome: 'success', le: '0.25' })).toBe(1);
    expect(valueOf(samples, 'execution_duration_seconds_count', { dependency: 'inventory', outcome: 'failure' })).toBe(1);
  });

  it('counts hedges as retries and lost hedges as neither success nor failure', async () => {
    const clock = useClock();
    const registry = new Registry();
    const durations = [300, 50];
    await settle(
      clock,
      execute(({ attempt, signal }) => delay(clock, durations[attempt] ?? 0, signal), {
        clock,
        name: 'search',
        maxAttempts: 2,
        hedgingDelay: 100,
        instrumenter: prometheusInstrumenter({ registry }),
      }),
    );
    const { samples } = await scrape(registry);
    const attempts = (outcome: string): number | undefined => valueOf(samples, 'retry_attempts_total', { dependency: 'search', outcome });
    expect([attempts('first'), attempts('retry'), attempts('success'), attempts('failure')]).toEqual([1, 1, 1, undefined]);
  });

  it('maintains breaker, bulkhead, limiter and rejection metrics from block events', async () => {
    const clock = useClock();
    const registry = new Registry();
    const instrumenter = prometheusInstrumenter({ registry });
    const run = (block: Strategy): Promise<unknown> => settle(clock, policy(block, retry({ maxAttempts: 1 })).execute(() => 1, { clock, instrumenter }));
    await run(emitting('onCircuitStateChange', { name: 'payments-db', from: 'closed', to: 'open' }));
    await run(emitting('onCircuitStateChange', { name: 'payments-db', from: 'open', to: 'half-open' }));
    await run(emitting('onCircuitStateChange', { name: 'payments-db', from: 'half-open', to: 'open' }));
    await run(emitting('onBulkheadUsage', { name: 'pool', active: 7, capacity: 8, queued: 0 }));
    await run(emitting('onBulkheadFull', { name: 'pool', active: 8, capacity: 8, queued: 3 }, { error: new Error('full') }));
    await run(emitting('onBulkheadFull', { name: 'pool', active: 8, capacity: 8, queued: 3, reason: 'queue-timeout' }, { error: new Error('waited') }));
    await run(emitting('onShedLoad', { name: 'pool', priority: 'low', reason: 'priority' }, { error: new Error('shed') }));
    await run(emitting('onShedLoad', { name: 'pool', priority: 'low', reason: 'user 42 said so' }, { error: new Error('shed') }));
    await run(emitting('onRateLimitExceeded', { name: 'quota', retryAfter: 100 }, { error: new Error('rl') }));
    await run(emitting('onLimitChange', { name: 'adaptive', from: 20, to: 14 }));
    await settle(clock, execute(() => Promise.reject(new Error('x')), { clock, name: 'search', retryBudget: { tryRetry: () => false, onSuccess: () => undefined }, instrumenter }));
    const { samples } = await scrape(registry);
    expect(valueOf(samples, 'circuit_breaker_state_changes_total', { dependency: 'payments-db', to_state: 'open' })).toBe(2);
    expect(valueOf(samples, 'circuit_breaker_state_changes_total', { dependency: 'payments-db', to_state: 'half-open' })).toBe(1);
    expect(valueOf(samples, 'circuit_breaker_state', { dependency: 'payments-db' })).toBe(1);
    expect(valueOf(samples, 'bulkhead_active_calls', { dependency: 'pool' })).toBe(8);
    expect(valueOf(samples, 'bulkhead_max_concurrent', { dependency: 'pool' })).toBe(8);
    expect(valueOf(samples, 'bulkhead_rejections_total', { dependency: 'pool', reason: 'full' })).toBe(1);
    expect(valueOf(samples, 'bulkhead_rejections_total', { dependency: 'pool', reason: 'queue-timeout' })).toBe(1);
    expect(valueOf(samples, 'bulkhead_rejections_total', { dependency: 'pool', reason: 'priority' })).toBe(1);
    expect(valueOf(samples, 'bulkhead_rejections_total', { dependency: 'pool', reason: 'other' })).toBe(1);
    expect(valueOf(samples, 'rate_limiter_rejections_total', { dependency: 'quota' })).toBe(1);
    expect(valueOf(samples, 'adaptive_concurrency_limit', { dependency: 'adaptive' })).toBe(14);
    expect(valueOf(samples, 'retry_throttled_total', { dependency: 'search' })).toBe(1);
  });

  it('adds constant labels and a prefix, and bounds dependency values', async () => {
    const clock = useClock();
    const registry = new Registry();
    const instrumenter = prometheusInstrumenter({ registry, prefix: 'shop_', labels: { service: 'checkout' }, maxDependencies: 2 });
    for (const name of ['a', 'b', 'user-1', 'user-2', undefined]) await settle(clock, execute(() => 1, { clock, ...(name === undefined ? {} : { name }), instrumenter }));
    const { samples } = await scrape(registry);
    const firsts = samples.filter((s) => s.name === 'shop_retry_attempts_total' && s.labels.outcome === 'first');
    expect(firsts.map((s) => [s.labels.dependency, s.labels.service, s.value])).toEqual([
      ['a', 'checkout', 1],
      ['b', 'checkout', 1],
      ['other', 'checkout', 2],
      ['unnamed', 'checkout', 1],
    ]);
    expect(samples.some((s) => s.name.startsWith('retry_attempts'))).toBe(false);
  });

  it('never puts error messages in labels', async () => {
    const clock = useClock();
    const registry = new Registry();
    await settle(clock, execute(() => Promise.reject(new Error('password=hunter2')), { clock, maxAttempts: 2, backoff: constant(1), instrumenter: prometheusInstrumenter({ registry }) }));
    expect(await registry.metrics()).not.toContain('hunter2');
  });

  it('shares the metrics when two instrumenters use one registry; refuses a conflicting metric', async () => {
    const clock = useClock();
    const registry = new Registry();
    const a = prometheusInstrumenter({ registry });
    const b = prometheusInstrumenter({ registry });
    await settle(clock, execute(() => 1, { clock, name: 'x', instrumenter: [a, b] }));
    expect(valueOf((await scrape(registry)).samples, 'retry_attempts_total', { dependency: 'x', outcome: 'first' })).toBe(2);
    const other = new Registry();
    new Counter({ name: 'bulkhead_active_calls', help: 'mine', registers: [other] });
    expect(() => prometheusInstrumenter({ registry: other })).toThrow(
      new RangeError('prometheusInstrumenter: registry must be free of other metrics named bulkhead_active_calls (got an object)'),
    );
    expect(() => prometheusInstrumenter({ registry, labels: { team: 'x' } })).toThrow(RangeError);
  });

  it('a broken metric never changes the outcome of a call', async () => {
    const clock = useClock();
    const registry = new Registry();
    const instrumenter = prometheusInstrumenter({ registry });
    const broken = registry.getSingleMetric('retry_attempts_total') as unknown as { inc: () => void };
    broken.inc = () => {
      throw new Error('registry broke');
    };
    const reported: string[] = [];
    const out = await settle(clock, execute(() => 'fine', { clock, instrumenter: [instrumenter, { onListenerError: (e) => reported.push(e.hook) }] }));
    expect(out).toEqual({ ok: true, value: 'fine' });
    expect(reported).toEqual(['onAttempt', 'onAttemptEnd']);
  });

  it('validates its options with exact messages', () => {
    expect(() => prometheusInstrumenter({ registry: {} as never })).toThrow(new TypeError('prometheusInstrumenter: registry must be a prom-client Registry (got an object)'));
    expect(() => prometheusInstrumenter({ registry: new Registry(), prefix: '9x' })).toThrow(
      new RangeError('prometheusInstrumenter: prefix must be a valid metric name prefix ([a-zA-Z_:][a-zA-Z0-9_:]*) (got "9x")'),
    );
    expect(() => prometheusInstrumenter({ registry: new Registry(), prefix: 1 as never })).toThrow(new TypeError('prometheusInstrumenter: prefix must be a string (got 1)'));
    expect(() => prometheusInstrumenter({ registry: new Registry(), labels: { 'bad-name': 'x' } })).toThrow(
      new RangeError('prometheusInstrumenter: labels must be keyed by valid label names (got "bad-name")'),
    );
    expect(() => prometheusInstrumenter({ registry: new Registry(), labels: { dependency: 'x' } })).toThrow(
      new RangeError("prometheusInstrumenter: labels must be free of the adapter's own labels (dependency, outcome, reason, to_state, le) (got \"dependency\")"),
    );
    expect(() => prometheusInstrumenter({ registry: new Registry(), labels: { team: 1 as never } })).toThrow(new TypeError('prometheusInstrumenter: labels.team must be a string (got 1)'));
    expect(() => prometheusInstrumenter({ registry: new Registry(), buckets: [1, 1] })).toThrow(
      new RangeError('prometheusInstrumenter: buckets must be a non-empty array of increasing finite numbers (got "[1, 1]")'),
    );
    expect(() => prometheusInstrumenter({ registry: new Registry(), buckets: 'x' as never })).toThrow(TypeError);
    expect(() => prometheusInstrumenter({ registry: new Registry(), maxDependencies: -1 })).toThrow(
      new RangeError('prometheusInstrumenter: maxDependencies must be a positive integer (got -1)'),
    );
  });
});
