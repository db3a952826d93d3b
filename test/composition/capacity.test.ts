import { describe, expect, it } from 'vitest';
import {
  AdaptiveLimiter,
  Bulkhead,
  BulkheadFullError,
  execute,
  policy,
  bulkhead,
  rateLimit,
  priorityBulkhead,
  adaptiveLimit,
  retry,
  Priority,
  PriorityBulkhead,
  RateLimiter,
  RateLimitExceededError,
  type BulkheadFullEvent,
  type RateLimitExceededEvent,
  type ShedLoadEvent,
} from '../../src/index.js';
import { delay, useClock } from '../helpers/clock.js';
import { deferred } from '../helpers/deferred.js';

describe('capacity layers inside execute', () => {
  it('a queued call holds one bulkhead slot for all of its retries', async () => {
    const clock = useClock();
    const shared = new Bulkhead(1, { clock, queue: 1 });
    let attempts = 0;
    const seen: number[] = [];
    const first = execute(
      async () => {
        seen.push(shared.active);
        if (++attempts < 3) throw new Error('flaky');
        return 'done';
      },
      { clock, bulkhead: shared, maxAttempts: 3, baseDelay: 10 },
    );
    const second = execute(() => 'second', { clock, bulkhead: shared, maxAttempts: 1 });
    await clock.flush();
    expect(shared.queued).toBe(1);
    await clock.runAll();
    expect(await first).toBe('done');
    expect(await second).toBe('second');
    expect(seen).toEqual([1, 1, 1]);
    expect(shared.active).toBe(0);
  });

  it('one rate-limit token per call, whatever its retries', async () => {
    const clock = useClock();
    const rl = new RateLimiter({ limit: 2, interval: 1000, clock });
    let attempts = 0;
    const call = execute(
      () => {
        if (++attempts < 3) throw new Error('flaky');
        return attempts;
      },
      { clock, rateLimiter: rl, maxAttempts: 3, baseDelay: 1 },
    );
    await clock.runAll();
    expect(await call).toBe(3);
    expect(rl.tokens).toBeLessThan(1.1); // 2 − 1 token, plus a sliver refilled during the backoffs
  });

  it('nests in the fixed order: a rate-limited call takes no bulkhead slot; fallback sees every refusal', async () => {
    const clock = useClock();
    const rl = new RateLimiter({ limit: 1, interval: 1000, clock });
    const bh = new Bulkhead(5, { clock });
    const layers = policy(rateLimit(rl), bulkhead(bh));
    expect(await layers.execute(() => 'in', { clock })).toBe('in');
    await expect(layers.execute(() => 'out', { clock })).rejects.toBeInstanceOf(RateLimitExceededError);
    expect(bh.active).toBe(0);
    const recovered = await execute(() => 'never', { clock, rateLimiter: rl, bulkhead: bh, fallback: (e) => (e as Error).name });
    expect(recovered).toBe('RateLimitExceededError');
  });

  it('adaptive limiter and priority bulkhead refuse with ShedLoadError; bulkhead with BulkheadFullError; each reaches fallback', async () => {
    const clock = useClock();
    const gate = deferred();
    const al = new AdaptiveLimiter({ clock, initialLimit: 1 });
    const pb = new PriorityBulkhead(2, undefined, { clock });
    const bh = new Bulkhead(1, { clock });
    const held = [execute(() => gate.promise, { clock, adaptiveLimiter: al }), execute(() => gate.promise, { clock, bulkhead: bh }), execute(() => gate.promise, { clock, priorityBulkhead: pb })];
    const name = (e: unknown): string => (e as Error).name;
    expect(await execute(() => 'x', { clock, adaptiveLimiter: al, fallback: name })).toBe('ShedLoadError');
    expect(await execute(() => 'x', { clock, bulkhead: bh, fallback: name })).toBe('BulkheadFullError');
    expect(await execute(() => 'x', { clock, priorityBulkhead: pb, priority: Priority.Low, fallback: name })).toBe('ShedLoadError');
    expect(await execute(() => 'critical', { clock, priorityBulkhead: pb, priority: Priority.Critical })).toBe('critical');
    gate.resolve();
    await Promise.all(held);
  });

  it("delivers a block's rejection events to the call's instrumenters too", async () => {
    const clock = useClock();
    const full: BulkheadFullEvent[] = [];
    const limited: RateLimitExceededEvent[] = [];
    const shed: ShedLoadEvent[] = [];
    const instrumenter = { onBulkheadFull: (e: BulkheadFullEvent) => full.push(e), onRateLimitExceeded: (e: RateLimitExceededEvent) => limited.push(e), onShedLoad: (e: ShedLoadEvent) => shed.push(e) };
    const gate = deferred();
    const bh = new Bulkhead(1, { clock });
    const held = execute(() => gate.promise, { clock, bulkhead: bh });
    await execute(() => 1, { clock, bulkhead: bh, instrumenter, name: 'call' }).catch(() => undefined);
    const rl = new RateLimiter({ limit: 1, interval: 100, clock });
    rl.tryAcquire();
    await execute(() => 1, { clock, rateLimiter: rl, instrumenter }).catch(() => undefined);
    const pb = new PriorityBulkhead(4, { low: 0.25 }, { clock });
    const heldLow = execute(() => gate.promise, { clock, priorityBulkhead: pb, priority: Priority.Low });
    await execute(() => 1, { clock, priorityBulkhead: pb, priority: Priority.Low, instrumenter }).catch(() => undefined);
    expect(full).toHaveLength(1);
    expect(full[0]).toMatchObject({ name: 'call', active: 1, capacity: 1, reason: 'full' });
    expect(full[0]!.execution).toMatchObject({ name: 'call' });
    expect(limited).toHaveLength(1);
    expect(limited[0]!.retryAfter).toBeCloseTo(100, 9);
    expect(shed.map((e) => e.priority)).toEqual(['low']);
    gate.resolve();
    await Promise.all([held, heldLow]);
  });

  it('a bulkhead capacity is private to the options object: reused options share it, fresh ones do not', async () => {
    const clock = useClock();
    const gate = deferred();
    const options = { clock, bulkhead: 1, maxAttempts: 1 };
    const held = execute(() => gate.promise, options);
    await expect(execute(() => 'x', options)).rejects.toBeInstanceOf(BulkheadFullError);
    expect(await execute(() => 'fresh', { clock, bulkhead: 1 })).toBe('fresh');
    gate.resolve();
    await held;
    expect(await execute(() => 'again', options)).toBe('again');
  });

  it('a { limit, interval } rate limit is private to that object and shared by every call passing it', async () => {
    const clock = useClock();
    const quota = { limit: 2, interval: 1000, clock };
    expect(await execute(() => 1, { clock, rateLimiter: quota })).toBe(1);
    expect(await execute(() => 2, { clock, rateLimiter: quota })).toBe(2);
    const error = await execute(() => 3, { clock, rateLimiter: quota }).then(undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitExceededError);
    expect((error as RateLimitExceededError).retryAfter).toBeCloseTo(500, 9);
    expect(await execute(() => 'other', { clock, rateLimiter: { limit: 2, interval: 1000, clock } })).toBe('other');
  });

  it('the policy strategy factories return the shared blocks as they are', () => {
    const clock = useClock();
    const al = new AdaptiveLimiter({ clock });
    const pb = new PriorityBulkhead(3);
    const rl = new RateLimiter({ limit: 1, interval: 1 });
    const p = policy(rateLimit(rl), adaptiveLimit(al), priorityBulkhead(pb), retry());
    expect(p.strategies.map((s) => s.kind)).toEqual(['rate-limit', 'adaptive-limit', 'priority-bulkhead', 'retry']);
    expect(p.strategies[1]).toBe(al);
  });

  it('validates the capacity options of execute', () => {
    const run = (o: object) => () => execute(() => 1, o);
    expect(run({ bulkhead: 0 })).toThrow(new RangeError('execute: bulkhead must be a positive integer or a Bulkhead (got 0)'));
    expect(run({ bulkhead: '3' })).toThrow(new TypeError('execute: bulkhead must be a positive integer or a Bulkhead (got "3")'));
    expect(run({ rateLimiter: 5 })).toThrow(new TypeError('execute: rateLimiter must be a RateLimiter or { limit, interval, burst? } (got 5)'));
    expect(run({ rateLimiter: { limit: 0, interval: 1000 } })).toThrow(new RangeError('RateLimiter: limit must be a positive integer (got 0)'));
    expect(run({ priorityBulkhead: {} })).toThrow(new TypeError('execute: priorityBulkhead must be a PriorityBulkhead (got an object)'));
    expect(run({ adaptiveLimiter: 3 })).toThrow(new TypeError('execute: adaptiveLimiter must be an AdaptiveLimiter (got 3)'));
  });

  it('the priority comes from the call options (over the ambient one) inside execute', async () => {
    const clock = useClock();
    const pb = new PriorityBulkhead(1, { standard: 0.5, low: 0.5, critical: 1 }, { clock });
    const gate = deferred();
    const held = execute(() => delay(clock, 1).then(() => gate.promise), { clock, priorityBulkhead: pb, priority: Priority.Critical });
    await expect(execute(() => 1, { clock, priorityBulkhead: pb, priority: Priority.Critical, maxAttempts: 1 })).rejects.toBeInstanceOf(BulkheadFullError);
    await clock.runAll();
    gate.resolve();
    await held;
  });
});
